package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.javafx.FxQueries;
import dev.querycache.swing.SwingQueries;
import dev.querycache.test.QueryCacheExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API of every published module, as text checked in under {@code api/}: one line
 * per public type (with what it extends, implements and permits) and one per public or
 * protected constructor, method and field, with generic types, in a stable order. A change of
 * the API is then a visible diff in review; the test fails until the file shows it.
 *
 * <p>After a deliberate change, regenerate the files with
 * {@code ./mvnw -pl query-cache-tests -am verify -Dquerycache.api.update=true} and commit
 * them with the change.
 *
 * <p>A module's API is what its {@code module-info} exports without qualification, read from
 * the module's descriptor; nested types count when they and their enclosing types are public
 * or protected.
 */
@DisplayName("API signature files")
class ApiSignatureTest {
  static Stream<Arguments> publishedModules() {
    return Stream.of(
        Arguments.of("query-cache", QueryClient.class),
        Arguments.of("query-cache-test", QueryCacheExtension.class),
        Arguments.of("query-cache-swing", SwingQueries.class),
        Arguments.of("query-cache-javafx", FxQueries.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishedModules")
  void theCheckedInSignaturesAreTheModulesPublicApi(String module, Class<?> anchor) throws Exception {
    Path file = apiDirectory().resolve(module + ".txt");
    List<String> actual = signatures(module, anchor);
    if (Boolean.getBoolean("querycache.api.update")) {
      Files.write(file, actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    List<String> added = new ArrayList<>(actual);
    added.removeAll(expected);
    List<String> removed = new ArrayList<>(expected);
    removed.removeAll(actual);
    assertThat(actual)
        .as("the public API of %s differs from %s:%n  added:%n    %s%n  removed:%n    %s%n"
                + "if the change is meant, regenerate with -Dquerycache.api.update=true and commit the file",
            module, file, String.join("\n    ", added), String.join("\n    ", removed))
        .isEqualTo(expected);
  }

  private static Path apiDirectory() {
    String configured = System.getProperty("querycache.apiDirectory");
    Path directory = configured != null ? Paths.get(configured) : Paths.get("..", "api");
    assertThat(directory).as("the api directory").isDirectory();
    return directory;
  }

  /** The module's signature lines: a header, then each type and its members. */
  static List<String> signatures(String module, Class<?> anchor) throws IOException, URISyntaxException {
    Path location = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleReference reference = ModuleFinder.of(location).findAll().stream().findFirst().orElseThrow();
    Set<String> exported = reference.descriptor().exports().stream()
        .filter(export -> !export.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
    List<String> lines = new ArrayList<>();
    lines.add("# The public API of " + module + " (module " + reference.descriptor().name()
        + "; exports " + String.join(", ", exported) + ").");
    lines.add("# Checked by ApiSignatureTest; regenerate with -Dquerycache.api.update=true.");
    for (Class<?> type : publicTypes(location, exported, anchor.getClassLoader())) {
      lines.add(header(type));
      Set<String> members = new TreeSet<>();
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (isApi(constructor) && !constructor.isSynthetic()) {
          members.add(constructor.toGenericString());
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (isApi(method) && !method.isSynthetic() && !method.isBridge()) {
          members.add(withoutOwner(method.toGenericString(), type, method.getName()));
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (isApi(field) && !field.isSynthetic()) {
          members.add(withoutOwner(field.toGenericString(), type, field.getName()));
        }
      }
      for (String member : members) {
        lines.add("  " + member);
      }
    }
    return lines;
  }

  private static boolean isApi(Member member) {
    int modifiers = member.getModifiers();
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** {@code ... dev.querycache.QueryClient.getQueryData(...)} as {@code ... getQueryData(...)}. */
  private static String withoutOwner(String signature, Class<?> owner, String name) {
    return signature.replace(owner.getTypeName() + "." + name, name);
  }

  private static String header(Class<?> type) {
    StringBuilder out = new StringBuilder(type.toGenericString());
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && superclass != Record.class
        && !type.isEnum() && !type.isInterface()) {
      out.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      out.append(type.isInterface() ? " extends " : " implements ");
      out.append(Stream.of(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    if (type.isSealed()) {
      out.append(" permits ")
          .append(Stream.of(type.getPermittedSubclasses()).map(Class::getName).sorted().collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  /** The classes of the exported packages that code outside the module can name. */
  private static List<Class<?>> publicTypes(Path location, Set<String> packages, ClassLoader loader) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.filter(file -> file.toString().endsWith(".class"))
            .map(file -> location.relativize(file).toString().replace('\\', '/'))
            .forEach(names::add);
      }
    } else {
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(location.toFile())) {
        jar.stream().map(java.util.jar.JarEntry::getName).filter(name -> name.endsWith(".class")).forEach(names::add);
      }
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
      int dot = className.lastIndexOf('.');
      if (dot < 0 || !packages.contains(className.substring(0, dot)) || className.endsWith("module-info")) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(className, false, loader);
      } catch (ClassNotFoundException e) {
        throw new UncheckedIOException(new IOException("cannot load " + className, e));
      }
      if (isVisible(type) && !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass()) {
        types.add(type);
      }
    }
    types.sort((a, b) -> a.getName().compareTo(b.getName()));
    return types;
  }

  /** Public, or a protected member type, all the way out. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> at = type; at != null; at = at.getEnclosingClass()) {
      int modifiers = at.getModifiers();
      if (!Modifier.isPublic(modifiers) && !(at.isMemberClass() && Modifier.isProtected(modifiers))) {
        return false;
      }
    }
    return true;
  }
}
