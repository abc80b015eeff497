package dev.offboarding.suprsend.cli.bulk;

import dev.offboarding.suprsend.contract.DistinctIds;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The distinct ids of a bulk input, one at a time, with their line numbers: a plain list (one id a
 * line) or CSV (the id column is a {@code distinct_id}, {@code distinctId} or {@code id} header
 * cell, or is chosen by name or 1-based index). Nothing is guessed: a CSV without such a header
 * needs the column, and a first line that names a column is never read as an id. Streaming: memory
 * does not depend on the input's size; a line is never held beyond the next one.
 *
 * <p>Every line that yields no id is returned as {@link Bad} with what is wrong, so the caller can
 * report it and go on. Ids and cells are trimmed of surrounding spaces.
 */
public final class IdSource implements Closeable {

  /** Lines longer than this are reported as too long and skipped without being held. */
  public static final int MAX_LINE_CHARS = 64 * 1024;

  /**
   * Header cells taken as the id column without {@code --column}: {@code distinct_id}, {@code
   * distinctId}, {@code id} (case, {@code _} and {@code -} ignored).
   */
  private static final Set<String> ID_HEADERS = Set.of("distinctid", "id");

  /**
   * Cells that name a column rather than hold a distinct id: a first line made of one of them is
   * never read as an id (a plain list then needs {@code --column}; under {@code --column N} it is
   * the header).
   */
  private static final Set<String> COLUMN_NAMES =
      Set.of(
          "distinctid",
          "id",
          "userid",
          "user",
          "username",
          "uid",
          "email",
          "emailaddress",
          "subscriberid",
          "externalid",
          "customerid",
          "accountid");

  /** What one line gave. */
  public sealed interface Item permits Id, Bad {
    /** The 1-based line number in the input. */
    long line();
  }

  /** A valid distinct id. */
  public record Id(long line, String distinctId) implements Item {}

  /** A line without a usable id, and why (printable: no control characters). */
  public record Bad(long line, String problem) implements Item {}

  private final LineReader lines;
  private final boolean csv;
  private final int column; // 0-based
  private final String format;
  private LineReader.Line pending; // the first content line when it is data, not a header
  private long blankFrom; // leading blank lines still to report, as a range
  private long blankTo;

  private IdSource(
      LineReader lines,
      boolean csv,
      int column,
      String format,
      LineReader.Line pending,
      long blankFrom,
      long blankTo) {
    this.lines = lines;
    this.csv = csv;
    this.column = column;
    this.format = format;
    this.pending = pending;
    this.blankFrom = blankFrom;
    this.blankTo = blankTo;
  }

  /**
   * Reads up to the first non-blank line to tell the format.
   *
   * @param column a column name (needs a CSV header that has it) or a 1-based index, or null
   * @throws IllegalArgumentException when {@code column} cannot be found (nothing was started)
   */
  public static IdSource open(Reader reader, String column) throws IOException {
    LineReader lines = new LineReader(reader, MAX_LINE_CHARS);
    long blankFrom = 0;
    long blankTo = -1;
    LineReader.Line first;
    while (true) {
      first = lines.next();
      if (first == null || first.tooLong() || !stripBom(first).isBlank()) {
        break;
      }
      if (blankFrom == 0) {
        blankFrom = first.number();
      }
      blankTo = first.number();
    }
    Integer index = parseIndex(column);
    String name = column != null && index == null ? column.strip() : null;
    if (first == null || first.tooLong()) {
      return new IdSource(
          lines,
          column != null,
          index == null ? 0 : index,
          "empty input",
          first,
          blankFrom,
          blankTo);
    }
    String text = stripBom(first);
    boolean csv = column != null || text.indexOf(',') >= 0;
    if (!csv) {
      String cell = normalise(text);
      boolean header = ID_HEADERS.contains(cell);
      if (!header && COLUMN_NAMES.contains(cell)) {
        throw new IllegalArgumentException(
            "line "
                + first.number()
                + " ('"
                + safe(text.strip())
                + "') looks like a column name, not a distinct id: give --column "
                + safe(text.strip())
                + " to read the ids under it");
      }
      return new IdSource(
          lines,
          false,
          0,
          header ? "a list of ids with the header '" + text.strip() + "'" : "a list of ids",
          header ? null : new LineReader.Line(first.number(), text, false),
          blankFrom,
          blankTo);
    }
    List<String> cells;
    try {
      cells = CsvFields.parse(text);
    } catch (IllegalArgumentException e) {
      cells = List.of();
    }
    if (name != null) {
      for (int i = 0; i < cells.size(); i++) {
        if (cells.get(i).strip().equalsIgnoreCase(name)) {
          return new IdSource(
              lines,
              true,
              i,
              "CSV, column '" + cells.get(i).strip() + "' (" + (i + 1) + ") of the header",
              null,
              blankFrom,
              blankTo);
        }
      }
      throw new IllegalArgumentException(
          "--column "
              + name
              + ": the first line (line "
              + first.number()
              + ") is not a CSV header with that column; it has "
              + describe(cells)
              + ". Name one of them, or give a 1-based column number");
    }
    int headerColumn = -1;
    for (int i = 0; i < cells.size(); i++) {
      if (ID_HEADERS.contains(normalise(cells.get(i)))) {
        headerColumn = i;
        break;
      }
    }
    if (index == null && headerColumn < 0) {
      throw new IllegalArgumentException(
          "line "
              + first.number()
              + " holds a comma, so the input is CSV, but it has no distinct_id, distinctId or id"
              + " column ("
              + describe(cells)
              + "): give --column NAME or --column N (counted from 1) to say which column holds"
              + " the distinct ids");
    }
    int chosen = index != null ? index : headerColumn;
    boolean header =
        headerColumn >= 0
            || (chosen < cells.size() && COLUMN_NAMES.contains(normalise(cells.get(chosen))));
    String label =
        header && chosen < cells.size()
            ? "CSV, column '"
                + safe(cells.get(chosen).strip())
                + "' ("
                + (chosen + 1)
                + ") of the header"
            : "CSV without a header, column " + (chosen + 1);
    return new IdSource(
        lines,
        true,
        chosen,
        label,
        header ? null : new LineReader.Line(first.number(), text, false),
        blankFrom,
        blankTo);
  }

  private static String describe(List<String> cells) {
    return cells.isEmpty()
        ? "no readable cells"
        : cells.size()
            + " cell(s): "
            + String.join(", ", cells.stream().map(IdSource::safe).toList());
  }

  /** True when the first line was a header (it is not an id and not counted as a line of ids). */
  public boolean hasHeader() {
    return format.contains("header");
  }

  /** How the input is read, for people: {@code CSV, column 'distinct_id' (2) of the header}. */
  public String format() {
    return format;
  }

  /** The next item, or null at the end of the input. */
  public Item next() throws IOException {
    if (blankFrom > 0 && blankFrom <= blankTo) {
      return new Bad(blankFrom++, "blank line");
    }
    LineReader.Line line;
    if (pending != null) {
      line = pending;
      pending = null;
    } else {
      line = lines.next();
    }
    if (line == null) {
      return null;
    }
    if (line.tooLong()) {
      return new Bad(line.number(), "longer than " + MAX_LINE_CHARS + " characters");
    }
    String text = line.text();
    if (text.isBlank()) {
      return new Bad(line.number(), "blank line");
    }
    String id = text;
    if (csv) {
      List<String> cells;
      try {
        cells = CsvFields.parse(text);
      } catch (IllegalArgumentException e) {
        return new Bad(line.number(), "not valid CSV: " + e.getMessage());
      }
      if (column >= cells.size()) {
        return new Bad(
            line.number(), "has " + cells.size() + " column(s), no column " + (column + 1));
      }
      id = cells.get(column);
    }
    id = id.strip();
    if (id.indexOf('\uFFFD') >= 0) {
      return new Bad(
          line.number(), "is not valid UTF-8 (it holds U+FFFD): save the input as UTF-8");
    }
    String problem = DistinctIds.problemWith(id);
    if (problem != null) {
      return new Bad(line.number(), problem);
    }
    return new Id(line.number(), id);
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  private static String stripBom(LineReader.Line line) {
    String text = line.text();
    return line.number() == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Integer parseIndex(String column) {
    if (column == null || !column.strip().matches("\\d{1,6}")) {
      return null;
    }
    int index = Integer.parseInt(column.strip());
    if (index < 1) {
      throw new IllegalArgumentException("--column " + column + ": columns are numbered from 1");
    }
    return index - 1;
  }

  private static String normalise(String cell) {
    return cell.strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  private static String safe(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.length() > 40 ? out.substring(0, 40) + "…" : out.toString();
  }
}
