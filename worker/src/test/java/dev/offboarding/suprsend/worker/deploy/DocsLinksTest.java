package dev.offboarding.suprsend.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in README.md and docs/*.md leads to a file, and to a heading if it names one.
 */
class DocsLinksTest {

  @Test
  void everyRelativeLinkInTheReadmeAndTheDocsResolves() throws IOException {
    Path root = RepositoryFiles.root();
    List<String> files = new ArrayList<>(List.of("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md"))
          .map(p -> "docs/" + p.getFileName())
          .sorted()
          .forEach(files::add);
    }
    assertThat(files).contains("docs/configuration.md", "docs/contract.md", "docs/deploy.md");

    MarkdownLinks links = new MarkdownLinks(root);
    List<String> broken = new ArrayList<>();
    files.forEach(file -> broken.addAll(links.broken(file)));

    assertThat(broken).isEmpty();
  }

  @Test
  void theReadmeLinksEveryDocsFile() throws IOException {
    String readme = RepositoryFiles.read("README.md");
    try (Stream<Path> docs = Files.list(RepositoryFiles.root().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md"))
          .forEach(p -> assertThat(readme).contains("](docs/" + p.getFileName() + ")"));
    }
  }

  @Test
  void headingsGetTheAnchorsGitHubGivesThem() {
    assertThat(MarkdownLinks.anchor("Runbook: NEEDS_ATTENTION"))
        .isEqualTo("runbook-needs_attention");
    assertThat(
            MarkdownLinks.anchor(
                "Workflow ids without the distinct id: `OFFBOARDING_ID_SCHEME=sha256`"))
        .isEqualTo("workflow-ids-without-the-distinct-id-offboarding_id_schemesha256");
    assertThat(
            MarkdownLinks.anchor("The lost-task hazard of Temporal's Java test server, and more"))
        .isEqualTo("the-lost-task-hazard-of-temporals-java-test-server-and-more");
    assertThat(MarkdownLinks.anchor("See [the contract](contract.md)"))
        .isEqualTo("see-the-contract");
  }

  @Test
  void aLinkToAMissingFileOrHeadingIsReportedAndCodeIsNotALink(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(
        root.resolve("docs/a.md"),
        """
        # A

        ## Twice
        ## Twice

        [ok](b.md#b-section) [ok](#twice-1) [ok](../README.md) [web](https://example.com/x#y)
        [gone](c.md) [no heading](b.md#nowhere) [outside](../../etc/passwd) [self](#missing)
        `[code](nowhere.md)`

        ```
        [fenced](nowhere.md)
        # not a heading
        ```
        """);
    Files.writeString(root.resolve("docs/b.md"), "# B\n\n## B section\n");
    Files.writeString(root.resolve("README.md"), "# R\n");

    List<String> broken = new MarkdownLinks(root).broken("docs/a.md");

    assertThat(broken)
        .containsExactly(
            "docs/a.md: c.md: no such file",
            "docs/a.md: b.md#nowhere: no such heading in docs/b.md",
            "docs/a.md: ../../etc/passwd: no such file",
            "docs/a.md: #missing: no such heading in docs/a.md");
    assertThat(new MarkdownLinks(root).anchorsOf(root.resolve("docs/a.md")))
        .containsExactly("a", "twice", "twice-1");
  }
}
