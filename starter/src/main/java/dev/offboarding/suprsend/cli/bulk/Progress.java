package dev.offboarding.suprsend.cli.bulk;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows how far a long job is: on a terminal one redrawn bar ({@code [=====> ] 1,200/5,000 24%
 * 310/s ETA 12s}), otherwise a plain line every {@code plainEvery} so logs stay readable. The total
 * may be unknown (standard input): then done and rate only.
 *
 * <p>Small on purpose: a progress library (and the terminal library it brings) would add more than
 * this one line needs.
 */
public final class Progress implements AutoCloseable {

  private static final int BAR_WIDTH = 24;

  private final PrintStream err;
  private final boolean terminal;
  private final String unit;
  private final LongSupplier done;
  private final LongSupplier total;
  private final long startedNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private int lastWidth;

  /**
   * Starts drawing.
   *
   * @param unit what is counted ({@code users})
   * @param done how many are done now
   * @param total how many there are, or a negative number when unknown
   */
  public Progress(
      PrintStream err,
      boolean terminal,
      Duration plainEvery,
      String unit,
      LongSupplier done,
      LongSupplier total) {
    this.err = err;
    this.terminal = terminal;
    this.unit = unit;
    this.done = done;
    this.total = total;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bulk-progress");
              t.setDaemon(true);
              return t;
            });
    long every = terminal ? 250 : Math.max(1, plainEvery.toMillis());
    // draw() only prints to a PrintStream, which never throws: the periodic task cannot end early.
    ScheduledFuture<?> unused =
        ticker.scheduleAtFixedRate(this::draw, every, every, TimeUnit.MILLISECONDS);
  }

  /** True when {@code System.console()} says a person is watching. */
  public static boolean isTerminal() {
    return System.console() != null;
  }

  /** The current line, without drawing it. */
  public String line() {
    long d = done.getAsLong();
    long t = total.getAsLong();
    double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
    double rate = d / seconds;
    StringBuilder s = new StringBuilder();
    if (t > 0 && terminal) {
      int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * d / t);
      s.append('[')
          .append("=".repeat(filled))
          .append(filled < BAR_WIDTH ? ">" : "")
          .append(" ".repeat(Math.max(0, BAR_WIDTH - filled - 1)))
          .append("] ");
    }
    s.append(String.format(Locale.ROOT, "%,d", d));
    if (t >= 0) {
      s.append(String.format(Locale.ROOT, "/%,d %s (%d%%)", t, unit, t == 0 ? 100 : 100 * d / t));
    } else {
      s.append(' ').append(unit);
    }
    s.append(String.format(Locale.ROOT, ", %.0f/s", rate));
    if (t > 0 && d < t && rate > 0) {
      s.append(", ETA ").append(duration(Duration.ofMillis((long) ((t - d) / rate * 1000))));
    }
    return s.toString();
  }

  private synchronized void draw() {
    String line = line();
    if (terminal) {
      err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      lastWidth = line.length();
    } else {
      err.println("progress: " + line);
    }
    err.flush();
  }

  /** Prints {@code text} on its own line; on a terminal the bar is redrawn below it. */
  public synchronized void printAbove(String text) {
    if (terminal) {
      err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())) + "\n");
      lastWidth = 0;
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** Stops drawing and leaves the last state on its own line. */
  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (terminal) {
      draw();
      err.println();
    } else {
      err.println("progress: " + line());
    }
    err.flush();
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }
}
