package dev.querycache.tests;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
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

  /** The engine: the core's packages that are not exported (rule 1). */
  static final DescribedPredicate<JavaClass> ENGINE =
      JavaClass.Predicates.resideInAnyPackage("dev.querycache.internal..").as("the engine (dev.querycache.internal.*)");

  /**
   * The engine's machinery: the runtime, the state machines of queries and runs, the store,
   * the index, layers, retries and notification. A value may be implemented with the
   * engine's helpers (a key's canonical tree, in {@code internal.key}); it must not know its
   * machinery.
   */
  static final DescribedPredicate<JavaClass> MACHINERY =
      JavaClass.Predicates.resideInAnyPackage("dev.querycache.internal", "dev.querycache.internal.query",
          "dev.querycache.internal.layer", "dev.querycache.internal.mutation")
          .as("the engine's machinery");

  /** The public values of the core: filters, keys, options, settings, states, results. */
  static final DescribedPredicate<JavaClass> VALUES =
      belongToAnyOf(QueryFilter.class, MutationFilter.class, QueryOptions.class, QuerySettings.class, QueryState.class,
          QueryResult.class, MutationState.class, CachedQuery.class, QueryKey.class, UndoRequest.class)
          .as("the core's public values");

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
    void publicValuesArePlainDataAndKnowNoEngineMachinery() {
      // Matching a filter is the engine's (FilterMatch), not the filter's.
      noClasses().that(VALUES).should().dependOnClassesThat(MACHINERY).check(LIBRARY);
    }

    @Test
    void theFacePackageHoldsNoEngine() {
      // Besides its public types, the face's package holds only its own adapters (RunScope,
      // onMutate's scope over a run, which adds the client) and the default implementations
      // kept in their interfaces' files (the system scheduler, the logging toaster, the
      // exponential retry): the engine lives in dev.querycache.internal.*.
      classes().that().resideInAPackage("dev.querycache").and().arePackagePrivate().and().areTopLevelClasses()
          .and().doNotHaveSimpleName("package-info")
          .should().haveSimpleNameEndingWith("Scope").orShould().haveSimpleName("SystemScheduler")
          .orShould().haveSimpleName("LoggingToaster").orShould().haveSimpleName("ExponentialRetry")
          .check(LIBRARY);
    }

    @Test
    void theKeyTreeIsALeafOfTheEngine() {
      noClasses().that().resideInAPackage("dev.querycache.internal.key")
          .should().dependOnClassesThat(MACHINERY)
          .check(LIBRARY);
    }

    @Test
    void theUserInterfacePiecesKnowNoEngineAndNoEntryPointOfTheFace() {
      // They work on the core's public values (an UndoOffer, say), never on a client.
      noClasses().that().resideInAPackage("dev.querycache.internal.ui")
          .should().dependOnClassesThat(FACE.or(ENGINE.and(not(JavaClass.Predicates.resideInAPackage("dev.querycache.internal.ui")))))
          .check(LIBRARY);
    }

    @Test
    void theEngineNeverReachesIntoTheFace() {
      // It gets what it needs from its runtime (Engine); the handles sit over its cores.
      noClasses().that(ENGINE).should().dependOnClassesThat(FACE).check(LIBRARY);
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
