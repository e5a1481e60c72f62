package dev.querycache.tests;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.querycache.AbstractMutationBuilder;
import dev.querycache.CachedQuery;
import dev.querycache.Mutation;
import dev.querycache.MutationBuilder;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.OptimisticMutationBuilder;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.UndoRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house (the workspace's ARCHITECTURE.md), checked on the compiled classes,
 * so that the layout cannot decay silently.
 *
 * <p>The rules hold with no exceptions. They began (issue 11, the house for the next wave)
 * with baselines naming the classes that broke them, which shrank to nothing as the engine
 * was cut from the face; a new exception is a decision to argue in review, not a line to add.
 */
@DisplayName("architecture")
class ArchitectureTest {
  static final JavaClasses LIBRARY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.querycache")
          .that(not(JavaClass.Predicates.resideInAnyPackage("dev.querycache.examples..", "dev.querycache.bench..", "dev.querycache.tests..")));

  /** The face's entry points that the engine must not reach back into (rule 1). */
  static final DescribedPredicate<JavaClass> FACE =
      belongToAnyOf(QueryClient.class, QueryObserver.class, Mutation.class, AbstractMutationBuilder.class,
          MutationBuilder.class, OptimisticMutationBuilder.class, PluginScope.class)
          .as("the face (QueryClient, QueryObserver, Mutation, the mutation builders, PluginScope)");

  /**
   * Package-private classes of the face: they adapt the engine to the application, so they may
   * know the client ({@code RunScope} is {@code onMutate}'s scope over a run, with the client).
   */
  static final Set<String> FACE_ADAPTERS = Set.of("RunScope");

  /** The engine: the core's classes that are not part of its public API. */
  static final DescribedPredicate<JavaClass> ENGINE =
      new DescribedPredicate<JavaClass>("the engine (dev.querycache.internal.*, and the non-public classes of dev.querycache)") {
        @Override
        public boolean test(JavaClass type) {
          JavaClass outer = outer(type);
          if (outer.getPackageName().startsWith("dev.querycache.internal")) {
            return true; // public or not: the package is not exported
          }
          return outer.getPackageName().equals("dev.querycache")
              && !outer.getModifiers().contains(JavaModifier.PUBLIC)
              && !FACE_ADAPTERS.contains(outer.getSimpleName());
        }
      };

  /**
   * The engine's machinery: the state machines of queries and runs, the store, the index,
   * the retries and the notification. A value may be implemented with the engine's helpers
   * (a key's canonical tree); it must not know its machinery.
   */
  static final DescribedPredicate<JavaClass> MACHINERY =
      JavaClass.Predicates.simpleNameStartingWith("Query").and(ENGINE)
          .or(JavaClass.Predicates.resideInAPackage("dev.querycache").and(ENGINE).and(new DescribedPredicate<JavaClass>("a state machine, the store, the index, retries or notification") {
            @Override
            public boolean test(JavaClass type) {
              return Set.of("Query", "Fetch", "QueryCache", "QueryIndex", "MutationRun", "MutationCache", "Retryer",
                  "Notifier", "ResolvedOptions", "OptimisticLayer").contains(outer(type).getSimpleName());
            }
          }))
          .as("the engine's machinery");

  /** The public values of the core: filters, keys, options, settings, states, results. */
  static final DescribedPredicate<JavaClass> VALUES =
      belongToAnyOf(QueryFilter.class, MutationFilter.class, QueryOptions.class, QuerySettings.class, QueryState.class,
          QueryResult.class, MutationState.class, CachedQuery.class, QueryKey.class, UndoRequest.class)
          .as("the core's public values");

  private static JavaClass outer(JavaClass type) {
    JavaClass outer = type;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }

  @Nested
  @DisplayName("the core")
  class Core {
    @Test
    void knowsNoUserInterfaceToolkit() {
      noClasses().that().resideInAnyPackage("dev.querycache", "dev.querycache.internal..")
          .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javafx..")
          .check(LIBRARY);
    }

    @Test
    void theEngineNeverReachesIntoTheFace() {
      // It gets what it needs from its runtime (Engine); the handles sit over its cores.
      noClasses().that(ENGINE).should().dependOnClassesThat(FACE).check(LIBRARY);
    }

    @Test
    void publicValuesArePlainDataAndKnowNoEngineMachinery() {
      // Matching a filter is the engine's (FilterMatch), not the filter's.
      noClasses().that(VALUES).should().dependOnClassesThat(MACHINERY).check(LIBRARY);
    }

    @Test
    void internalPackagesNeverImportTheFace() {
      noClasses().that().resideInAPackage("dev.querycache.internal..")
          .should().dependOnClassesThat(FACE)
          .allowEmptyShould(true)
          .check(LIBRARY);
    }
  }

  @Nested
  @DisplayName("the modules over the core")
  class Modules {
    /** The core's public API, and besides it only the packages named. */
    private DescribedPredicate<JavaClass> thePublicCoreAnd(String... packages) {
      return JavaClass.Predicates.resideInAnyPackage(packages)
          .or(JavaClass.Predicates.resideInAPackage("dev.querycache").and(not(ENGINE)));
    }

    @Test
    void swingUsesTheCoresPublicApiAndItsUserInterfaceSeamOnly() {
      classes().that().resideInAPackage("dev.querycache.swing..")
          .should().onlyDependOnClassesThat(thePublicCoreAnd(
              "java..", "javax..", "org.jspecify..", "dev.querycache.swing..", "dev.querycache.internal.ui.."))
          .check(LIBRARY);
    }

    @Test
    void theTestKitUsesTheCoresPublicApiAndJUnitOnly() {
      classes().that().resideInAPackage("dev.querycache.test..")
          .should().onlyDependOnClassesThat(thePublicCoreAnd(
              "java..", "org.jspecify..", "org.junit..", "org.opentest4j..", "dev.querycache.test.."))
          .check(LIBRARY);
    }

    @Test
    void theClassesAreThere() {
      assertThat(List.of("dev.querycache.QueryClient", "dev.querycache.swing.SwingQueries", "dev.querycache.test.VirtualTime"))
          .allSatisfy(name -> assertThat(LIBRARY.contain(name)).as(name).isTrue());
    }
  }
}
