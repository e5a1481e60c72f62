package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.QueryEvent;
import dev.querycache.QueryEvent.Kind;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryStatus;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.UiThread;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of the client's event stream ({@link QueryClient#onQueryEvent}): one event
 * per transition of a query's state, with what happened, who caused it, when, and the state
 * before and after; delivered in order, on the notify executor, outside the client's locks.
 * The same stream tells when queries enter and leave the cache and when observers come, go
 * and get results (TanStack Query's cache events), with kinds that change no state.
 */
class QueryEventTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final List<QueryEvent<?>> events = new CopyOnWriteArrayList<>();
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryOptions<String> todo = QueryOptions.builder(key).asyncFetcher(server).retry(0).build();

  @AfterEach
  void close() {
    client.close();
  }

  /** Listens to the transitions (the kinds that change the state). */
  private AutoCloseable listen() {
    return client.onQueryEvent(event -> {
      if (event.kind().changesState()) {
        events.add(event);
      }
    });
  }

  private List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>();
    events.forEach(event -> kinds.add(event.kind()));
    return kinds;
  }

  @Test
  void aFetchThatBringsDataIsStartedThenFetched() {
    listen();

    client.prefetchQuery(todo);
    server.resolve("write specs");

    assertThat(kinds()).containsExactly(Kind.FETCH_STARTED, Kind.FETCHED);
    QueryEvent<?> fetched = events.get(1);
    assertThat(fetched.key()).isEqualTo(key);
    assertThat(fetched.before().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
    assertThat(fetched.after().data()).isEqualTo("write specs");
    assertThat(fetched.after().status()).isEqualTo(QueryStatus.SUCCESS);
  }

  @Test
  void eachEventSaysWhenOnTheClientsTicker() {
    listen();
    time.advance(Duration.ofSeconds(7));

    client.setQueryData(key, "write specs");

    assertThat(events.get(0).at()).isEqualTo(time.read());
  }

  @Test
  void aFetchThatFailsAfterARetryReportsTheAttemptThenTheFailure() {
    listen();
    client.prefetchQuery(QueryOptions.builder(key).asyncFetcher(server).retry(RetryPolicy.fixed(1, Duration.ofMillis(500))).build());

    server.fail(new IOException("down"));
    time.advance(Duration.ofMillis(500));
    server.fail(new IOException("still down"));

    assertThat(kinds()).containsExactly(Kind.FETCH_STARTED, Kind.ATTEMPT_FAILED, Kind.FETCH_FAILED);
    assertThat(events.get(2).after().error()).hasMessage("still down");
  }

  @Test
  void aCancelledFetchIsReported() {
    listen();
    client.prefetchQuery(todo);

    client.cancelQueries(QueryFilter.exact(key));

    assertThat(kinds()).containsExactly(Kind.FETCH_STARTED, Kind.FETCH_CANCELLED);
    assertThat(events.get(1).after().fetchStatus()).isEqualTo(FetchStatus.IDLE);
  }

  @Test
  void aFetchOfflinePausesAndResumesWhenTheNetworkIsBack() {
    listen();
    client.onlineChanged(false);
    client.prefetchQuery(todo);

    client.onlineChanged(true);

    assertThat(kinds()).startsWith(Kind.FETCH_STARTED, Kind.FETCH_RESUMED);
    assertThat(events.get(0).after().fetchStatus()).isEqualTo(FetchStatus.PAUSED);
  }

  @Test
  void writesByHandInvalidationAndResetAreReported() {
    listen();

    client.setQueryData(key, "write specs");
    client.invalidateQueries(QueryFilter.exact(key));
    client.resetQueries(QueryFilter.exact(key));

    assertThat(kinds()).containsExactly(Kind.SET, Kind.INVALIDATED, Kind.RESET);
  }

  @Test
  void aStepThatChangesNothingIsNoEvent() {
    client.setQueryData(key, "write specs");
    client.invalidateQueries(QueryFilter.exact(key));
    listen();

    client.invalidateQueries(QueryFilter.exact(key));

    assertThat(events).isEmpty();
  }

  @Test
  void equalDataWrittenByHandIsStillAnEventForItsNewTimestamp() {
    client.setQueryData(key, "write specs");
    listen();
    time.advance(Duration.ofSeconds(1));

    client.setQueryData(key, "write specs");

    assertThat(kinds()).containsExactly(Kind.SET);
    assertThat(events.get(0).after().dataUpdatedAt()).isGreaterThan(events.get(0).before().dataUpdatedAt());
  }

  @Test
  void anOptimisticLayerIsAddedByItsMutationAndFoldedWhenItSettles() throws Exception {
    client.setQueryData(key, "write specs");
    ControllableMutation<String, String> api = new ControllableMutation<>();
    Mutation<String, String, Void> rename = client.asyncMutation(api)
        .name("rename")
        .optimistic(key, (title, next) -> next)
        .errorMessage("Could not rename")
        .build();
    listen();

    rename.fire("write more specs");
    api.resolve("write more specs");
    time.runUntilIdle();

    assertThat(events.get(0).kind()).isEqualTo(Kind.LAYER_ADDED);
    assertThat(events.get(0).by()).matches("rename #\\d+");
    assertThat(events.get(0).after().data()).isEqualTo("write more specs");
    assertThat(events.get(0).after().optimisticLayers()).isEqualTo(1);
    assertThat(kinds()).contains(Kind.LAYERS_FOLDED);
    assertThat(events.get(events.size() - 1).after().optimisticLayers()).isZero();
  }

  @Test
  void aLayersCauseIsTheRunNameOfItsRunsState() {
    client.setQueryData(key, "write specs");
    ControllableMutation<String, String> api = new ControllableMutation<>();
    Mutation<String, String, Void> rename = client.asyncMutation(api)
        .name("rename")
        .optimistic(key, (title, next) -> next)
        .errorMessage("Could not rename")
        .build();
    listen();

    rename.fire("write more specs");

    MutationState<?, ?, ?> run = client.getMutations(MutationFilter.all()).get(0);
    assertThat(run.runName()).isEqualTo("rename #" + run.id());
    assertThat(events.get(0).by()).isEqualTo(run.runName());
  }

  @Test
  void aFailedMutationRollsItsLayerBack() {
    client.setQueryData(key, "write specs");
    ControllableMutation<String, String> api = new ControllableMutation<>();
    Mutation<String, String, Void> rename = client.asyncMutation(api)
        .name("rename")
        .optimistic(key, (title, next) -> next)
        .errorMessage("Could not rename")
        .build();
    listen();

    rename.fire("write more specs");
    api.fail(new IOException("down"));

    assertThat(kinds()).startsWith(Kind.LAYER_ADDED, Kind.ROLLED_BACK);
    QueryEvent<?> rollback = events.get(1);
    assertThat(rollback.by()).isEqualTo(events.get(0).by());
    assertThat(rollback.after().data()).isEqualTo("write specs");
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheStream() {
    client.onQueryEvent(event -> {
      throw new IllegalStateException("a buggy devtool");
    });
    listen();

    client.setQueryData(key, "a");
    client.setQueryData(key, "b");

    assertThat(kinds()).containsExactly(Kind.SET, Kind.SET);
  }

  @Test
  void closingTheSubscriptionStopsTheEvents() throws Exception {
    AutoCloseable subscription = listen();
    client.setQueryData(key, "a");

    subscription.close();
    client.setQueryData(key, "b");

    assertThat(kinds()).containsExactly(Kind.SET);
  }

  @Test
  void eventsRunOnTheNotifyExecutorInTheOrderTheyHappened() {
    UiThread ui = new UiThread();
    QueryClient onUi = ui.install(time.clientBuilder()).build();
    try {
      onUi.onQueryEvent(events::add);
      onUi.setQueryData(key, "a");
      onUi.invalidateQueries(QueryFilter.exact(key));
      onUi.setQueryData(key, "b");
      assertThat(events).as("nothing before the UI thread runs").isEmpty();

      ui.runPending();

      assertThat(kinds()).containsExactly(Kind.ADDED, Kind.SET, Kind.INVALIDATED, Kind.SET);
      assertThat(events.get(3).before()).isSameAs(events.get(2).after());
    } finally {
      onUi.close();
    }
  }

  // ---- the cache's and the observers' events ---------------------------------------------------

  private AutoCloseable listenToAll() {
    return client.onQueryEvent(events::add);
  }

  @Test
  void aQueryEntersTheCacheBeforeItsFirstTransition() {
    listenToAll();

    client.prefetchQuery(todo);

    assertThat(kinds()).containsExactly(Kind.ADDED, Kind.FETCH_STARTED);
  }

  @Test
  void anObserverComingAndGoingIsReported() {
    client.setQueryData(key, "write specs");
    listenToAll();

    client.observe(todo, result -> {}).close();

    assertThat(kinds()).startsWith(Kind.OBSERVER_ADDED).endsWith(Kind.OBSERVER_REMOVED);
  }

  @Test
  void eachResultAnObserverGivesItsListenerIsReported() {
    listenToAll();
    List<Object> results = new ArrayList<>();

    client.observe(todo, results::add);
    server.resolve("write specs");

    assertThat(kinds()).filteredOn(kind -> kind == Kind.OBSERVER_RESULT_UPDATED).hasSize(results.size());
    QueryEvent<?> last = events.get(events.size() - 1);
    assertThat(last.kind()).isEqualTo(Kind.OBSERVER_RESULT_UPDATED);
    assertThat(last.after().data()).as("the state the result shows").isEqualTo("write specs");
  }

  @Test
  void garbageCollectionIsReportedAsARemoval() {
    client.setQueryData(key, "write specs");
    listenToAll();

    time.advance(Duration.ofMinutes(5));
    time.runDue(); // the eviction reports from the scheduler, as the cache's own change signal does

    assertThat(kinds()).containsExactly(Kind.REMOVED);
    assertThat(events.get(0).before().data()).isEqualTo("write specs");
  }

  @Test
  void anEvictionByTheSizeCapIsReportedAsARemoval() {
    QueryClient capped = time.clientBuilder().maxUnobservedQueries(1).build();
    try {
      capped.onQueryEvent(events::add);
      capped.setQueryData(QueryKey.of("a"), "1");
      capped.setQueryData(QueryKey.of("b"), "2");
      time.runDue();

      assertThat(kinds()).filteredOn(kind -> kind == Kind.REMOVED).hasSize(1);
      assertThat(capped.getQueries(QueryFilter.all())).hasSize(1);
    } finally {
      capped.close();
    }
  }

  @Test
  void removingAWatchedQueryReportsTheRemovalThenTheSuccessorAndItsObserver() {
    client.setQueryData(key, "write specs");
    client.observe(QueryOptions.builder(key).build(), result -> {});
    listenToAll();

    client.removeQueries(QueryFilter.exact(key));

    assertThat(kinds()).startsWith(Kind.REMOVED, Kind.ADDED, Kind.OBSERVER_ADDED);
  }

  @Test
  void theKindsThatChangeNoStateCarryOneStateBeforeAndAfter() {
    listenToAll();

    client.observe(todo, result -> {}).close();
    client.removeQueries(QueryFilter.exact(key));

    assertThat(events).filteredOn(event -> !event.kind().changesState())
        .isNotEmpty()
        .allSatisfy(event -> assertThat(event.after()).isSameAs(event.before()));
    assertThat(events).filteredOn(event -> event.kind().changesState())
        .allSatisfy(event -> assertThat(event.after()).isNotSameAs(event.before()));
  }

  @Test
  void onlyTheCacheAndObserverKindsChangeNoState() {
    assertThat(Kind.values()).filteredOn(kind -> !kind.changesState()).containsExactlyInAnyOrder(
        Kind.ADDED, Kind.REMOVED, Kind.OBSERVER_ADDED, Kind.OBSERVER_REMOVED, Kind.OBSERVER_RESULT_UPDATED);
  }
}
