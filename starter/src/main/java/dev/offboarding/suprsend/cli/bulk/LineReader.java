package dev.offboarding.suprsend.cli.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines one at a time with a cap on their length, so that memory stays flat whatever the
 * input: a line longer than the cap is skipped to its end and reported as too long, never held.
 *
 * <p>A line ends at {@code \n} or {@code \r\n}. A lone {@code \r} is kept in the line (it is a
 * control character, and the id on that line is then rejected rather than silently split).
 */
final class LineReader implements Closeable {

  /** One physical line: its 1-based number and text, or {@code tooLong} with no text. */
  record Line(long number, String text, boolean tooLong) {}

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private long lineNumber;
  private boolean eof;

  LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    if (eof && position >= limit) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position >= limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      char c = buffer[position++];
      if (c == '\n') {
        break;
      }
      if (tooLong) {
        continue;
      }
      if (text.length() >= maxChars) {
        tooLong = true;
        text.setLength(0);
        text.trimToSize();
        continue;
      }
      text.append(c);
    }
    lineNumber++;
    int end = text.length();
    if (end > 0 && text.charAt(end - 1) == '\r') {
      text.setLength(end - 1);
    }
    return new Line(lineNumber, tooLong ? null : text.toString(), tooLong);
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int read = in.read(buffer, 0, buffer.length);
    if (read < 0) {
      eof = true;
      position = limit = 0;
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
