package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM (query-cache-bom) stays in step with the build: it has the parent's version, and it
 * manages exactly the modules that are published (those that do not skip their install).
 */
class BillOfMaterialsTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern MANAGED_ARTIFACT = Pattern.compile("<artifactId>(query-cache[^<]*)</artifactId>\\s*<version>");

  private static String read(Path path) throws IOException {
    return Files.readString(path);
  }

  private static String ownVersion(String pom) {
    Matcher version = Pattern.compile("<artifactId>[^<]+</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(version.find()).as("a version in the POM").isTrue();
    return version.group(1);
  }

  @Test
  void theBomHasTheParentsVersion() throws IOException {
    assertThat(ownVersion(read(ROOT.resolve("query-cache-bom/pom.xml"))))
        .isEqualTo(ownVersion(read(ROOT.resolve("pom.xml"))));
  }

  @Test
  void theBomPinsItsPluginsToTheParentsVersions() throws IOException {
    String parent = read(ROOT.resolve("pom.xml"));
    String bom = read(ROOT.resolve("query-cache-bom/pom.xml"));
    for (String plugin : List.of("clean", "install", "deploy")) {
      Matcher version = Pattern.compile("<" + plugin + "-plugin.version>([^<]+)<").matcher(parent);
      assertThat(version.find()).as("the parent's %s plugin version", plugin).isTrue();
      assertThat(bom).as("the BOM's %s plugin", plugin)
          .containsPattern("<artifactId>maven-" + plugin + "-plugin</artifactId>\\s*<version>" + Pattern.quote(version.group(1)) + "<");
    }
  }

  @Test
  void theBomManagesExactlyThePublishedModules() throws IOException {
    List<String> published = new ArrayList<>();
    Matcher modules = MODULE.matcher(read(ROOT.resolve("pom.xml")));
    while (modules.find()) {
      String module = modules.group(1);
      String pom = read(ROOT.resolve(module).resolve("pom.xml"));
      if (!module.endsWith("-bom") && !pom.contains("<maven.install.skip>true</maven.install.skip>")) {
        published.add(module);
      }
    }
    List<String> managed = new ArrayList<>();
    String bom = read(ROOT.resolve("query-cache-bom/pom.xml"));
    Matcher artifacts = MANAGED_ARTIFACT.matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
    while (artifacts.find()) {
      managed.add(artifacts.group(1));
    }

    assertThat(published).containsExactlyInAnyOrder("query-cache", "query-cache-test", "query-cache-swing", "query-cache-javafx");
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
  }
}
