package dev.offboarding.suprsend.devtools.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns, for the benchmark's summary. */
public final class TextTable {

  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    rows.add(headers);
  }

  void row(String... cells) {
    rows.add(cells);
  }

  public void print(PrintStream out) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
