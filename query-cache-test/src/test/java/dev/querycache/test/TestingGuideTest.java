package dev.querycache.test;

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
 * The Java code that {@code docs/testing.md} shows is the code of these tests: each Java block
 * of the guide must appear, line for line (indentation aside), in a test source of the kit.
 */
class TestingGuideTest {
  static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  static final Path GUIDE = MODULE.resolve("../docs/testing.md").normalize();
  static final Path TESTS = MODULE.resolve("src/test/java");

  static List<String> javaBlocks(List<String> markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : markdown) {
      if (block == null && line.equals("```java")) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  static boolean appearsIn(String block, List<String> source) {
    String wanted = block.stripIndent();
    int lines = (int) block.lines().count();
    for (int start = 0; start + lines <= source.size(); start++) {
      String window = String.join("\n", source.subList(start, start + lines)) + "\n";
      if (window.stripIndent().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  static List<List<String>> testSources() throws IOException {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TESTS)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        sources.add(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return sources;
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockOfTheGuideIsTestCode() throws IOException {
    List<String> blocks = javaBlocks(Files.readAllLines(GUIDE, StandardCharsets.UTF_8));
    List<List<String>> sources = testSources();
    assertThat(blocks).as("Java blocks of " + GUIDE).isNotEmpty();
    return blocks.stream().map(block -> DynamicTest.dynamicTest(
        "block starting with: " + block.lines().findFirst().orElse("").strip(),
        () -> assertThat(sources.stream().anyMatch(source -> appearsIn(block, source)))
            .as("this block of %s is not in the kit's tests, as it is:%n%s", GUIDE, block)
            .isTrue()));
  }
}
