package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every link of the README and the other Markdown files of the repository resolves inside the
 * repository: to a file or directory that exists and, with a {@code #fragment} into a Markdown
 * file, to one of its headings. A link to the web, or out of the clone, fails: a reader of a
 * copy of this repository has what it links to.
 */
class DocumentationLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", ".mvn");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  static List<Path> documents() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(path -> path.toString().endsWith(".md"))
          .filter(path -> {
            for (Path part : ROOT.relativize(path)) {
              if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
              }
            }
            return true;
          })
          .sorted()
          .toList();
    }
  }

  /** What is wrong with {@code link} of {@code document}, or null when it resolves. */
  static String problem(MarkdownDocument document, MarkdownDocument.Link link) throws IOException {
    String where = ROOT.relativize(document.file) + ":" + link.line() + ": " + link.target();
    if (SCHEME.matcher(link.target()).find()) {
      return where + " leads outside the repository";
    }
    int hash = link.target().indexOf('#');
    String path = URLDecoder.decode(hash < 0 ? link.target() : link.target().substring(0, hash), StandardCharsets.UTF_8);
    String fragment = hash < 0 ? null : link.target().substring(hash + 1);
    Path target = path.isEmpty() ? document.file : document.file.getParent().resolve(path).normalize();
    if (!target.startsWith(ROOT)) {
      return where + " leads out of the repository";
    }
    if (!Files.exists(target)) {
      return where + " names no file of the repository";
    }
    if (fragment != null && target.toString().endsWith(".md")
        && !MarkdownDocument.read(target).anchors().contains(fragment)) {
      return where + " names no heading of " + ROOT.relativize(target);
    }
    return null;
  }

  @Test
  void theReadmeAndTheGuidesAreAmongTheDocumentsChecked() throws IOException {
    assertThat(documents()).contains(
        ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md"), ROOT.resolve("CONTRIBUTING.md"),
        ROOT.resolve("docs/README.md"), ROOT.resolve("docs/installation.md"));
  }

  @Test
  void headingsGetTheAnchorsARendererGivesThem() {
    assertThat(MarkdownDocument.slug("The client: listeners on the EDT")).isEqualTo("the-client-listeners-on-the-edt");
    assertThat(MarkdownDocument.slug("Swing (`query-cache-swing`)")).isEqualTo("swing-query-cache-swing");
    assertThat(MarkdownDocument.slug("0.1.0 (unreleased)")).isEqualTo("010-unreleased");
  }

  @TestFactory
  Stream<DynamicTest> everyLinkResolvesInsideTheRepository() throws IOException {
    return documents().stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
      MarkdownDocument document = MarkdownDocument.read(file);
      List<String> problems = new ArrayList<>();
      for (MarkdownDocument.Link link : document.links()) {
        String problem = problem(document, link);
        if (problem != null) {
          problems.add(problem);
        }
      }
      assertThat(problems).as("links of %s that do not resolve inside the repository", ROOT.relativize(file)).isEmpty();
    }));
  }
}
