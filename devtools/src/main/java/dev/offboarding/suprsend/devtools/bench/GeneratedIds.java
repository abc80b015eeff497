package dev.offboarding.suprsend.devtools.bench;

import java.io.Reader;

/** {@code prefix0}..{@code prefix(n-1)}, one a line, produced as they are read. */
public final class GeneratedIds extends Reader {

  private final String prefix;
  private final long count;
  private long next;
  private String line = "";
  private int position;

  private GeneratedIds(String prefix, long count) {
    this.prefix = prefix;
    this.count = count;
  }

  public static Reader of(String prefix, long count) {
    return new GeneratedIds(prefix, count);
  }

  @Override
  public int read(char[] buffer, int offset, int length) {
    int n = 0;
    while (n < length) {
      if (position >= line.length()) {
        if (next >= count) {
          return n == 0 ? -1 : n;
        }
        line = prefix + next++ + "\n";
        position = 0;
      }
      buffer[offset + n++] = line.charAt(position++);
    }
    return n;
  }

  @Override
  public void close() {}
}
