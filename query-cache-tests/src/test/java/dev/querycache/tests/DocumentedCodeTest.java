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
 * The Java code that the README and the guides show is code that compiles and runs: each Java
 * block appears, line for line (indentation aside), in the sources named for it. The README's
 * blocks are {@code QuickStart}'s; the testing guide's are the kit's own tests; the other
 * guides' come from the {@code *GuideExamples} classes, the demo and the tests. A block of
 * imports only, which a document shows for its code, is checked import by import: each names
 * a type ({@link GuideImportsTest} checks that they are the ones the code needs).
 */
class DocumentedCodeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Whether every line of {@code block} is an import, as in a block that lists a guide's imports. */
  static boolean isImportBlock(String block) {
    return block.lines().filter(line -> !line.isBlank()).allMatch(line -> line.startsWith("import "));
  }

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
        () -> assertThat(isIn(block, sources)).as(notFound(block, document, sourceTree))
            .isTrue()));
  }

  /**
   * Whether {@code block} is code of one of {@code sources}, or, for a block of imports, whether
   * each import names a type the tests' class path has (the library's modules, the kit, the
   * JDK and JavaFX).
   */
  static boolean isIn(String block, List<List<String>> sources) {
    if (isImportBlock(block)) {
      return block.lines().filter(line -> !line.isBlank()).allMatch(DocumentedCodeTest::importsAType);
    }
    return sources.stream().anyMatch(source -> appearsIn(block, source));
  }

  /** What a failure says of {@code block}, which is not code of {@code where}. */
  static String notFound(String block, String document, String where) {
    return isImportBlock(block)
        ? String.format("an import of this block of %s names no type of the class path:%n%s", document, block)
        : String.format("this block of %s is not in %s, as it is:%n%s", document, where, block);
  }

  /** Whether {@code line}, {@code import a.b.C;}, {@code import a.b.C.Nested;} or a static import, names a type. */
  static boolean importsAType(String line) {
    String name = line.strip().replaceFirst("^import (static )?", "").replaceFirst(";$", "");
    if (line.strip().startsWith("import static ")) {
      name = name.substring(0, name.lastIndexOf('.'));
    }
    for (String binary = name; binary.indexOf('.') > 0; binary = binary.substring(0, binary.lastIndexOf('.'))
        + '$' + binary.substring(binary.lastIndexOf('.') + 1)) {
      try {
        Class.forName(binary, false, DocumentedCodeTest.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException notThisSplit) {
        // a nested type: try its outer type's binary name
      }
    }
    return false;
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
        tests.add(DynamicTest.dynamicTest(id, () -> assertThat(isIn(block, sources))
            .as(notFound(block, document, "any Java source of the repository"))
            .isTrue()));
      }
    }
    return tests.stream();
  }
}
