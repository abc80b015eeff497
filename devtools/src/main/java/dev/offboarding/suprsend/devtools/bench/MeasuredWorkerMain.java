package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.devtools.bench.floor.FloorWorker;
import dev.offboarding.suprsend.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The production worker ({@link WorkerMain}, configured by its environment) in its own JVM for the
 * benchmark (with the floor workflow beside it when {@link FloorWorker#TASK_QUEUE_VARIABLE} is
 * set), answering {@code measure} on standard input with its heap after a full GC and its resident
 * set: {@code measure heap=BYTES rss=KB peak_rss=KB}. Exits when standard input closes, so it never
 * outlives the benchmark.
 */
public final class MeasuredWorkerMain {

  private MeasuredWorkerMain() {}

  public static void main(String[] args) {
    Thread control =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.strip().equals("measure")) {
                    System.out.println(measure());
                    System.out.flush();
                  }
                }
              } catch (IOException e) {
                // stdin gone: the benchmark is over
              }
              Runtime.getRuntime().halt(0);
            },
            "measure-control");
    control.setDaemon(true);
    control.start();
    FloorWorker.startIfAsked(System.getenv());
    int exit = WorkerMain.run(System.getenv());
    System.exit(exit);
  }

  static String measure() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return "measure heap=" + heap + " rss=" + status("VmRSS") + " peak_rss=" + status("VmHWM");
  }

  /** A {@code kB} figure of /proc/self/status, or -1 where there is none (not Linux). */
  private static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
