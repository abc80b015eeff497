package dev.offboarding.suprsend.cli.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdSourceTest {

  @Test
  void aPlainListWithBadLines() throws IOException {
    List<IdSource.Item> items =
        all("\uFEFFu-1\r\n\n  u-2  \nbad\u0001id\nx\ry\n\u00e9t\u00e9\n", null);

    assertThat(items)
        .containsExactly(
            new IdSource.Id(1, "u-1"),
            new IdSource.Bad(2, "blank line"),
            new IdSource.Id(3, "u-2"),
            items.get(3),
            items.get(4),
            new IdSource.Id(6, "\u00e9t\u00e9"));
    assertThat(((IdSource.Bad) items.get(3)).problem()).contains("U+0001");
    assertThat(((IdSource.Bad) items.get(4)).problem()).contains("U+000D");
  }

  @Test
  void leadingBlankLinesAreReportedAndAPlainHeaderIsSkipped() throws IOException {
    IdSource source = IdSource.open(new StringReader("\n\ndistinct_id\nu-1\n"), null);

    assertThat(source.hasHeader()).isTrue();
    assertThat(drain(source))
        .containsExactly(
            new IdSource.Bad(1, "blank line"),
            new IdSource.Bad(2, "blank line"),
            new IdSource.Id(4, "u-1"));
  }

  @Test
  void csvHeaderIsFoundByNameAndQuotedCellsAreRead() throws IOException {
    IdSource source =
        IdSource.open(
            new StringReader("email,User_ID\na@x,\"u,1\"\nb@x\nc@x,\"u\"\"2\"\n"), "User_ID");

    assertThat(source.format()).isEqualTo("CSV, column 'User_ID' (2) of the header");
    List<IdSource.Item> items = drain(source);
    assertThat(items.get(0)).isEqualTo(new IdSource.Id(2, "u,1"));
    assertThat(items.get(1)).isEqualTo(new IdSource.Bad(3, "has 1 column(s), no column 2"));
    assertThat(items.get(2)).isEqualTo(new IdSource.Id(4, "u\"2"));
  }

  @Test
  void csvWithoutHeaderByColumnNumber() throws IOException {
    IdSource source = IdSource.open(new StringReader("x,u-1\ny,u-2\nz,\"broken\n"), "2");

    assertThat(source.format()).isEqualTo("CSV without a header, column 2");
    List<IdSource.Item> items = drain(source);
    assertThat(items.subList(0, 2))
        .containsExactly(new IdSource.Id(1, "u-1"), new IdSource.Id(2, "u-2"));
    assertThat(((IdSource.Bad) items.get(2)).problem()).contains("not valid CSV");
  }

  @Test
  void aCsvHeaderNamingDistinctIdOrIdIsDetected() throws IOException {
    for (String header : List.of("distinct_id", "distinctId", "ID")) {
      IdSource source = IdSource.open(new StringReader("email," + header + "\na@x,u-1\n"), null);

      assertThat(source.format()).isEqualTo("CSV, column '" + header + "' (2) of the header");
      assertThat(drain(source)).containsExactly(new IdSource.Id(2, "u-1"));
    }
  }

  @Test
  void aCsvWithoutAKnownHeaderNeedsColumnAndNoLineIsTakenAsAnId() {
    for (String text : List.of("email,user_id\na@x,u-1\n", "a@x,u-1\nb@x,u-2\n")) {
      assertThatThrownBy(() -> IdSource.open(new StringReader(text), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("holds a comma, so the input is CSV")
          .hasMessageContaining("no distinct_id, distinctId or id column")
          .hasMessageContaining("--column NAME or --column N");
    }
  }

  @Test
  void aHeaderRowIsNeverTakenAsAnIdWhenTheColumnIsANumber() throws IOException {
    IdSource source = IdSource.open(new StringReader("email,User_ID\na@x,u-1\n"), "2");

    assertThat(source.format()).isEqualTo("CSV, column 'User_ID' (2) of the header");
    assertThat(drain(source)).containsExactly(new IdSource.Id(2, "u-1"));
  }

  @Test
  void aPlainListWhoseFirstLineIsAColumnNameNeedsColumn() throws IOException {
    assertThatThrownBy(() -> IdSource.open(new StringReader("user_id\nu-1\n"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1 ('user_id') looks like a column name, not a distinct id")
        .hasMessageContaining("--column user_id");
    IdSource named = IdSource.open(new StringReader("user_id\nu-1\n"), "user_id");
    assertThat(drain(named)).containsExactly(new IdSource.Id(2, "u-1"));
    IdSource known = IdSource.open(new StringReader("id\nu-1\n"), null);
    assertThat(known.hasHeader()).isTrue();
    assertThat(drain(known)).containsExactly(new IdSource.Id(2, "u-1"));
  }

  @Test
  void anUnknownColumnNameIsRefused() {
    assertThatThrownBy(() -> IdSource.open(new StringReader("email,plan\n"), "distinct_id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("email, plan");
    assertThatThrownBy(() -> IdSource.open(new StringReader("a,b\n"), "0"))
        .hasMessageContaining("numbered from 1");
  }

  @Test
  void readingIsStreamingWhateverTheInputSize() throws IOException {
    long lines = 3_000_000;
    // A 3-million-line input (about 40 MB) that exists only as it is read, then a line of
    // 50 million characters without a break: neither may be held in memory.
    Reader generated =
        new Reader() {
          private long line;
          private long hugeLeft = 50_000_000;
          private String current = "";
          private int position;

          @Override
          public int read(char[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
              if (position >= current.length()) {
                if (line < lines) {
                  current = "user-" + line++ + "\n";
                } else if (hugeLeft > 0) {
                  int chunk = (int) Math.min(hugeLeft, 8192);
                  current = "x".repeat(chunk);
                  hugeLeft -= chunk;
                } else if (hugeLeft == 0) {
                  current = "\nlast\n";
                  hugeLeft = -1;
                } else {
                  return n == 0 ? -1 : n;
                }
                position = 0;
              }
              buffer[offset + n++] = current.charAt(position++);
            }
            return n;
          }

          @Override
          public void close() {}
        };
    long heapBefore = usedHeapAfterGc();
    long ids = 0;
    IdSource.Item last = null;
    List<IdSource.Bad> bad = new ArrayList<>();
    long peak = 0;
    try (IdSource source = IdSource.open(generated, null)) {
      IdSource.Item item;
      while ((item = source.next()) != null) {
        if (item instanceof IdSource.Id) {
          ids++;
        } else {
          bad.add((IdSource.Bad) item);
        }
        last = item;
        if (ids % 1_000_000 == 0) {
          peak = Math.max(peak, usedHeapAfterGc() - heapBefore);
        }
      }
    }

    assertThat(ids).isEqualTo(lines + 1);
    assertThat(bad).containsExactly(new IdSource.Bad(lines + 1, "longer than 65536 characters"));
    assertThat(last).isEqualTo(new IdSource.Id(lines + 2, "last"));
    assertThat(peak).as("heap growth while reading").isLessThan(16L * 1024 * 1024);
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static List<IdSource.Item> all(String text, String column) throws IOException {
    return drain(IdSource.open(new StringReader(text), column));
  }

  private static List<IdSource.Item> drain(IdSource source) throws IOException {
    List<IdSource.Item> items = new ArrayList<>();
    IdSource.Item item;
    while ((item = source.next()) != null) {
      items.add(item);
    }
    return items;
  }
}
