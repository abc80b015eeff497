package dev.offboarding.suprsend.devtools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Table;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The figures of one benchmark run: the table, the JSON line, and the generated doc section. */
public final class BenchReport {

  static final String BEGIN = "<!-- generated:bench -->";
  static final String END = "<!-- /generated:bench -->";

  /** One row of the table. */
  public record Row(
      String scenario, String figure, String value, String goal, String verdict, double load) {
    Row(String scenario, String figure, String value, String goal, String verdict) {
      this(scenario, figure, value, goal, verdict, loadAverage());
    }
  }

  private final boolean quick;
  private final String sizes;
  private final String transport;
  private final boolean real;
  private final double loadBefore;
  private final Instant startedAt = Instant.now();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Map<String, Object>> json = new LinkedHashMap<>();
  private Duration took;
  private double loadAfter;

  /**
   * @param transport what Temporal is and how it is reached, for the header
   * @param real whether this is the real topology (then the JSON has the floor and our figures)
   */
  public BenchReport(
      boolean quick, String sizes, String transport, boolean real, double loadBefore) {
    this.quick = quick;
    this.real = real;
    this.sizes = sizes;
    this.transport = transport;
    this.loadBefore = loadBefore;
  }

  /** The 1-minute load average, or -1 where the system has none. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** CPU time this JVM has used, all threads, or 0 where unknown. */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  public void problem(String problem) {
    problems.add(problem);
  }

  public List<String> problems() {
    return problems;
  }

  public void s1(int n, Percentiles endToEnd, Percentiles raw) {
    double p50 = endToEnd.millis(50) - raw.millis(50);
    double p99 = endToEnd.millis(99) - raw.millis(99);
    figure("s1", "p50_overhead_ms", p50);
    if (!real) {
      figure("s1", "p99_overhead_ms", p99);
    }
    String what = n + " in a row";
    rows.add(
        new Row(
            "S1 latency",
            "end to end p50 / p99 (" + what + ")",
            ms(endToEnd.millis(50)) + " / " + ms(endToEnd.millis(99)),
            "",
            ""));
    rows.add(
        new Row(
            "S1 latency",
            "raw API call p50 / p99",
            ms(raw.millis(50)) + " / " + ms(raw.millis(99)),
            "",
            ""));
    rows.add(new Row("S1 latency", "overhead p50", ms(p50), "<= 25 ms", verdict(p50 <= 25)));
    rows.add(new Row("S1 latency", "overhead p99", ms(p99), "", ""));
  }

  public void s2(
      int n, double workflows, double sequential, double parallel, double cpuMsPerOffboarding) {
    figure("s2", "offboardings_per_s", workflows);
    figure("s2", "sequential_per_s", sequential);
    figure("s2", "parallel_raw_per_s", parallel);
    rows.add(
        new Row(
            "S2 throughput",
            "offboardings/s through workflows (" + n + " users, 50 ms)",
            num(workflows),
            ">= 250",
            verdict(workflows >= 250)));
    rows.add(
        new Row("S2 throughput", "sequential loop of direct calls /s", num(sequential), "", ""));
    rows.add(
        new Row(
            "S2 throughput",
            "workflows vs sequential",
            num(workflows / sequential) + "x",
            ">= 20x",
            verdict(workflows / sequential >= 20)));
    rows.add(new Row("S2 throughput", "64 threads, no durability /s", num(parallel), "", ""));
    int cores = Runtime.getRuntime().availableProcessors();
    rows.add(
        new Row(
            "S2 throughput",
            "CPU per offboarding, this JVM (server, worker, client, sandbox)",
            String.format(Locale.ROOT, "%.2f ms", cpuMsPerOffboarding),
            "",
            ""));
    rows.add(
        new Row(
            "S2 throughput",
            "CPU-bound ceiling on " + cores + " cores (cores / CPU per offboarding)",
            num(cores * 1000 / cpuMsPerOffboarding),
            "",
            ""));
  }

  /** The real topology: Temporal's floor and the offboarding, same server, worker and load. */
  public void floorAndOurs(RunCost floor, RunCost ours) {
    figure("floor", "per_s", floor.perSecond());
    figure("floor", "cpu_ms", floor.cpuMs());
    figure("floor", "events", floor.historyEvents());
    figure("ours", "per_s", ours.perSecond());
    figure("ours", "cpu_ms", ours.cpuMs());
    figure("ours", "events", ours.historyEvents());
    figure("ours", "history_bytes", ours.historyBytes());
    figure("ours", "client_cpu_share", ours.clientShare());
    String s = "S2 floor vs ours";
    String what = " (" + ours.n() + " users, " + BenchCommand.LATENCY.toMillis() + " ms)";
    double speed = ours.perSecond() / floor.perSecond();
    double cost = ours.cpuMs() / floor.cpuMs();
    rows.add(
        new Row(
            s,
            "offboardings/s, floor / ours" + what,
            num(floor.perSecond()) + " / " + num(ours.perSecond()),
            "",
            ""));
    rows.add(
        new Row(s, "throughput, ours / floor", ratio(speed), ">= 0.67", verdict(speed >= 0.67)));
    rows.add(
        new Row(
            s,
            "CPU per offboarding, floor / ours (all processes)",
            cpu(floor.cpuMs()) + " / " + cpu(ours.cpuMs()),
            "",
            ""));
    rows.add(
        new Row(
            s, "CPU per offboarding, ours / floor", ratio(cost), "<= 1.5", verdict(cost <= 1.5)));
    rows.add(new Row(s, "floor CPU: server / worker / client", split(floor), "", ""));
    rows.add(new Row(s, "ours CPU: server / worker / client", split(ours), "", ""));
    rows.add(
        new Row(
            s,
            "client's share of all CPU (ours, bulk --wait)",
            String.format(Locale.ROOT, "%.1f%%", ours.clientShare() * 100),
            "<= 10%",
            verdict(ours.clientShare() <= 0.10)));
    rows.add(
        new Row(
            s,
            "history events per run, floor / ours",
            num(floor.historyEvents()) + " / " + num(ours.historyEvents()),
            "<= 15",
            verdict(ours.historyEvents() <= 15)));
    rows.add(
        new Row(
            s,
            "history bytes per run, floor / ours",
            Math.round(floor.historyBytes()) + " / " + Math.round(ours.historyBytes()),
            "<= 4096",
            verdict(ours.historyBytes() <= 4096)));
  }

  private static String cpu(double ms) {
    return String.format(Locale.ROOT, "%.2f ms", ms);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }

  private static String split(RunCost c) {
    return cpu(c.serverMs()) + " / " + cpu(c.workerMs()) + " / " + cpu(c.clientMs());
  }

  /**
   * S3 at {@link BenchCommand#S3_RATE}; {@code beyondThisMachine} when S2 showed the machine too
   * slow for that rate ({@link RealServerSuite#withinCapacity}), so that a wall time the limit does
   * not explain is said so rather than missed.
   */
  public void s3(RateLimitScenario.Result r, boolean beyondThisMachine) {
    rateLimitRows("s3", "S3 rate limit", r, beyondThisMachine ? "beyond this machine" : null);
  }

  /** S3 again at a rate this machine can serve, where S2 showed it slower than 100/s. */
  public void s3WithinCapacity(RateLimitScenario.Result r) {
    figure("s3_within_capacity", "limit_per_s", r.rate());
    rateLimitRows("s3_within_capacity", "S3 within capacity", r, null);
  }

  private void rateLimitRows(
      String key, String scenario, RateLimitScenario.Result r, String wallVerdict) {
    double ratio = r.seconds() / r.ideal();
    double fraction = r.requests() == 0 ? 0 : r.rateLimited() / (double) r.requests();
    figure(key, "wall_over_ideal", ratio);
    figure(key, "rate_limited_fraction", fraction);
    rows.add(
        new Row(
            scenario,
            r.n() + " users at " + r.rate() + " req/s: wall / ideal",
            String.format(Locale.ROOT, "%.2f (%.1f s / %.1f s)", ratio, r.seconds(), r.ideal()),
            "<= 1.10",
            ratio <= 1.10 || wallVerdict == null ? verdict(ratio <= 1.10) : wallVerdict));
    rows.add(
        new Row(
            scenario,
            "requests answered 429",
            String.format(
                Locale.ROOT, "%.2f%% (%d of %d)", fraction * 100, r.rateLimited(), r.requests()),
            "<= 1%",
            verdict(fraction <= 0.01)));
  }

  public void s4(int small, ChildWorker.Memory a, int large, ChildWorker.Memory b) {
    double ratio = b.heapBytes() / (double) a.heapBytes();
    figure("s4", "heap_growth_ratio", ratio);
    rows.add(
        new Row(
            "S4 memory",
            "worker heap after GC at " + small + " / " + large + " users",
            mb(a.heapBytes()) + " / " + mb(b.heapBytes()),
            "",
            ""));
    rows.add(
        new Row(
            "S4 memory",
            "worker peak RSS at " + small + " / " + large + " users",
            mb(a.peakRssKb() * 1024) + " / " + mb(b.peakRssKb() * 1024),
            "",
            ""));
    rows.add(
        new Row(
            "S4 memory",
            "heap growth",
            String.format(Locale.ROOT, "%.2f", ratio),
            "<= 1.10",
            verdict(ratio <= 1.10)));
  }

  public void finish(Duration took, double loadAfter) {
    this.took = took;
    this.loadAfter = loadAfter;
  }

  /**
   * The one JSON line: {@code {"floor":{...},"ours":{...},"s1":{...},"s3":{...},"s4":{...}}} on the
   * real topology, {@code {"s1":{...},"s2":{...},"s3":{...},"s4":{...}}} on the test server.
   */
  public String json() {
    Map<String, Map<String, Object>> ordered = new LinkedHashMap<>();
    for (String key : List.of("floor", "ours", "s1", "s2", "s3", "s3_within_capacity", "s4")) {
      if (json.containsKey(key)) {
        ordered.put(key, json.get(key));
      }
    }
    try {
      return new ObjectMapper().writeValueAsString(ordered);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Row> rows() {
    return rows;
  }

  /** The table as plain lines; figures without a goal leave its cells blank. */
  public Table table() {
    Table table = Table.blanksAsIs("SCENARIO", "FIGURE", "VALUE", "GOAL", "", "LOAD");
    rows.forEach(
        r -> table.row(r.scenario(), r.figure(), r.value(), r.goal(), r.verdict(), load(r.load())));
    return table;
  }

  /** Replaces the generated section of {@code path} (creating the file when needed). */
  public void write(Path path) throws IOException {
    String section = BEGIN + "\n" + markdown() + END;
    String text;
    if (Files.exists(path)) {
      String old = Files.readString(path, StandardCharsets.UTF_8);
      int a = old.indexOf(BEGIN);
      int b = old.indexOf(END);
      text =
          a >= 0 && b > a
              ? old.substring(0, a) + section + old.substring(b + END.length())
              : old + "\n" + section + "\n";
    } else {
      text = "# Benchmarks\n\nWritten by `./offboard bench`.\n\n" + section + "\n";
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
    }
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    md.append("| run | value |\n|---|---|\n");
    md.append("| date | ").append(startedAt.truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
    md.append("| mode | ")
        .append(quick ? "`--quick`" : "full")
        .append(", sizes ")
        .append(sizes.replaceAll("^Sizes\\[|\\]$", ""))
        .append(" |\n");
    md.append("| machine | ")
        .append(os.getAvailableProcessors())
        .append(" cores, ")
        .append(totalMemory())
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(" |\n");
    md.append("| Java | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(Runtime.version())
        .append(" |\n");
    md.append("| client JVM options | ").append(clientJvmOptions()).append(" |\n");
    md.append("| git commit | ").append(gitCommit()).append(" |\n");
    md.append("| load average (1 min) before / after | ")
        .append(String.format(Locale.ROOT, "%.2f / %.2f", loadBefore, loadAfter))
        .append(" |\n");
    md.append("| Temporal | ").append(transport).append(" |\n");
    md.append("| took | ").append(took == null ? "-" : took.toSeconds() + " s").append(" |\n\n");
    md.append("| scenario | figure | value | goal | | load (1 min) |\n|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      md.append("| ")
          .append(r.scenario())
          .append(" | ")
          .append(r.figure())
          .append(" | ")
          .append(r.value())
          .append(" | ")
          .append(r.goal())
          .append(" | ")
          .append(r.verdict())
          .append(" | ")
          .append(load(r.load()))
          .append(" |\n");
    }
    md.append("\n`--json`: `").append(json()).append("`\n");
    if (!problems.isEmpty()) {
      md.append("\nProblems during the run:\n\n");
      problems.forEach(p -> md.append("- ").append(p).append('\n'));
    }
    return md.toString();
  }

  /**
   * The options this JVM, the client's, was started with ({@code ./offboard} gives a {@code bulk}
   * the same ones), without the agents and properties a profiler or a test adds.
   */
  static String clientJvmOptions() {
    String options =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm") || a.startsWith("-Xs"))
            .map(a -> "`" + a + "`")
            .collect(Collectors.joining(" "));
    return options.isEmpty() ? "the JVM's defaults" : options;
  }

  private void figure(String scenario, String key, double value) {
    json.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
        .put(key, Math.round(value * 1000) / 1000.0);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static String load(double load) {
    return String.format(Locale.ROOT, "%.1f", load);
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
  }

  private static String totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return String.format(Locale.ROOT, "%.1f GB memory", os.getTotalMemorySize() / 1e9);
    }
    return "memory unknown";
  }

  /** The commit the working tree is at (marked when it has uncommitted changes). */
  public static String gitCommit() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0) {
        Process dirty =
            new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                .redirectErrorStream(true)
                .start();
        String changes =
            new String(dirty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        dirty.waitFor(5, TimeUnit.SECONDS);
        return "`" + out + "`" + (changes.isEmpty() ? "" : " (with uncommitted changes)");
      }
    } catch (IOException e) {
      // no git here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown (not run from a git checkout)";
  }
}
