package dev.offboarding.suprsend.worker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A corpus of hostile distinct ids, each sent through the real activity to the sandbox: it either
 * arrives as exactly one path segment that decodes to the input, or is refused before any HTTP call
 * with a message that says why. The observed table goes into {@code docs/reliability.md}.
 */
class HostileDistinctIdTest {

  /** Label → id; labels go into the documentation table. */
  static Map<String, String> corpus() {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("slash `a/b`", "a/b");
    ids.put("only a slash `/`", "/");
    ids.put("question mark `?x=1`", "?x=1");
    ids.put("hash `#frag`", "#frag");
    ids.put("encoded slash `%2F`", "%2F");
    ids.put("percent `100%`", "100%");
    ids.put("dot-dot `..`", "..");
    ids.put("dot `.`", ".");
    ids.put("traversal `../../admin`", "../../admin");
    ids.put("plus and space `a+b c`", "a+b c");
    ids.put("e-mail `user@example.com`", "user@example.com");
    ids.put("accents `josé`", "josé");
    ids.put("CJK `日本語`", "日本語");
    ids.put("emoji `😀🎉`", "😀🎉");
    ids.put("RTL override U+202E", "\u202Eevil");
    ids.put("RTL mark U+200F", "\u200Fmark");
    ids.put("zero-width joiner emoji `👩‍💻`", "👩‍💻");
    ids.put("one character `x`", "x");
    ids.put("512 ASCII bytes (the maximum)", "a".repeat(512));
    ids.put("128 emoji = 512 UTF-8 bytes (the maximum)", "😀".repeat(128));
    ids.put("513 ASCII bytes", "a".repeat(513));
    ids.put("10,000 characters", "b".repeat(10_000));
    ids.put("NUL U+0000", "a\u0000b");
    ids.put("newline", "line1\nline2");
    ids.put("carriage return", "a\rb");
    ids.put("tab", "a\tb");
    ids.put("DEL U+007F", "a\u007Fb");
    ids.put("C1 control U+0085", "a\u0085b");
    ids.put("unpaired surrogate U+D800", "a\uD800b");
    ids.put("empty string", "");
    ids.put("only spaces", "   ");
    ids.put("only tab and newline", "\t\n");
    ids.put("surrounding spaces ` a `", " a ");
    return ids;
  }

  @Test
  void everyIdArrivesAsOneSegmentOrIsRefusedBeforeAnyCall() {
    List<String> rows = new ArrayList<>();
    try (DistinctIdProbe probe = new DistinctIdProbe()) {
      corpus()
          .forEach(
              (label, id) -> {
                DistinctIdProbe.Result result = probe.send(id);
                assertWellBehaved(result);
                rows.add(row(label, id, result));
              });
    }
    String table =
        "| distinct id | UTF-8 bytes | observed |\n|---|---|---|\n" + String.join("\n", rows);
    ReliabilityDoc.writeReport("hostile-ids.md", table);
    ReliabilityDoc.writeSection("hostile-ids", table);
  }

  /** The property every id must have; shared with {@link HostileDistinctIdProperties}. */
  static void assertWellBehaved(DistinctIdProbe.Result result) {
    if (result.rejected()) {
      assertThat(result.failureType()).isEqualTo(DeleteSuprSendUserImpl.INVALID_DISTINCT_ID);
      assertThat(result.failureMessage()).startsWith("distinctId ");
      assertThat(result.requests()).as("no HTTP call for a refused id").isEmpty();
    } else {
      assertThat(result.requests()).as("exactly one HTTP call").hasSize(1);
      assertThat(result.rawSegment()).as("one raw path segment").isNotNull();
      assertThat(result.rawSegment()).doesNotContain("/", "?", "#");
      assertThat(result.decoded()).as("decodes to exactly the input").isEqualTo(result.id());
    }
  }

  private static String row(String label, String id, DistinctIdProbe.Result result) {
    int bytes = id.getBytes(StandardCharsets.UTF_8).length;
    String observed;
    if (result.rejected()) {
      observed = "refused before any HTTP call: " + cell(result.failureMessage());
    } else {
      String segment = result.rawSegment();
      observed =
          "one segment `"
              + (segment.length() > 40 ? segment.substring(0, 40) + "…" : segment)
              + "`, decoded back exactly";
    }
    return "| " + label + " | " + bytes + " | " + observed + " |";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
