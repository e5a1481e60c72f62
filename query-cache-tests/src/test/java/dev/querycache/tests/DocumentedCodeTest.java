package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java code that the README and the testing guide show is code that compiles and runs:
 * each Java block of those documents appears, line for line (indentation aside), in the
 * sources named for it. The README's blocks are {@code QuickStart}'s; the testing guide's are
 * the kit's own tests. (The other guides take their code from the {@code *GuideExamples}
 * classes, which their tests run.)
 */
class DocumentedCodeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

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
}
