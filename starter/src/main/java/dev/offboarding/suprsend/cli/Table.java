package dev.offboarding.suprsend.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns; the last column is not padded. */
public final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  public Table(String... headers) {
    this.columns = headers.length;
    rows.add(headers.clone());
  }

  private Table(int columns) {
    this.columns = columns;
  }

  /** A table of {@code columns} columns without a header row (key/value listings). */
  public static Table withoutHeader(int columns) {
    return new Table(columns);
  }

  /** Adds a row; cells are made printable (no control characters reach the terminal). */
  public Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      row[i] = Text.orDash(cells[i] == null ? null : Text.printable(String.valueOf(cells[i])));
    }
    rows.add(row);
    return this;
  }

  public void print(PrintStream out) {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          int pad = widths[i] - row[i].codePointCount(0, row[i].length()) + 2;
          line.append(" ".repeat(pad));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
