package dev.offboarding.suprsend.worker.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links of Markdown files: each must name a file that exists under the root,
 * and a {@code #fragment} must name a heading of its target, as GitHub anchors it. Links with a
 * scheme ({@code https:}, {@code mailto:}) and anything inside code are not links to check.
 */
final class MarkdownLinks {

  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```[^\\n]*$");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
  private static final Pattern LINK =
      Pattern.compile("\\[[^\\]\\n]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]+(.+?)[ \\t#]*$");
  private static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern NOT_IN_ANCHOR = Pattern.compile("[^\\p{L}\\p{N}\\p{M}\\p{Pc} -]");

  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  MarkdownLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** One line per link of {@code file} (relative to the root) that does not resolve. */
  List<String> broken(String file) {
    Path source = root.resolve(file).normalize();
    List<String> problems = new ArrayList<>();
    Matcher link = LINK.matcher(withoutCode(read(source)));
    while (link.find()) {
      String target = link.group(1);
      if (SCHEME.matcher(target).matches()) {
        continue;
      }
      int hash = target.indexOf('#');
      String path = hash < 0 ? target : target.substring(0, hash);
      String fragment = hash < 0 ? null : target.substring(hash + 1);
      Path resolved = path.isEmpty() ? source : source.getParent().resolve(path).normalize();
      if (!resolved.startsWith(root) || !Files.exists(resolved)) {
        problems.add(file + ": " + target + ": no such file");
      } else if (fragment != null && !anchorsOf(resolved).contains(fragment)) {
        problems.add(file + ": " + target + ": no such heading in " + root.relativize(resolved));
      }
    }
    return problems;
  }

  /** The anchors GitHub gives the headings of a Markdown file, in order. */
  Set<String> anchorsOf(Path markdown) {
    return anchors.computeIfAbsent(
        markdown,
        file -> {
          Set<String> found = new LinkedHashSet<>();
          Map<String, Integer> seen = new HashMap<>();
          Matcher heading = HEADING.matcher(withoutCode(read(file), false));
          while (heading.find()) {
            String slug = anchor(heading.group(1));
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            found.add(n == 0 ? slug : slug + "-" + n);
          }
          return found;
        });
  }

  /** GitHub's anchor for a heading's text: lower case, punctuation dropped, spaces to hyphens. */
  static String anchor(String heading) {
    String text = INLINE_LINK.matcher(heading).replaceAll("$1").replace("`", "");
    return NOT_IN_ANCHOR
        .matcher(text.strip().toLowerCase(Locale.ROOT))
        .replaceAll("")
        .replace(' ', '-');
  }

  private static String withoutCode(String markdown) {
    return withoutCode(markdown, true);
  }

  /** Drops fenced blocks (a {@code #} line in one is no heading) and, if asked, code spans. */
  private static String withoutCode(String markdown, boolean spans) {
    String text = FENCE.matcher(markdown).replaceAll("");
    return spans ? CODE_SPAN.matcher(text).replaceAll("") : text;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
