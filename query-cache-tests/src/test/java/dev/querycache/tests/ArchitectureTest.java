package dev.querycache.tests;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.querycache.AbstractMutationBuilder;
import dev.querycache.AsyncMutationFunction;
import dev.querycache.AsyncOnError;
import dev.querycache.AsyncOnSettled;
import dev.querycache.AsyncOnSuccess;
import dev.querycache.AsyncQueryFunction;
import dev.querycache.CachedQuery;
import dev.querycache.CancellationSignal;
import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationBuilder;
import dev.querycache.FollowUpLimitException;
import dev.querycache.MutationFilter;
import dev.querycache.MutationRefusedException;
import dev.querycache.NetworkMode;
import dev.querycache.MutationFunction;
import dev.querycache.MutationHooks;
import dev.querycache.MutationScope;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.OnError;
import dev.querycache.OnMutate;
import dev.querycache.OnSettled;
import dev.querycache.OnSuccess;
import dev.querycache.OptimisticMutationBuilder;
import dev.querycache.PluginScope;
import dev.querycache.Projection;
import dev.querycache.QueryClient;
import dev.querycache.QueryContext;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryHooks;
import dev.querycache.QueryFunction;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.Refetch;
import dev.querycache.RefetchOptions;
import dev.querycache.RefetchType;
import dev.querycache.RetryPolicy;
import dev.querycache.Scheduler;
import dev.querycache.Ticker;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import dev.querycache.UndoProjection;
import dev.querycache.UndoRequest;
import dev.querycache.VoidMutationFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house (docs/how-the-code-is-organised.md), checked on the compiled classes,
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

  /** The face's entry points, which the user interface pieces must not reach into. */
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
          "dev.querycache.internal.layer", "dev.querycache.internal.mutation", "dev.querycache.internal.runtime",
          "dev.querycache.internal.collection")
          .as("the engine's machinery");

  /** The public values of the core: filters, keys, options, settings, states, results. */
  static final DescribedPredicate<JavaClass> VALUES =
      belongToAnyOf(QueryFilter.class, MutationFilter.class, QueryOptions.class, QuerySettings.class, QueryState.class,
          QueryResult.class, MutationState.class, CachedQuery.class, QueryKey.class, UndoRequest.class)
          .as("the core's public values");

  /**
   * What the engine may use of the face, and nothing else of it (rule 1, denied by default):
   * the public values, the enums of their states, and the service interfaces through which
   * the application's code and seams reach the engine. A new face type is out of the
   * engine's reach until it is named here.
   */
  static final List<Class<?>> FACE_TYPES_THE_ENGINE_MAY_USE =
      List.of(
          // values
          QueryKey.class, QueryFilter.class, MutationFilter.class, QueryOptions.class, QuerySettings.class,
          QueryState.class, QueryEvent.class, QueryResult.class, MutationState.class, CachedQuery.class, UndoRequest.class,
          UndoOffer.class, QueryStatus.class, FetchStatus.class, MutationStatus.class, Refetch.class,
          RefetchType.class, RefetchOptions.class, NetworkMode.class, dev.querycache.InfiniteData.class,
          dev.querycache.PageDirection.class,
          // the errors the engine raises for the application to catch by type
          FollowUpLimitException.class, MutationRefusedException.class,
          // the application's seams
          Ticker.class, Scheduler.class, Toaster.class, RetryPolicy.class, MutationHooks.class, QueryHooks.class, MutationScope.class,
          // the application's functions and callbacks
          QueryFunction.class, AsyncQueryFunction.class, QueryContext.class, CancellationSignal.class,
          MutationFunction.class, VoidMutationFunction.class, AsyncMutationFunction.class, OnMutate.class, OnSuccess.class, OnError.class,
          OnSettled.class, AsyncOnSuccess.class, AsyncOnError.class, AsyncOnSettled.class, Projection.class,
          UndoProjection.class, dev.querycache.PageFunction.class, dev.querycache.AsyncPageFunction.class,
          dev.querycache.PageParamFunction.class, dev.querycache.PageContext.class);

  /** Where the core's sources are, from this module's directory (where the tests run). */
  static final Path CORE_SOURCES = Path.of("..", "query-cache", "src", "main", "java");

  @Nested
  @DisplayName("the engine")
  class TheEngine {
    @Test
    void itsPackagesFormNoCycle() {
      // The root (internal) puts together the query half, the mutation half and the runtime;
      // the mutation half uses the query half; both use the layer stack, the runtime and the
      // key tree; nothing leads back up.
      slices().assignedFrom(ENGINE_PACKAGES).should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void itUsesOfTheFaceOnlyItsValuesAndServiceInterfaces() {
      classes().that(ENGINE)
          .should().onlyDependOnClassesThat(
              not(JavaClass.Predicates.resideInAPackage("dev.querycache"))
                  .or(belongToAnyOf(FACE_TYPES_THE_ENGINE_MAY_USE.toArray(new Class<?>[0]))))
          .check(LIBRARY);
    }

    @Test
    void itsSourcesImportOfTheFaceOnlyWhatItMayUseJavadocIncluded() throws IOException {
      // Javadoc leaves no trace in the classes: a {@link} to a face type needs an import (or
      // a qualified name), which this rule reads in the sources. Write {@code QueryClient}.
      Set<String> allowed =
          FACE_TYPES_THE_ENGINE_MAY_USE.stream().map(Class::getSimpleName).collect(Collectors.toSet());
      Pattern faceName = Pattern.compile("(?:import\\s+|\\{@link(?:plain)?\\s+)dev\\.querycache\\.([A-Z]\\w*)");
      List<String> offences = new ArrayList<>();
      Path internal = CORE_SOURCES.resolve(Path.of("dev", "querycache", "internal"));
      assertThat(internal).isDirectory();
      try (Stream<Path> files = Files.walk(internal)) {
        for (Path file : files.filter(path -> path.toString().endsWith(".java")).collect(Collectors.toList())) {
          Matcher matcher = faceName.matcher(Files.readString(file));
          while (matcher.find()) {
            if (!allowed.contains(matcher.group(1))) {
              offences.add(internal.relativize(file) + " names dev.querycache." + matcher.group(1));
            }
          }
        }
      }
      assertThat(offences).isEmpty();
    }

    @Test
    void theRuntimeIsALeafOfTheEngine() {
      noClasses().that().resideInAPackage("dev.querycache.internal.runtime")
          .should().dependOnClassesThat(ENGINE.and(not(JavaClass.Predicates.resideInAPackage("dev.querycache.internal.runtime"))))
          .check(LIBRARY);
    }

    @Test
    void theKeyTreeIsALeafAndKnowsNothingOfTheFace() {
      // The face's QueryKey holds the tree; the way back (a key's root) is the query half's.
      noClasses().that().resideInAPackage("dev.querycache.internal.key")
          .should().dependOnClassesThat(
              JavaClass.Predicates.resideInAnyPackage("dev.querycache", "dev.querycache.internal..")
                  .and(not(JavaClass.Predicates.resideInAPackage("dev.querycache.internal.key"))))
          .check(LIBRARY);
    }

    @Test
    void theQueryHalfKnowsNothingOfMutations() {
      noClasses().that().resideInAPackage("dev.querycache.internal.query")
          .should().dependOnClassesThat().resideInAPackage("dev.querycache.internal.mutation")
          .check(LIBRARY);
    }
  }

  /** Each package of the engine is a slice; the rest of the library is in none. */
  static final SliceAssignment ENGINE_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          return name.equals("dev.querycache.internal") || name.startsWith("dev.querycache.internal.")
              ? SliceIdentifier.of(name)
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the packages of the engine";
        }
      };

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
    void theUserInterfacePiecesKnowNoEngineAndNoEntryPointOfTheFace() {
      // They work on the core's public values (an UndoOffer, say), never on a client.
      noClasses().that().resideInAPackage("dev.querycache.internal.ui")
          .should().dependOnClassesThat(FACE.or(ENGINE.and(not(JavaClass.Predicates.resideInAPackage("dev.querycache.internal.ui")))))
          .check(LIBRARY);
    }

  }

  @Nested
  @DisplayName("the modules over the core")
  class Modules {
    /** The core's public API, and besides it only the packages named. */
    private DescribedPredicate<JavaClass> thePublicCoreAnd(String... packages) {
      return JavaClass.Predicates.resideInAnyPackage(packages)
          .or(JavaClass.Predicates.resideInAnyPackage("dev.querycache", "dev.querycache.collection").and(not(ENGINE)));
    }

    @Test
    void swingUsesTheCoresPublicApiAndItsUserInterfaceSeamOnly() {
      // Jackson: the inspector shows a query's data as a JSON tree.
      classes().that().resideInAPackage("dev.querycache.swing..")
          .should().onlyDependOnClassesThat(thePublicCoreAnd(
              "java..", "javax..", "org.jspecify..", "tools.jackson..", "dev.querycache.swing..",
              "dev.querycache.internal.ui.."))
          .check(LIBRARY);
    }

    @Test
    void javafxUsesTheCoresPublicApiAndItsUserInterfaceSeamOnly() {
      classes().that().resideInAPackage("dev.querycache.javafx..")
          .should().onlyDependOnClassesThat(thePublicCoreAnd(
              "java..", "javafx..", "org.jspecify..", "dev.querycache.javafx..", "dev.querycache.internal.ui.."))
          .check(LIBRARY);
    }

    @Test
    void theTestKitUsesTheCoresPublicApiJUnitAndTheUiThreadsOnly() {
      classes().that().resideInAPackage("dev.querycache.test..")
          .should().onlyDependOnClassesThat(thePublicCoreAnd(
              "java..", "javafx..", "org.jspecify..", "org.junit..", "org.opentest4j..", "dev.querycache.test.."))
          .check(LIBRARY);
    }

    @Test
    void theClassesAreThere() {
      assertThat(List.of("dev.querycache.QueryClient", "dev.querycache.swing.SwingQueries",
              "dev.querycache.javafx.FxQueries", "dev.querycache.test.VirtualTime"))
          .allSatisfy(name -> assertThat(LIBRARY.contain(name)).as(name).isTrue());
    }
  }
}
