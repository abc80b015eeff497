package dev.offboarding.suprsend.worker.metrics;

import java.util.Map;

/** Reads values out of a Prometheus text exposition, whatever the label order. */
public final class PrometheusText {

  private PrometheusText() {}

  /**
   * The sum of every sample of {@code name} whose labels include all of {@code labels}; 0 when
   * there is none.
   */
  public static double sum(String scrape, String name, Map<String, String> labels) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      boolean matches =
          labels.entrySet().stream()
              .allMatch(l -> series.contains(l.getKey() + "=\"" + l.getValue() + "\""));
      if (matches) {
        total += Double.parseDouble(line.substring(space + 1));
      }
    }
    return total;
  }
}
