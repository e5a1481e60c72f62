package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * The extension, run on small test classes through the JUnit Platform's test kit. The classes
 * below are static and nested, so that Surefire does not run them on their own.
 */
class QueryCacheExtensionTest {
  static final QueryKey<String> TODOS = QueryKey.of("todos");

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
  }

  private static Throwable onlyFailure(Events events) {
    assertThat(events.failed().count()).as("failed tests").isEqualTo(1);
    return events.failed().list().get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  // ---- the test classes it runs ----------------------------------------------------------------

  @ExtendWith(QueryCacheExtension.class)
  static class Clean {
    @Test
    void fetchesAndSettles(QueryClient client, VirtualTime time) {
      client.fetchQuery(QueryOptions.of(TODOS, ctx -> "walk the dog"));
      time.runDue(); // the blocking function runs on the virtual time's executor
    }
  }

  @QueryCacheTest
  static class Composed {
    static final List<Object> seen = new ArrayList<>();

    @Test
    void getsTheKitsObjects(QueryClient client, VirtualTime time, RecordingToaster toaster, TransitionRecorder recorder) {
      seen.add(client);
      seen.add(time);
      seen.add(toaster);
      seen.add(recorder);
    }
  }

  @QueryCacheTest
  static class ComposedLeavingAFetch {
    @Test
    void leavesTheFetchRunning(QueryClient client) {
      client.fetchQuery(QueryOptions.of(TODOS, ctx -> "walk the dog")); // never run: the clock never moves
    }
  }

  @QueryCacheTest
  static class BlockingFetchOnTheRecorder {
    static final List<String> labels = new ArrayList<>();

    @Test
    void observesLoadingThenFetched(TransitionRecorder recorder, VirtualTime time) {
      TransitionLog<String> log = recorder.observe(QueryOptions.of(TODOS, ctx -> "walk the dog"));
      time.runDue();
      labels.addAll(log.labels());
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class Parameters {
    static final List<Object> seen = new ArrayList<>();

    @BeforeEach
    void before(QueryClient client, VirtualTime time) {
      seen.add(client);
      seen.add(time);
    }

    @Test
    void getsTheKitsObjects(QueryClient client, VirtualTime time, RecordingToaster toaster, TransitionRecorder recorder) {
      seen.add(client);
      seen.add(time);
      seen.add(toaster);
      seen.add(recorder);
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class TwoTests {
    static final List<QueryClient> clients = new ArrayList<>();

    @Test
    void first(QueryClient client) {
      clients.add(client);
    }

    @Test
    void second(QueryClient client) {
      clients.add(client);
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class WiredToTheKit {
    static final List<String> toasts = new ArrayList<>();

    @Test
    void virtualTimeAndTheToasterAreTheClients(QueryClient client, VirtualTime time, RecordingToaster toaster) {
      assertThat(client.ticker()).isSameAs(time);
      ControllableMutation<String, Boolean> server = new ControllableMutation<>();
      client.asyncMutation(server).errorMessage("Failed to save").build().mutate("n1");
      server.fail(new IllegalStateException("read-only"));
      toaster.toasts().forEach(toast -> toasts.add(toast.message()));
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class LeavesAFetchPending {
    @Test
    void forgetsToAnswerTheServer(TransitionRecorder recorder) {
      recorder.observe(QueryOptions.builder(TODOS).asyncFetcher(new ControllableQuery<>()).build());
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class LeavesAMutationPending {
    @Test
    void forgetsToAnswerTheWrite(QueryClient client) {
      client.setQueryData(TODOS, "walk the dog");
      client.asyncMutation(new ControllableMutation<String, Boolean>())
          .optimistic(TODOS, (todo, id) -> todo + " (done)")
          .errorMessage("Failed to complete")
          .build()
          .mutate("t1");
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class LeavesAFetchPaused {
    @Test
    void fetchesOffline(QueryClient client) {
      client.onlineChanged(false);
      client.fetchQuery(QueryOptions.of(TODOS, ctx -> "walk the dog"));
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class LeavesARetryWaiting {
    @Test
    void failsOnceWithRetries(QueryClient client) {
      ControllableQuery<String> server = new ControllableQuery<>();
      client.fetchQuery(QueryOptions.builder(TODOS).asyncFetcher(server).retry(3).build());
      server.fail(new IllegalStateException("flaky"));
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class AllowsPendingOnTheMethod {
    @Test
    @AllowPending("the loading state is the subject")
    void leavesAFetchPending(TransitionRecorder recorder) {
      recorder.observe(QueryOptions.builder(TODOS).asyncFetcher(new ControllableQuery<>()).build());
    }
  }

  @AllowPending
  @ExtendWith(QueryCacheExtension.class)
  static class AllowsPendingOnTheClass {
    @Test
    void leavesAFetchPending(TransitionRecorder recorder) {
      recorder.observe(QueryOptions.builder(TODOS).asyncFetcher(new ControllableQuery<>()).build());
    }
  }

  @AllowPending
  @ExtendWith(QueryCacheExtension.class)
  static class AllowsPendingForNestedClasses {
    @Nested
    class Inner {
      @Test
      void leavesAFetchPending(TransitionRecorder recorder) {
        recorder.observe(QueryOptions.builder(TODOS).asyncFetcher(new ControllableQuery<>()).build());
      }
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class SettlesInAfterEach {
    final ControllableQuery<String> server = new ControllableQuery<>();

    @Test
    void leavesTheAnswerToAfterEach(TransitionRecorder recorder) {
      recorder.observe(QueryOptions.builder(TODOS).asyncFetcher(server).build());
    }

    @AfterEach
    void answer() {
      server.resolve("walk the dog");
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class FailsWithWorkPending {
    @Test
    void failsMidway(TransitionRecorder recorder) {
      recorder.observe(QueryOptions.builder(TODOS).asyncFetcher(new ControllableQuery<>()).build());
      throw new AssertionError("the test's own failure");
    }
  }

  @ExtendWith(QueryCacheExtension.class)
  static class AsksInTheConstructor {
    AsksInTheConstructor(QueryClient client) {}

    @Test
    void neverRuns() {}
  }

  static class Configured {
    static final List<QuerySettings> defaults = new ArrayList<>();

    @RegisterExtension
    static final QueryCacheExtension kit = QueryCacheExtension.withClient((builder, time) -> builder
        .defaults(QuerySettings.builder().staleTime(Duration.ofMinutes(1)).build()));

    @Test
    void getsTheConfiguredClient(QueryClient client) {
      defaults.add(client.getQueryDefaults(TODOS));
    }
  }

  // ---- the specification -----------------------------------------------------------------------

  @Test
  void aTestThatSettlesEverythingPasses() {
    run(Clean.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void parametersAreTheSameObjectsInBeforeEachAndTheTest() {
    Parameters.seen.clear();

    run(Parameters.class).assertStatistics(stats -> stats.succeeded(1));

    assertThat(Parameters.seen).hasSize(6);
    assertThat(Parameters.seen.get(0)).isSameAs(Parameters.seen.get(2)).isInstanceOf(QueryClient.class);
    assertThat(Parameters.seen.get(1)).isSameAs(Parameters.seen.get(3)).isInstanceOf(VirtualTime.class);
    assertThat(Parameters.seen.get(4)).isInstanceOf(RecordingToaster.class);
    assertThat(Parameters.seen.get(5)).isInstanceOf(TransitionRecorder.class);
  }

  @Test
  void theComposedAnnotationGivesTheSameKit() {
    Composed.seen.clear();

    run(Composed.class).assertStatistics(stats -> stats.succeeded(1));

    assertThat(Composed.seen).hasSize(4);
    assertThat(Composed.seen.get(0)).isInstanceOf(QueryClient.class);
    assertThat(Composed.seen.get(1)).isInstanceOf(VirtualTime.class);
  }

  @Test
  void theComposedAnnotationChecksForPendingWorkToo() {
    Throwable failure = onlyFailure(run(ComposedLeavingAFetch.class));

    assertThat(failure).hasMessageContaining("  - fetching: [\"todos\"]");
  }

  @Test
  void aBlockingFunctionRunsWhenTheClockMovesSoTheRecorderSeesLoadingThenFetched() {
    BlockingFetchOnTheRecorder.labels.clear();

    run(BlockingFetchOnTheRecorder.class).assertStatistics(stats -> stats.succeeded(1));

    assertThat(BlockingFetchOnTheRecorder.labels).containsExactly("loading", "fetched");
  }

  @Test
  void eachTestGetsAFreshClient() {
    TwoTests.clients.clear();

    run(TwoTests.class).assertStatistics(stats -> stats.succeeded(2));

    assertThat(TwoTests.clients).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void theClientRunsOnTheVirtualTimeAndToastsToTheRecordingToaster() {
    WiredToTheKit.toasts.clear();

    run(WiredToTheKit.class).assertStatistics(stats -> stats.succeeded(1));

    assertThat(WiredToTheKit.toasts).containsExactly("Failed to save");
  }

  @Test
  void aTestLeavingAFetchPendingFailsListingIt() {
    Throwable failure = onlyFailure(run(LeavesAFetchPending.class));

    assertThat(failure).isInstanceOf(AssertionFailedError.class).hasMessage(
        "the test left work pending in the query cache:\n"
            + "  - fetching: [\"todos\"]\n"
            + "Settle it (answer the pending server calls, advance the virtual time), or annotate the test with"
            + " @AllowPending if the pending state is what it checks.");
  }

  @Test
  void aTestLeavingAMutationPendingFailsListingItAndItsLayer() {
    Throwable failure = onlyFailure(run(LeavesAMutationPending.class));

    assertThat(failure.getMessage())
        .contains("  - mutation #")
        .contains(" with variables t1 has not settled\n")
        .contains("  - optimistic layer: [\"todos\"] shows 1 unconfirmed patch\n");
  }

  @Test
  void aTestLeavingAFetchPausedFailsListingIt() {
    Throwable failure = onlyFailure(run(LeavesAFetchPaused.class));

    assertThat(failure.getMessage()).contains("  - paused fetch (offline): [\"todos\"]\n");
  }

  @Test
  void aTestLeavingARetryWaitingFailsSayingSo() {
    Throwable failure = onlyFailure(run(LeavesARetryWaiting.class));

    assertThat(failure.getMessage())
        .contains("  - fetching: [\"todos\"] (1 failed attempts, a retry waits for its backoff)\n");
  }

  @Test
  void allowPendingOnTheMethodSkipsTheCheck() {
    run(AllowsPendingOnTheMethod.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void allowPendingOnTheClassSkipsTheCheck() {
    run(AllowsPendingOnTheClass.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void allowPendingOnAnEnclosingClassCoversNestedTests() {
    run(AllowsPendingForNestedClasses.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void theCheckRunsAfterAfterEachMethods() {
    run(SettlesInAfterEach.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void aTestThatFailedAlreadyReportsOnlyItsOwnFailure() {
    Throwable failure = onlyFailure(run(FailsWithWorkPending.class));

    assertThat(failure).hasMessage("the test's own failure");
    assertThat(failure.getSuppressed()).isEmpty();
  }

  @Test
  void constructorsCannotReceiveTheKitsObjects() {
    Throwable failure = onlyFailure(run(AsksInTheConstructor.class));

    assertThat(failure).isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("QueryCacheExtension gives each test its own QueryClient");
  }

  @Test
  void withClientConfiguresTheClient() {
    Configured.defaults.clear();

    run(Configured.class).assertStatistics(stats -> stats.succeeded(1));

    assertThat(Configured.defaults).singleElement().hasToString("QuerySettings{staleTime=PT1M}");
  }
}
