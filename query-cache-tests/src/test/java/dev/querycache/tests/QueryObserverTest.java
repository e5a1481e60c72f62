package dev.querycache.tests;

import dev.querycache.CancellationSignal;
import dev.querycache.FetchStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.Refetch;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.UiThread;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Specification of {@link QueryObserver}: fetching on mount, the results its listener
 * receives and how they are batched, listener isolation and re-entrancy, staleness with time,
 * refetching on focus and reconnect, switching keys, closing, and following a removed query.
 * Time is virtual ({@link VirtualTime}); fetches are controlled by hand through
 * {@link ControllableQuery}.
 */
class QueryObserverTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().build();
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final ControllableQuery<String> fetcher = new ControllableQuery<>();
  private final List<QueryResult<String>> results = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable resource : toClose) {
      resource.close();
    }
  }

  /** Options for {@link #key} fetched by {@link #fetcher}, default settings. */
  private QueryOptions.Builder<String> options() {
    return QueryOptions.builder(key).asyncFetcher(fetcher);
  }

  /** Observes with a listener that records every result in {@link #results}. */
  private QueryObserver<String> observe(QueryOptions<String> options) {
    return client.observe(options, results::add);
  }

  private QueryResult<String> lastResult() {
    assertThat(results).isNotEmpty();
    return results.get(results.size() - 1);
  }

  // ---- fetching on mount -------------------------------------------------------------------

  @Nested
  class Mount {
    @Test
    void observingMissingKeyFetches() {
      observe(options().build());

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void listenerSeesPendingFetchingThenSuccess() {
      observe(options().build());
      fetcher.resolve("data");

      assertThat(results)
          .extracting(QueryResult::status, QueryResult::fetchStatus, QueryResult::data)
          .containsExactly(
              tuple(QueryStatus.PENDING, FetchStatus.FETCHING, null),
              tuple(QueryStatus.SUCCESS, FetchStatus.IDLE, "data"));
      assertThat(results.get(0).isLoading()).isTrue();
    }

    @Test
    void disabledObserverDoesNotFetch() {
      QueryObserver<String> observer = observe(options().enabled(false).build());

      assertThat(fetcher.callCount()).isZero();
      assertThat(observer.result().status()).isEqualTo(QueryStatus.PENDING);
      assertThat(observer.result().fetchStatus()).isEqualTo(FetchStatus.IDLE);
    }

    @Test
    void disabledObserverCanStillRefetchByHand() {
      QueryObserver<String> observer = observe(options().enabled(false).build());

      CompletableFuture<String> result = observer.refetch();
      fetcher.resolve("by hand");

      assertThat(result).isCompletedWithValue("by hand");
      assertThat(lastResult().data()).isEqualTo("by hand");
    }

    @Test
    void refetchOnMountNeverDoesNotRefetchStaleData() {
      client.setQueryData(key, "cached");
      time.advance(Duration.ofMinutes(1));

      observe(options().refetchOnMount(Refetch.NEVER).build());

      assertThat(fetcher.callCount()).isZero();
      assertThat(lastResult().data()).isEqualTo("cached");
      assertThat(lastResult().isStale()).isTrue();
    }

    @Test
    void refetchOnMountAlwaysRefetchesFreshData() {
      client.setQueryData(key, "cached");

      observe(options().staleTime(QuerySettings.FOREVER).refetchOnMount(Refetch.ALWAYS).build());

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void refetchOnMountByDefaultRefetchesStaleData() {
      client.setQueryData(key, "cached");
      time.advance(Duration.ofSeconds(11));

      observe(options().staleTime(Duration.ofSeconds(10)).build());

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void refetchOnMountByDefaultDoesNotRefetchFreshData() {
      client.setQueryData(key, "cached");
      time.advance(Duration.ofSeconds(9));

      observe(options().staleTime(Duration.ofSeconds(10)).build());

      assertThat(fetcher.callCount()).isZero();
      assertThat(lastResult().isStale()).isFalse();
    }

    @Test
    void secondObserverJoinsTheFetchInFlight() {
      observe(options().build());
      List<QueryResult<String>> second = new CopyOnWriteArrayList<>();
      client.observe(options().build(), second::add);

      assertThat(fetcher.callCount()).isEqualTo(1);
      fetcher.resolve("shared");
      assertThat(lastResult().data()).isEqualTo("shared");
      assertThat(second.get(second.size() - 1).data()).isEqualTo("shared");
    }
  }

  // ---- results -----------------------------------------------------------------------------

  @Test
  void listenerReceivesInitialResultAtSubscribe() {
    client.setQueryData(key, "cached");

    observe(QueryOptions.builder(key).build());

    assertThat(results).hasSize(1);
    assertThat(results.get(0).data()).isEqualTo("cached");
    assertThat(results.get(0).key()).isEqualTo(key);
    assertThat(results.get(0).status()).isEqualTo(QueryStatus.SUCCESS);
  }

  @Test
  void listenerReceivesEachChange() {
    observe(QueryOptions.builder(key).build());

    client.setQueryData(key, "a");
    client.setQueryData(key, "b");

    assertThat(results).extracting(QueryResult::data).containsExactly(null, "a", "b");
  }

  @Test
  void writingEqualDataDoesNotNotify() {
    client.setQueryData(key, "same");
    observe(QueryOptions.builder(key).staleTime(QuerySettings.FOREVER).build());

    client.setQueryData(key, new String("same"));

    assertThat(results).hasSize(1);
  }

  @Test
  void resultReportsFailureCountBetweenRetries() {
    observe(options().build());

    fetcher.fail(new IllegalStateException("flaky"));

    assertThat(lastResult().failureCount()).isEqualTo(1);
    assertThat(lastResult().failureReason()).hasMessage("flaky");
    assertThat(lastResult().isFetching()).isTrue();
    assertThat(lastResult().isError()).isFalse();
  }

  // ---- batching ----------------------------------------------------------------------------

  @Nested
  class Batching {
    @Test
    void updatesInsideBatchReachTheListenerAsOneCallbackWithTheLastValue() {
      observe(QueryOptions.builder(key).build());
      results.clear();

      client.batch(
          () -> {
            for (int i = 0; i < 100; i++) {
              client.setQueryData(key, "v" + i);
            }
          });

      assertThat(results).hasSize(1);
      assertThat(results.get(0).data()).isEqualTo("v99");
    }

    @Test
    void aBatchOverManyObservedQueriesCallsEachListenerOnceInTheOrderOfFirstChange() {
      List<String> calls = new CopyOnWriteArrayList<>();
      List<QueryKey<String>> keys = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        QueryKey<String> each = QueryKey.of("many", i);
        keys.add(each);
        client.setQueryData(each, "start");
        toClose.add(
            client.observe(
                QueryOptions.builder(each).staleTime(QuerySettings.FOREVER).build(),
                result -> calls.add(result.data())));
      }
      calls.clear();

      client.batch(
          () -> {
            for (int round = 0; round < 2; round++) {
              for (int i = keys.size() - 1; i >= 0; i--) {
                client.setQueryData(keys.get(i), "r" + round + "k" + i);
              }
            }
          });

      List<String> expected = new ArrayList<>();
      for (int i = keys.size() - 1; i >= 0; i--) {
        expected.add("r1k" + i);
      }
      assertThat(calls).containsExactlyElementsOf(expected);
    }

    @Test
    void listenerIsNotCalledBeforeTheBatchEnds() {
      observe(QueryOptions.builder(key).build());
      results.clear();
      AtomicInteger seenInside = new AtomicInteger(-1);

      client.batch(
          () -> {
            client.setQueryData(key, "inside");
            seenInside.set(results.size());
          });

      assertThat(seenInside).hasValue(0);
      assertThat(results).hasSize(1);
    }

    @Test
    void queuedNotifyExecutorCoalescesABurstIntoOneTask() {
      UiThread queue = new UiThread();
      QueryClient queued = time.clientBuilder().notifyExecutor(queue).build();
      queued.observe(QueryOptions.builder(key).build(), results::add);
      queue.runPending();
      results.clear();

      for (int i = 0; i < 100; i++) {
        queued.setQueryData(key, "v" + i);
      }

      assertThat(queue.pending()).isEqualTo(1);
      assertThat(results).isEmpty();
      queue.runPending();
      assertThat(results).hasSize(1);
      assertThat(results.get(0).data()).isEqualTo("v99");
      assertThat(results.get(0).state().dataUpdateCount()).isEqualTo(100);
    }

    @Test
    void queuedNotifyExecutorDeliversTheInitialResultWhenItRuns() {
      UiThread queue = new UiThread();
      QueryClient queued = time.clientBuilder().notifyExecutor(queue).build();

      queued.observe(QueryOptions.builder(key).build(), results::add);

      assertThat(results).isEmpty();
      assertThat(queue.pending()).isEqualTo(1);
      queue.runPending();
      assertThat(results).hasSize(1);
    }
  }

  // ---- listener isolation and re-entrancy ----------------------------------------------------

  @Test
  void throwingListenerDoesNotAffectOtherObservers() {
    AtomicInteger throwingCalls = new AtomicInteger();
    client.observe(
        QueryOptions.builder(key).build(),
        result -> {
          throwingCalls.incrementAndGet();
          throw new IllegalStateException("listener bug");
        });
    observe(QueryOptions.builder(key).build());

    client.setQueryData(key, "a");
    client.setQueryData(key, "b");
    client.setQueryData(key, "c");

    assertThat(results).extracting(QueryResult::data).containsExactly(null, "a", "b", "c");
  }

  @Test
  void throwingListenerKeepsReceivingLaterResults() {
    List<String> seen = new CopyOnWriteArrayList<>();
    client.observe(
        QueryOptions.builder(key).build(),
        result -> {
          seen.add(String.valueOf(result.data()));
          throw new IllegalStateException("listener bug");
        });

    client.setQueryData(key, "a");
    client.setQueryData(key, "b");

    assertThat(seen).containsExactly("null", "a", "b");
  }

  @Test
  void listenerMayWriteAnotherKey() {
    QueryKey<String> other = QueryKey.of("other");
    List<QueryResult<String>> otherResults = new CopyOnWriteArrayList<>();
    client.observe(QueryOptions.builder(other).build(), otherResults::add);
    client.observe(
        QueryOptions.builder(key).build(),
        result -> {
          if (result.data() != null) {
            client.setQueryData(other, "echo of " + result.data());
          }
        });

    client.setQueryData(key, "a");
    client.setQueryData(key, "b");

    assertThat(client.getQueryData(other)).contains("echo of b");
    assertThat(otherResults)
        .extracting(QueryResult::data)
        .containsExactly(null, "echo of a", "echo of b");
  }

  @Test
  void listenersNeverRunUnderALock() throws Exception {
    ExecutorService otherThread = Executors.newSingleThreadExecutor();
    toClose.add(otherThread::shutdownNow);
    QueryKey<String> other = QueryKey.of("other");
    List<Throwable> problems = new CopyOnWriteArrayList<>();
    AtomicInteger crossThreadCalls = new AtomicInteger();
    Thread testThread = Thread.currentThread();

    QueryObserver<String> observer =
        client.observe(
            options().build(),
            result -> {
              results.add(result);
              if (Thread.currentThread() != testThread) {
                return;
              }
              try {
                CompletableFuture.runAsync(
                        () -> {
                          // Touches the same query (its monitor and its cache entry) and others.
                          QueryObserver<String> peer =
                              client.observe(
                                  QueryOptions.builder(key).enabled(false).build(), r -> {});
                          peer.close();
                          client.getQueryState(key);
                          client.setQueryData(other, "written from another thread");
                          client.invalidateQueries(QueryFilter.exact(other));
                          client.cancelQueries(QueryFilter.exact(other));
                          client.getQueries(QueryFilter.all());
                        },
                        otherThread)
                    .get(5, TimeUnit.SECONDS);
                crossThreadCalls.incrementAndGet();
              } catch (Exception e) {
                problems.add(e);
              }
            });

    fetcher.resolve("fetched"); // a fetch landing
    client.setQueryData(key, "written"); // a write by hand
    observer.refetch(); // a fetch starting
    fetcher.resolve("refetched");

    assertThat(problems).isEmpty();
    assertThat(crossThreadCalls.get()).isGreaterThanOrEqualTo(5);
    assertThat(lastResult().data()).isEqualTo("refetched");
    assertThat(client.getQueryData(other)).contains("written from another thread");
  }

  // ---- staleness with time -------------------------------------------------------------------

  @Test
  void resultBecomesStaleWithTimeAlone() {
    client.setQueryData(key, "data");
    observe(options().staleTime(Duration.ofSeconds(10)).build());
    assertThat(results).hasSize(1);
    assertThat(results.get(0).isStale()).isFalse();

    time.advance(Duration.ofMillis(9_999));
    assertThat(results).hasSize(1);

    time.advance(Duration.ofMillis(1));
    assertThat(results).hasSize(2);
    assertThat(results.get(1).isStale()).isTrue();
    assertThat(results.get(1).state()).isSameAs(results.get(0).state());
    assertThat(fetcher.callCount()).isZero();
  }

  @Test
  void staleTimerRestartsWhenDataChanges() {
    client.setQueryData(key, "v1");
    observe(QueryOptions.builder(key).staleTime(Duration.ofSeconds(10)).build());
    time.advance(Duration.ofSeconds(6));
    client.setQueryData(key, "v2");

    time.advance(Duration.ofSeconds(6)); // 12 s after v1, 6 s after v2
    assertThat(lastResult().isStale()).isFalse();

    time.advance(Duration.ofSeconds(4));
    assertThat(lastResult().isStale()).isTrue();
    assertThat(lastResult().data()).isEqualTo("v2");
  }

  // ---- focus and reconnect -------------------------------------------------------------------

  @Nested
  class FocusAndReconnect {
    @Test
    void regainingFocusRefetchesStaleActiveQueries() {
      observe(options().build());
      fetcher.resolve("v1");

      client.focusChanged(false);
      client.focusChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(2);
    }

    @Test
    void regainingFocusDoesNotRefetchFreshQueries() {
      observe(options().staleTime(Duration.ofMinutes(1)).build());
      fetcher.resolve("v1");

      client.focusChanged(false);
      client.focusChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void regainingFocusDoesNotRefetchWhenRefetchOnWindowFocusIsNever() {
      observe(options().refetchOnWindowFocus(Refetch.NEVER).build());
      fetcher.resolve("v1");

      client.focusChanged(false);
      client.focusChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void regainingFocusDoesNotRefetchInactiveQueries() {
      QueryObserver<String> observer = observe(options().build());
      fetcher.resolve("v1");
      observer.close();

      client.focusChanged(false);
      client.focusChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void focusWithoutLosingItFirstDoesNotRefetch() {
      observe(options().build());
      fetcher.resolve("v1");

      client.focusChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void reconnectingRefetchesStaleActiveQueries() {
      observe(options().build());
      fetcher.resolve("v1");

      client.onlineChanged(false);
      client.onlineChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(2);
    }

    @Test
    void reconnectingDoesNotRefetchFreshQueries() {
      observe(options().staleTime(Duration.ofMinutes(1)).build());
      fetcher.resolve("v1");

      client.onlineChanged(false);
      client.onlineChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void reconnectingDoesNotRefetchWhenRefetchOnReconnectIsNever() {
      observe(options().refetchOnReconnect(Refetch.NEVER).build());
      fetcher.resolve("v1");

      client.onlineChanged(false);
      client.onlineChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
    }
  }

  // ---- switching keys ------------------------------------------------------------------------

  @Test
  void setOptionsWithAnotherKeyFollowsTheNewQuery() {
    QueryKey<String> page2 = QueryKey.of("todos", 2);
    client.setQueryData(key, "page 1");
    client.setQueryData(page2, "page 2");
    QueryObserver<String> observer =
        observe(QueryOptions.builder(key).staleTime(QuerySettings.FOREVER).build());

    observer.setOptions(QueryOptions.builder(page2).staleTime(QuerySettings.FOREVER).build());

    assertThat(observer.key()).isEqualTo(page2);
    assertThat(lastResult().key()).isEqualTo(page2);
    assertThat(lastResult().data()).isEqualTo("page 2");
    client.setQueryData(page2, "page 2, edited");
    assertThat(lastResult().data()).isEqualTo("page 2, edited");
  }

  @Test
  void setOptionsWithAnotherKeyLeavesTheOldQueryInactive() {
    QueryKey<String> page2 = QueryKey.of("todos", 2);
    client.setQueryData(key, "page 1");
    QueryObserver<String> observer = observe(QueryOptions.builder(key).build());

    observer.setOptions(QueryOptions.builder(page2).build());

    assertThat(client.getQueries(QueryFilter.all().inactive()))
        .extracting(query -> (Object) query.key())
        .containsExactly(key);
    assertThat(client.getQueries(QueryFilter.all().active()))
        .extracting(query -> (Object) query.key())
        .containsExactly(page2);
    int before = results.size();
    client.setQueryData(key, "page 1, edited");
    assertThat(results).hasSize(before);
  }

  @Test
  void setOptionsWithAnotherKeyFetchesItIfMissing() {
    QueryObserver<String> observer = observe(options().build());
    fetcher.resolve("page 1");
    ControllableQuery<String> page2Fetcher = new ControllableQuery<>();

    observer.setOptions(QueryOptions.builder(QueryKey.<String>of("todos", 2)).asyncFetcher(page2Fetcher).build());

    assertThat(page2Fetcher.callCount()).isEqualTo(1);
    assertThat(lastResult().data()).isNull();
    assertThat(lastResult().isLoading()).isTrue();
    page2Fetcher.resolve("page 2");
    assertThat(lastResult().data()).isEqualTo("page 2");
  }

  // ---- closing -------------------------------------------------------------------------------

  @Nested
  class Closing {
    @Test
    void theLastObserverLeavingCancelsAFetchWhoseFunctionUsesTheSignalAndRevertsTheQuery() {
      client.setQueryData(key, "cached");
      QueryObserver<String> observer = observe(options().build());
      client.refetchQueries(QueryFilter.exact(key));
      CancellationSignal signal = fetcher.latestCall().context().signal();
      assertThat(signal.isCancelled()).isFalse(); // the function polls its signal
      assertThat(client.getQueryState(key).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.FETCHING);

      observer.close();

      assertThat(signal.isCancelled()).isTrue();
      QueryState<String> state = client.getQueryState(key).orElseThrow();
      assertThat(state.fetchStatus()).as("nobody is left to finish the fetch for").isEqualTo(FetchStatus.IDLE);
      assertThat(state.data()).isEqualTo("cached");
      fetcher.resolve("too late");
      assertThat(client.getQueryData(key)).contains("cached");
    }

    @Test
    void theLastObserverLeavingLetsAFetchThatIgnoresTheSignalFinish() {
      QueryObserver<String> observer = observe(options().build());

      observer.close();

      assertThat(client.getQueryState(key).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      fetcher.resolve("landed anyway");
      assertThat(client.getQueryData(key)).contains("landed anyway");
    }

    @Test
    void anotherObserverStayingKeepsTheFetch() {
      QueryObserver<String> first = observe(options().build());
      observe(options().build());
      fetcher.latestCall().context().signal().onCancel(() -> {});

      first.close();

      assertThat(fetcher.latestCall().context().signal().isCancelled()).isFalse();
      fetcher.resolve("for the one left");
      assertThat(client.getQueryData(key)).contains("for the one left");
    }

    @Test
    void closedObserverGetsNoFurtherCallbacks() {
      QueryObserver<String> observer = observe(QueryOptions.builder(key).build());
      int before = results.size();

      observer.close();
      client.setQueryData(key, "after close");
      time.advance(Duration.ofMinutes(1));

      assertThat(results).hasSize(before);
      assertThat(observer.isClosed()).isTrue();
    }

    @Test
    void closedObserverSkipsADeliveryAlreadyQueued() {
      UiThread queue = new UiThread();
      QueryClient queued = time.clientBuilder().notifyExecutor(queue).build();
      QueryObserver<String> observer = queued.observe(QueryOptions.builder(key).build(), results::add);
      queue.runPending();
      results.clear();
      queued.setQueryData(key, "queued before close");
      assertThat(queue.pending()).isEqualTo(1);

      observer.close();
      queue.runPending();

      assertThat(results).isEmpty();
    }

    @Test
    void closingLeavesTheQueryInactive() {
      client.setQueryData(key, "data");
      QueryObserver<String> observer = observe(QueryOptions.builder(key).build());
      assertThat(client.getQueries(QueryFilter.all().active())).hasSize(1);

      observer.close();

      assertThat(client.getQueries(QueryFilter.all().active())).isEmpty();
      assertThat(client.getQueries(QueryFilter.all().inactive())).hasSize(1);
    }

    @Test
    void closeIsIdempotent() {
      QueryObserver<String> observer = observe(QueryOptions.builder(key).build());

      observer.close();
      observer.close();

      assertThat(observer.isClosed()).isTrue();
      assertThat(client.getQueries(QueryFilter.all().inactive())).hasSize(1);
    }

    @Test
    void refetchOnClosedObserverThrows() {
      QueryObserver<String> observer = observe(options().enabled(false).build());
      observer.close();

      assertThatThrownBy(observer::refetch).isInstanceOf(IllegalStateException.class);
      assertThat(fetcher.callCount()).isZero();
    }

    @Test
    void setOptionsOnClosedObserverThrows() {
      QueryObserver<String> observer = observe(options().enabled(false).build());
      observer.close();

      assertThatThrownBy(() -> observer.setOptions(options().build()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  // ---- removal -------------------------------------------------------------------------------

  @Test
  void observerOfRemovedQueryMovesToAFreshEmptyQuery() {
    client.setQueryData(key, "data");
    QueryObserver<String> observer = observe(QueryOptions.builder(key).build());

    client.removeQueries(QueryFilter.exact(key));

    assertThat(lastResult().data()).isNull();
    assertThat(lastResult().status()).isEqualTo(QueryStatus.PENDING);
    assertThat(observer.result().data()).isNull();
    assertThat(client.getQueries(QueryFilter.all().active())).hasSize(1);
  }

  @Test
  void observerOfRemovedQueryReceivesLaterWrites() {
    client.setQueryData(key, "data");
    observe(QueryOptions.builder(key).build());
    client.removeQueries(QueryFilter.exact(key));

    client.setQueryData(key, "after removal");

    assertThat(lastResult().data()).isEqualTo("after removal");
    assertThat(lastResult().status()).isEqualTo(QueryStatus.SUCCESS);
  }

  @Test
  void observerOfRemovedQueryDoesNotFetchByItself() {
    observe(options().build());
    fetcher.resolve("v1");

    client.removeQueries(QueryFilter.exact(key));

    assertThat(fetcher.callCount()).isEqualTo(1);
    assertThat(lastResult().fetchStatus()).isEqualTo(FetchStatus.IDLE);
  }

  @Test
  void observerOfQueryRemovedDuringFetchIgnoresTheLateResult() {
    observe(options().build());
    assertThat(lastResult().isFetching()).isTrue();

    client.removeQueries(QueryFilter.exact(key));
    fetcher.resolve("late");

    assertThat(lastResult().data()).isNull();
    assertThat(lastResult().fetchStatus()).isEqualTo(FetchStatus.IDLE);
    assertThat(client.getQueryData(key)).isEmpty();
  }

  @Test
  void observersWithDifferentStaleTimesJudgeStalenessApart() {
    client.setQueryData(key, "data");
    List<QueryResult<String>> patient = new CopyOnWriteArrayList<>();
    observe(QueryOptions.builder(key).staleTime(Duration.ofSeconds(10)).build());
    client.observe(QueryOptions.builder(key).staleTime(Duration.ofMinutes(1)).build(), patient::add);

    time.advance(Duration.ofSeconds(10));

    assertThat(lastResult().isStale()).isTrue();
    assertThat(patient.get(patient.size() - 1).isStale()).isFalse();
  }

}
