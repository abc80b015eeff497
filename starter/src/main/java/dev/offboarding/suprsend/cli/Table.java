package dev.offboarding.suprsend.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns; the last column is not padded. */
public final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;
  private final boolean dashForBlank;

  /** A table with a header row; a missing or blank cell shows as {@code -}. */
  public Table(String... headers) {
    this(headers.length, true);
    rows.add(headers.clone());
  }

  private Table(int columns, boolean dashForBlank) {
    this.columns = columns;
    this.dashForBlank = dashForBlank;
  }

  /** A table of {@code columns} columns without a header row (key/value listings). */
  public static Table withoutHeader(int columns) {
    return new Table(columns, true);
  }

  /** A table with a header row whose blank cells stay blank (a figure without a goal). */
  public static Table blanksAsIs(String... headers) {
    Table table = new Table(headers.length, false);
    table.rows.add(headers.clone());
    return table;
  }

  /** Adds a row; cells are made printable (no control characters reach the terminal). */
  public Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      String cell = cells[i] == null ? null : Text.printable(String.valueOf(cells[i]));
      row[i] = dashForBlank ? Text.orDash(cell) : cell == null ? "" : cell;
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
