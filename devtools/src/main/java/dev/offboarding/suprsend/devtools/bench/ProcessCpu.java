package dev.offboarding.suprsend.devtools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** CPU time of processes (from {@code /proc/<pid>/stat}) and of this JVM's sandbox threads. */
final class ProcessCpu {

  private static final long TICKS_PER_SECOND = clockTicks();

  private ProcessCpu() {}

  /** User plus system CPU time of process {@code pid}, in nanoseconds; -1 where unknown. */
  static long nanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time of this JVM's threads whose name starts with one of {@code prefixes} (the sandbox's
   * pool, which lives as long as the sandbox), to take the sandbox out of the client's figure.
   */
  static long threadNanos(String... prefixes) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      for (String prefix : prefixes) {
        if (info.getThreadName().startsWith(prefix)) {
          sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
          break;
        }
      }
    }
    return sum;
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | RuntimeException e) {
      // the usual value below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
