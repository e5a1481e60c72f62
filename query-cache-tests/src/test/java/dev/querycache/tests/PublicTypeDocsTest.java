package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Javadoc of the published packages reads as a map: every public type says since which
 * version it exists ({@code @since}), and every package's {@code package-info.java} links each
 * public type of its package, so a reader of the package page sees all of them by role.
 */
class PublicTypeDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> PUBLISHED =
      List.of("query-cache", "query-cache-test", "query-cache-swing", "query-cache-javafx");
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

  /** A public top-level type: its package's directory, its simple name and its source. */
  record PublicType(Path packageDirectory, String name, String source, int declaration) {
    /** The Javadoc comment right before the declaration, or an empty string. */
    String javadoc() {
      String before = source.substring(0, declaration);
      int start = before.lastIndexOf("/**");
      int end = before.lastIndexOf("*/");
      return start < 0 || end < start ? "" : before.substring(start, end + 2);
    }
  }

  static List<PublicType> publicTypes() throws IOException {
    List<PublicType> types = new ArrayList<>();
    for (String module : PUBLISHED) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.equals("package-info.java") || name.equals("module-info.java")
              || sources.relativize(file).toString().contains("internal")) {
            continue;
          }
          String source = Files.readString(file, StandardCharsets.UTF_8);
          Matcher type = PUBLIC_TYPE.matcher(source);
          if (type.find()) {
            types.add(new PublicType(file.getParent(), type.group(1), source, type.start()));
          }
        }
      }
    }
    return types;
  }

  @Test
  void thePublishedModulesHavePublicTypes() throws IOException {
    assertThat(publicTypes()).extracting(PublicType::name)
        .contains("QueryClient", "SwingQueries", "FxQueries", "VirtualTime");
  }

  @Test
  void everyPublicTypeSaysSinceWhichVersionItExists() throws IOException {
    assertThat(publicTypes())
        .filteredOn(type -> !type.javadoc().contains("@since "))
        .extracting(type -> type.packageDirectory().resolve(type.name() + ".java").toString())
        .as("public types whose Javadoc has no @since")
        .isEmpty();
  }

  @Test
  void everyPackageInfoLinksEachPublicTypeOfItsPackage() throws IOException {
    Map<Path, List<String>> unlinked = new TreeMap<>();
    for (PublicType type : publicTypes()) {
      String packageInfo = Files.readString(type.packageDirectory().resolve("package-info.java"), StandardCharsets.UTF_8);
      Pattern link = Pattern.compile("\\{@link\\s+(?:[\\w.]+\\.)?" + type.name() + "[\\s#}]");
      if (!link.matcher(packageInfo).find()) {
        unlinked.computeIfAbsent(ROOT.relativize(type.packageDirectory()), key -> new ArrayList<>()).add(type.name());
      }
    }
    assertThat(unlinked).as("public types their package-info.java does not link").isEmpty();
  }
}
