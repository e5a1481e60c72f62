package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java code that the README and the guides show is code that compiles and runs: each Java
 * block appears, line for line (indentation aside), in the sources named for it. The README's
 * blocks are {@code QuickStart}'s; the testing guide's are the kit's own tests; the other
 * guides' come from the {@code *GuideExamples} classes, the demo and the tests.
 */
class DocumentedCodeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * The guides' Java blocks that are not yet code of the repository, by document and first
   * line: a list that may only shrink. Each is to move into a compiled example with its test;
   * a block that now appears in the sources fails until it is taken off the list.
   */
  private static final Set<String> NOT_YET_COMPILED = Set.of(
      "docs/javafx.md: QueryList<Envelope> rows = new QueryList<>(Envelope::id);",
      "docs/javafx.md: QueryProperty<Integer> unread = FxQueries.observe(label, client, unreadCountOptions);",
      "docs/javafx.md: QueryStatePane<List<String>> pane = FxThread.call(() -> new QueryStatePane<>(new ListView<>(rows)));",
      "docs/queries-and-observers.md: .queryHooks(new QueryHooks() {",
      "docs/queries-and-observers.md: client.onQueryEvent(event -> {",
      "docs/queries-and-observers.md: static final Function<List<Todo>, Long> OPEN_COUNT =          // a field: one function, one memo",
      "docs/swing.md: QueryStatePanel<NotificationsPage> state =",
      "docs/swing.md: QueryTableModel<Envelope> model = new QueryTableModel<>(Envelope::id, columns);",
      "docs/swing.md: QueryTableModel<Notification> model =",
      "docs/threads.md: UiThread ui = new UiThread();");

  /** Whether {@code block}'s lines are consecutive lines of {@code source}, indentation aside. */
  static boolean appearsIn(String block, List<String> source) {
    List<String> lines = block.lines().toList();
    String wanted = String.join("\n", lines).stripIndent(); // no final line end: it would count as unindented
    for (int start = 0; start + lines.size() <= source.size(); start++) {
      String window = String.join("\n", source.subList(start, start + lines.size()));
      if (window.stripIndent().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  static List<List<String>> javaSources(Path tree) throws IOException {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
        sources.add(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return sources;
  }

  static Stream<DynamicTest> blocksOf(String document, String sourceTree) throws IOException {
    List<String> blocks = MarkdownDocument.read(ROOT.resolve(document)).javaBlocks();
    List<List<String>> sources = javaSources(ROOT.resolve(sourceTree));
    assertThat(blocks).as("Java blocks of %s", document).isNotEmpty();
    return blocks.stream().map(block -> DynamicTest.dynamicTest(
        document + ", the block starting with: " + block.lines().findFirst().orElse("").strip(),
        () -> assertThat(sources.stream().anyMatch(source -> appearsIn(block, source)))
            .as("this block of %s is not in %s, as it is:%n%s", document, sourceTree, block)
            .isTrue()));
  }

  @TestFactory
  Stream<DynamicTest> theReadmesJavaIsTheQuickStartProgram() throws IOException {
    return blocksOf("README.md", "query-cache-tests/src/test/java/dev/querycache/tests/QuickStart.java");
  }

  @TestFactory
  Stream<DynamicTest> theTestingGuidesJavaIsTheKitsOwnTests() throws IOException {
    return blocksOf("docs/testing.md", "query-cache-test/src/test/java");
  }

  /** Every Java source of the repository's modules, main and test. */
  static List<List<String>> repositorySources() throws IOException {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(path -> Files.isDirectory(path.resolve("src"))).sorted().toList()) {
        sources.addAll(javaSources(module.resolve("src")));
      }
    }
    return sources;
  }

  static List<Path> guides() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      return files.filter(path -> path.toString().endsWith(".md") && !path.endsWith("testing.md")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> theGuidesJavaIsCodeOfTheRepository() throws IOException {
    List<List<String>> sources = repositorySources();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path guide : guides()) {
      String document = ROOT.relativize(guide).toString().replace('\\', '/');
      for (String block : MarkdownDocument.read(guide).javaBlocks()) {
        String id = document + ": " + block.lines().findFirst().orElse("").strip();
        tests.add(DynamicTest.dynamicTest(id, () -> {
          boolean compiled = sources.stream().anyMatch(source -> appearsIn(block, source));
          if (NOT_YET_COMPILED.contains(id)) {
            assertThat(compiled).as("%s is code of the repository now: take it off NOT_YET_COMPILED", id).isFalse();
          } else {
            assertThat(compiled).as("this block of %s is in no Java source of the repository, as it is:%n%s", document, block)
                .isTrue();
          }
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void theBlocksNotYetCompiledAreAllStillInTheGuides() throws IOException {
    List<String> ids = new ArrayList<>();
    for (Path guide : guides()) {
      String document = ROOT.relativize(guide).toString().replace('\\', '/');
      for (String block : MarkdownDocument.read(guide).javaBlocks()) {
        ids.add(document + ": " + block.lines().findFirst().orElse("").strip());
      }
    }
    assertThat(ids).as("the guides' blocks").containsAll(NOT_YET_COMPILED);
  }
}
