package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A reader can tell where each of the library's types comes from: every document with Java
 * code shows, in a block of imports, the import of each public type of the library that its
 * code names ({@code Toast} is in {@code dev.querycache.test}, which nobody guesses), and
 * imports nothing its code does not name. {@link DocumentedCodeTest} checks that each import
 * is one the sources make.
 */
class GuideImportsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("^public (?:(?:final|abstract|sealed|non-sealed) )*(?:class|interface|record|enum|@interface) (\\w+)", Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.(\\w+);$");
  private static final Pattern TYPE_NAME = Pattern.compile("\\b[A-Z]\\w*\\b");
  private static final Pattern NAME = Pattern.compile("\\b\\w+\\b");

  /** The library's public types outside its internal packages: simple name to qualified names. */
  static Map<String, Set<String>> libraryTypes() throws IOException {
    Map<String, Set<String>> types = new HashMap<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(ROOT)) {
      sources = files.filter(path -> path.toString().endsWith(".java"))
          .filter(path -> ROOT.relativize(path).getName(0).toString().startsWith("query-cache"))
          .filter(path -> path.toString().replace('\\', '/').contains("/src/main/java/"))
          .filter(path -> !path.toString().replace('\\', '/').contains("/internal/"))
          .toList();
    }
    for (Path source : sources) {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      Matcher type = PUBLIC_TYPE.matcher(text);
      Matcher pkg = PACKAGE.matcher(text);
      if (type.find() && pkg.find()) {
        types.computeIfAbsent(type.group(1), name -> new TreeSet<>()).add(pkg.group(1) + "." + type.group(1));
      }
    }
    return types;
  }

  /** The code of {@code blocks} without its string literals and comments, which name nothing. */
  static String code(List<String> blocks) {
    StringBuilder code = new StringBuilder();
    for (String block : blocks) {
      code.append(block.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//.*", "")).append('\n');
    }
    return code.toString();
  }

  static List<Path> documentsWithJava() throws IOException {
    List<Path> documents = new ArrayList<>();
    documents.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      documents.addAll(files.filter(path -> path.toString().endsWith(".md")).sorted().toList());
    }
    List<Path> withJava = new ArrayList<>();
    for (Path document : documents) {
      if (!MarkdownDocument.read(document).javaBlocks().isEmpty()) {
        withJava.add(document);
      }
    }
    return withJava;
  }

  @TestFactory
  Stream<DynamicTest> eachDocumentImportsTheLibraryTypesItsCodeNamesAndNothingElse() throws IOException {
    Map<String, Set<String>> library = libraryTypes();
    assertThat(library).as("the library's public types").containsKeys("QueryClient", "Toast", "QueryTableModel", "QueryList");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path document : documentsWithJava()) {
      String name = ROOT.relativize(document).toString().replace('\\', '/');
      tests.add(DynamicTest.dynamicTest(name, () -> {
        List<String> blocks = MarkdownDocument.read(document).javaBlocks();
        List<String> importBlocks = blocks.stream().filter(DocumentedCodeTest::isImportBlock).toList();
        List<String> codeBlocks = blocks.stream().filter(block -> !DocumentedCodeTest.isImportBlock(block)).toList();
        String code = code(codeBlocks);

        Map<String, String> imported = new HashMap<>();
        for (String block : importBlocks) {
          block.lines().filter(line -> !line.isBlank()).forEach(line -> {
            Matcher matcher = IMPORT.matcher(line.strip());
            assertThat(matcher.matches()).as("%s imports %s", name, line).isTrue();
            imported.put(matcher.group(2), matcher.group(1) + "." + matcher.group(2));
          });
        }
        Set<String> named = new HashSet<>();
        NAME.matcher(code).results().forEach(result -> named.add(result.group()));

        Set<String> missing = new TreeSet<>();
        TYPE_NAME.matcher(code).results().map(result -> result.group()).filter(library::containsKey).forEach(type -> {
          if (!imported.containsKey(type) || !library.get(type).contains(imported.get(type))) {
            missing.add(String.join(" or ", library.get(type)));
          }
        });
        Set<String> unused = new TreeSet<>(imported.keySet());
        unused.removeAll(named);

        assertThat(missing).as("the library types %s names without importing them", name).isEmpty();
        assertThat(unused).as("what %s imports and its code never names", name).isEmpty();
      }));
    }
    return tests.stream();
  }
}
