package dev.offboarding.suprsend.cli.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 fields of one CSV line: comma-separated, optionally double-quoted, {@code ""} for a
 * quote inside quotes. Records spanning lines are not supported (an id cannot contain a newline).
 */
final class CsvFields {

  private CsvFields() {}

  /** The fields of {@code line}; throws {@link IllegalArgumentException} when quotes are broken. */
  static List<String> parse(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      field.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("a quoted field is not closed");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < n && line.charAt(i) != ',') {
          throw new IllegalArgumentException(
              "unexpected text after a closing quote at position " + (i + 1));
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      }
      fields.add(field.toString());
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }

  /**
   * {@code value} as one CSV field: quoted when it holds a comma, quote or line break; a value that
   * a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage
   * return) gets a leading single quote and is quoted, as OWASP's CSV-injection guidance says.
   */
  static String quote(String value) {
    if (value == null) {
      return "";
    }
    boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    boolean needs = formula;
    for (int i = 0; i < value.length() && !needs; i++) {
      char c = value.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    String text = formula ? "'" + value : value;
    return needs ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
