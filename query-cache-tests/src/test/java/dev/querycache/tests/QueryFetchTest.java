package dev.querycache.tests;

import dev.querycache.CachedQuery;
import dev.querycache.CancellationSignal;
import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.QueryCall;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of fetching: freshness, deduplication, the state machine of a fetch, retries,
 * cancellation, invalidation and the other bulk operations, garbage collection and offline
 * pausing. Time is virtual ({@link VirtualTime}); fetches are controlled by hand through
 * {@link ControllableQuery}.
 */
@DisplayName("Fetching")
class QueryFetchTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).build();
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final ControllableQuery<String> fetcher = new ControllableQuery<>();

  /** Options for {@link #key} fetched by {@link #fetcher}, default settings. */
  private QueryOptions.Builder<String> options() {
    return QueryOptions.builder(key).asyncFetcher(fetcher);
  }

  private QueryState<String> state() {
    return client.getQueryState(key).orElseThrow();
  }

  private <T> QueryObserver<T> observe(QueryOptions<T> options) {
    return client.observe(options, result -> {});
  }

  // ---- freshness ---------------------------------------------------------------------------

  @Nested
  @DisplayName("freshness")
  class Freshness {
    @Test
    void fetchQueryReturnsFreshCachedDataWithoutCallingTheFunction() {
      client.setQueryData(key, "cached");
      time.advance(Duration.ofSeconds(30));

      CompletableFuture<String> result =
          client.fetchQuery(options().staleTime(Duration.ofMinutes(1)).build());

      assertThat(result).isCompletedWithValue("cached");
      assertThat(fetcher.callCount()).isZero();
    }

    @Test
    void fetchQueryFetchesStaleData() {
      client.setQueryData(key, "cached");

      CompletableFuture<String> result = client.fetchQuery(options().staleTime(Duration.ZERO).build());

      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(result).isNotDone();
      fetcher.resolve("fetched");
      assertThat(result).isCompletedWithValue("fetched");
      assertThat(client.getQueryData(key)).contains("fetched");
    }

    @Test
    void dataIsStaleAsSoonAsItLandsByDefault() {
      client.fetchQuery(options().build());
      fetcher.resolve("first");

      CompletableFuture<String> again = client.fetchQuery(options().build());

      assertThat(fetcher.callCount()).isEqualTo(2);
      assertThat(again).isNotDone();
    }

    @Test
    void foreverStaleTimeNeverGoesStaleByTime() {
      QueryOptions<String> forever =
          options().staleTime(QuerySettings.FOREVER).gcTime(QuerySettings.FOREVER).build();
      client.fetchQuery(forever);
      fetcher.resolve("v1");

      time.advance(Duration.ofDays(1000));

      assertThat(client.fetchQuery(forever)).isCompletedWithValue("v1");
      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void foreverStaleTimeGoesStaleWhenInvalidated() {
      QueryOptions<String> forever =
          options().staleTime(QuerySettings.FOREVER).gcTime(QuerySettings.FOREVER).build();
      client.fetchQuery(forever);
      fetcher.resolve("v1");

      client.invalidateQueries(QueryFilter.exact(key));
      CompletableFuture<String> result = client.fetchQuery(forever);

      assertThat(fetcher.callCount()).isEqualTo(2);
      fetcher.resolve("v2");
      assertThat(result).isCompletedWithValue("v2");
    }
  }

  // ---- deduplication -----------------------------------------------------------------------

  @Test
  void concurrentFetchesShareOneFunctionCall() {
    CompletableFuture<String> first = client.fetchQuery(options().build());
    CompletableFuture<String> second = client.fetchQuery(options().build());

    assertThat(fetcher.callCount()).isEqualTo(1);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();

    fetcher.resolve("shared");

    assertThat(first).isCompletedWithValue("shared");
    assertThat(second).isCompletedWithValue("shared");
    assertThat(fetcher.callCount()).isEqualTo(1);
  }

  // ---- the state machine -------------------------------------------------------------------

  @Nested
  @DisplayName("state machine")
  class StateMachine {
    @Test
    void firstFetchIsPendingAndFetchingUntilItLands() {
      client.fetchQuery(options().build());

      QueryState<String> during = state();
      assertThat(during.status()).isEqualTo(QueryStatus.PENDING);
      assertThat(during.fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      assertThat(during.data()).isNull();
      assertThat(during.dataUpdateCount()).isZero();
    }

    @Test
    void successfulFetchIsSuccessAndIdleStampedWithTheTimeItLanded() {
      client.fetchQuery(options().build());
      time.advance(Duration.ofSeconds(3));
      long landedAt = time.read();

      fetcher.resolve("data");

      QueryState<String> after = state();
      assertThat(after.status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(after.data()).isEqualTo("data");
      assertThat(after.dataUpdatedAt()).isEqualTo(landedAt);
      assertThat(after.dataUpdateCount()).isEqualTo(1);
      assertThat(after.error()).isNull();
    }

    @Test
    void eachSuccessfulFetchIncrementsDataUpdateCount() {
      client.fetchQuery(options().build());
      fetcher.resolve("one");
      time.advance(Duration.ofSeconds(1));
      client.fetchQuery(options().build());
      fetcher.resolve("two");

      assertThat(state().dataUpdateCount()).isEqualTo(2);
      assertThat(state().data()).isEqualTo("two");
      assertThat(state().dataUpdatedAt()).isEqualTo(time.read());
    }

    @Test
    void refetchOfQueryWithDataIsSuccessAndFetching() {
      client.setQueryData(key, "old");

      client.fetchQuery(options().build());

      assertThat(state().status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      assertThat(state().data()).isEqualTo("old");
    }

    @Test
    void failedFetchWithoutDataIsErrorWithTheError() {
      CompletableFuture<String> result = client.fetchQuery(options().retry(0).build());
      IOException boom = new IOException("boom");
      time.advance(Duration.ofSeconds(2));

      fetcher.fail(boom);

      QueryState<String> after = state();
      assertThat(after.status()).isEqualTo(QueryStatus.ERROR);
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(after.error()).isSameAs(boom);
      assertThat(after.errorUpdatedAt()).isEqualTo(time.read());
      assertThat(after.errorUpdateCount()).isEqualTo(1);
      assertThat(after.data()).isNull();
      assertThat(failureOf(result)).isSameAs(boom);
    }

    @Test
    void failedFetchKeepsExistingData() {
      client.setQueryData(key, "old");
      client.fetchQuery(options().retry(0).build());

      fetcher.fail(new IOException("boom"));

      QueryState<String> after = state();
      assertThat(after.status()).isEqualTo(QueryStatus.ERROR);
      assertThat(after.data()).isEqualTo("old");
      assertThat(after.error()).hasMessage("boom");
      assertThat(after.errorUpdateCount()).isEqualTo(1);
    }

    @Test
    void eachFailedFetchIncrementsErrorUpdateCount() {
      client.fetchQuery(options().retry(0).build());
      fetcher.fail(new IOException("one"));
      client.fetchQuery(options().retry(0).build());
      fetcher.fail(new IOException("two"));

      assertThat(state().errorUpdateCount()).isEqualTo(2);
      assertThat(state().error()).hasMessage("two");
    }
  }

  // ---- retries -----------------------------------------------------------------------------

  @Nested
  @DisplayName("retries")
  class Retries {
    /**
     * A fetch as a screen starts it (an observer mounting), under the queries' default retry
     * policy, and a future that joins it (a joined fetch keeps its own policy).
     */
    private CompletableFuture<String> observedFetch() {
      client.observe(options().build(), result -> {});
      return client.fetchQuery(options().build());
    }

    @Test
    void defaultPolicyRetriesThreeTimesAfterOneTwoAndFourSeconds() {
      CompletableFuture<String> result = observedFetch();
      assertThat(fetcher.callCount()).isEqualTo(1);

      fetcher.fail(new IOException("1"));
      time.advance(Duration.ofMillis(999));
      assertThat(fetcher.callCount()).isEqualTo(1);
      time.advance(Duration.ofMillis(1));
      assertThat(fetcher.callCount()).isEqualTo(2);

      fetcher.fail(new IOException("2"));
      time.advance(Duration.ofMillis(1999));
      assertThat(fetcher.callCount()).isEqualTo(2);
      time.advance(Duration.ofMillis(1));
      assertThat(fetcher.callCount()).isEqualTo(3);

      fetcher.fail(new IOException("3"));
      time.advance(Duration.ofMillis(3999));
      assertThat(fetcher.callCount()).isEqualTo(3);
      time.advance(Duration.ofMillis(1));
      assertThat(fetcher.callCount()).isEqualTo(4);

      assertThat(result).isNotDone();
      fetcher.fail(new IOException("4"));
      assertThat(failureOf(result)).hasMessage("4");
      time.advance(Duration.ofMinutes(1));
      assertThat(fetcher.callCount()).isEqualTo(4);
    }

    @Test
    void failureCountAndReasonUpdateBetweenAttempts() {
      observedFetch();

      IOException first = new IOException("first");
      fetcher.fail(first);
      assertThat(state().fetchFailureCount()).isEqualTo(1);
      assertThat(state().fetchFailureReason()).isSameAs(first);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      assertThat(state().status()).isEqualTo(QueryStatus.PENDING);
      assertThat(state().error()).isNull();

      time.advance(Duration.ofSeconds(1));
      IOException second = new IOException("second");
      fetcher.fail(second);
      assertThat(state().fetchFailureCount()).isEqualTo(2);
      assertThat(state().fetchFailureReason()).isSameAs(second);
      assertThat(state().errorUpdateCount()).isZero();
    }

    @Test
    void errorIsFinalAfterTheFourthFailure() {
      observedFetch();
      for (int attempt = 1; attempt <= 4; attempt++) {
        assertThat(state().status()).isEqualTo(QueryStatus.PENDING);
        fetcher.fail(new IOException("attempt " + attempt));
        time.advance(Duration.ofSeconds(4));
      }

      QueryState<String> after = state();
      assertThat(fetcher.callCount()).isEqualTo(4);
      assertThat(after.status()).isEqualTo(QueryStatus.ERROR);
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(after.error()).hasMessage("attempt 4");
      assertThat(after.fetchFailureCount()).isEqualTo(4);
      assertThat(after.fetchFailureReason()).hasMessage("attempt 4");
      assertThat(after.errorUpdateCount()).isEqualTo(1);
    }

    @Test
    void fetchQueryDoesNotRetryUnlessAsked() {
      // TanStack Query's rule for imperative fetches: the caller is not a screen that can
      // wait; it asked once.
      CompletableFuture<String> result = client.fetchQuery(options().build());

      fetcher.fail(new IOException("boom"));

      assertThat(failureOf(result)).hasMessage("boom");
      assertThat(state().status()).isEqualTo(QueryStatus.ERROR);
      time.advance(Duration.ofMinutes(1));
      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void prefetchQueryAndEnsureQueryDataDoNotRetryUnlessAsked() {
      CompletableFuture<Void> prefetched = client.prefetchQuery(options().build());
      fetcher.fail(new IOException("prefetch"));
      CompletableFuture<String> ensured = client.ensureQueryData(options().build());
      fetcher.fail(new IOException("ensure"));
      time.advance(Duration.ofMinutes(1));

      assertThat(prefetched).isCompleted();
      assertThat(failureOf(ensured)).hasMessage("ensure");
      assertThat(fetcher.callCount()).isEqualTo(2);
    }

    @Test
    void fetchQueryRetriesWhenTheClientsDefaultsSetARetryPolicy() {
      QueryClient retrying =
          time.clientBuilder().fetchExecutor(Runnable::run).defaults(QuerySettings.builder().retry(1).build()).build();
      CompletableFuture<String> result = retrying.fetchQuery(options().build());

      fetcher.fail(new IOException("1"));
      time.advance(Duration.ofSeconds(1));
      fetcher.resolve("second time lucky");

      assertThat(result).isCompletedWithValue("second time lucky");
      assertThat(fetcher.callCount()).isEqualTo(2);
    }

    @Test
    void fetchQueryRetriesWhenAPrefixDefaultSetsARetryPolicy() {
      client.setQueryDefaults(key, QuerySettings.builder().retry(1).build());
      CompletableFuture<String> result = client.fetchQuery(options().build());

      fetcher.fail(new IOException("1"));
      time.advance(Duration.ofSeconds(1));

      assertThat(fetcher.callCount()).isEqualTo(2);
      fetcher.resolve("ok");
      assertThat(result).isCompletedWithValue("ok");
    }

    @Test
    void retryZeroFailsAtOnce() {
      CompletableFuture<String> result = client.fetchQuery(options().retry(0).build());

      fetcher.fail(new IOException("boom"));

      assertThat(failureOf(result)).hasMessage("boom");
      assertThat(state().status()).isEqualTo(QueryStatus.ERROR);
      time.advance(Duration.ofMinutes(1));
      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void fixedPolicyRetriesAfterTheSameDelay() {
      CompletableFuture<String> result =
          client.fetchQuery(options().retry(RetryPolicy.fixed(2, Duration.ofMillis(500))).build());

      fetcher.fail(new IOException("1"));
      time.advance(Duration.ofMillis(499));
      assertThat(fetcher.callCount()).isEqualTo(1);
      time.advance(Duration.ofMillis(1));
      assertThat(fetcher.callCount()).isEqualTo(2);

      fetcher.fail(new IOException("2"));
      time.advance(Duration.ofMillis(499));
      assertThat(fetcher.callCount()).isEqualTo(2);
      time.advance(Duration.ofMillis(1));
      assertThat(fetcher.callCount()).isEqualTo(3);

      fetcher.fail(new IOException("3"));
      assertThat(failureOf(result)).hasMessage("3");
      time.advance(Duration.ofMinutes(1));
      assertThat(fetcher.callCount()).isEqualTo(3);
    }

    @Test
    void retryAfterSuccessfulAttemptLandsTheData() {
      CompletableFuture<String> result = observedFetch();
      fetcher.fail(new IOException("flaky"));
      time.advance(Duration.ofSeconds(1));

      fetcher.resolve("ok");

      assertThat(result).isCompletedWithValue("ok");
      assertThat(state().status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(state().fetchFailureCount()).isZero();
      assertThat(state().fetchFailureReason()).isNull();
      assertThat(state().errorUpdateCount()).isZero();
    }

    @Test
    void exponentialDelaysDoubleFromOneSecond() {
      RetryPolicy policy = RetryPolicy.exponential(10);
      Throwable error = new IOException();

      assertThat(policy.delay(0, error)).isEqualTo(Duration.ofSeconds(1));
      assertThat(policy.delay(1, error)).isEqualTo(Duration.ofSeconds(2));
      assertThat(policy.delay(2, error)).isEqualTo(Duration.ofSeconds(4));
      assertThat(policy.delay(4, error)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void exponentialDelayCapsAtThirtySeconds() {
      RetryPolicy policy = RetryPolicy.exponential(10);
      Throwable error = new IOException();

      assertThat(policy.delay(5, error)).isEqualTo(Duration.ofSeconds(30));
      assertThat(policy.delay(6, error)).isEqualTo(Duration.ofSeconds(30));
      assertThat(policy.delay(9, error)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void exponentialPolicyRetriesAtMostItsCount() {
      RetryPolicy policy = RetryPolicy.exponential(3);
      Throwable error = new IOException();

      assertThat(policy.shouldRetry(0, error)).isTrue();
      assertThat(policy.shouldRetry(2, error)).isTrue();
      assertThat(policy.shouldRetry(3, error)).isFalse();
      assertThat(RetryPolicy.never().shouldRetry(0, error)).isFalse();
    }
  }

  // ---- cancellation ------------------------------------------------------------------------

  @Nested
  @DisplayName("cancellation")
  class Cancellation {
    @Test
    void cancelledFetchFailsItsWaiterWithCancellationException() {
      CompletableFuture<String> result = client.fetchQuery(options().build());

      client.cancelQueries(QueryFilter.exact(key));

      assertThat(failureOf(result)).isInstanceOf(CancellationException.class);
    }

    @Test
    void cancelledFirstFetchRevertsToPendingAndIdle() {
      client.fetchQuery(options().build());

      client.cancelQueries(QueryFilter.exact(key));

      QueryState<String> after = state();
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(after.status()).isEqualTo(QueryStatus.PENDING);
      assertThat(after.data()).isNull();
    }

    @Test
    void cancelledRefetchKeepsOldDataAndSuccess() {
      client.setQueryData(key, "old");
      client.fetchQuery(options().build());

      client.cancelQueries(QueryFilter.exact(key));

      QueryState<String> after = state();
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(after.status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(after.data()).isEqualTo("old");
      assertThat(after.dataUpdateCount()).isEqualTo(1);
    }

    @Test
    void cancelledFetchDiscardsLateResult() {
      client.setQueryData(key, "old");
      client.fetchQuery(options().build());
      client.cancelQueries(QueryFilter.exact(key));

      fetcher.resolve("late");

      assertThat(client.getQueryData(key)).contains("old");
      assertThat(state().dataUpdateCount()).isEqualTo(1);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.IDLE);
    }

    @Test
    void cancelledFetchDiscardsLateFailure() {
      client.fetchQuery(options().retry(0).build());
      client.cancelQueries(QueryFilter.exact(key));

      fetcher.fail(new IOException("late"));

      assertThat(state().status()).isEqualTo(QueryStatus.PENDING);
      assertThat(state().error()).isNull();
      assertThat(state().errorUpdateCount()).isZero();
    }

    @Test
    void cancellationSignalReportsCancelledAndRunsCallbacks() {
      client.fetchQuery(options().build());
      CancellationSignal signal = fetcher.latestCall().context().signal();
      AtomicInteger before = new AtomicInteger();
      signal.onCancel(before::incrementAndGet);
      assertThat(signal.isCancelled()).isFalse();
      assertThat(before).hasValue(0);

      client.cancelQueries(QueryFilter.exact(key));

      assertThat(signal.isCancelled()).isTrue();
      assertThat(before).hasValue(1);
    }

    @Test
    void cancelCallbackRegisteredAfterCancelRunsAtOnce() {
      client.fetchQuery(options().build());
      CancellationSignal signal = fetcher.latestCall().context().signal();
      client.cancelQueries(QueryFilter.exact(key));

      AtomicInteger after = new AtomicInteger();
      signal.onCancel(after::incrementAndGet);

      assertThat(after).hasValue(1);
    }

    @Test
    void cancellationIsNotAnError() {
      client.fetchQuery(options().build());

      client.cancelQueries(QueryFilter.exact(key));

      QueryState<String> after = state();
      assertThat(after.error()).isNull();
      assertThat(after.errorUpdateCount()).isZero();
      assertThat(after.status()).isNotEqualTo(QueryStatus.ERROR);
    }

    @Test
    void cancellingDuringRetryBackoffStopsFurtherAttempts() {
      CompletableFuture<String> result = client.fetchQuery(options().retry(3).build());
      fetcher.fail(new IOException("first"));
      assertThat(state().fetchFailureCount()).isEqualTo(1);

      client.cancelQueries(QueryFilter.exact(key));
      time.advance(Duration.ofMinutes(1));

      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(failureOf(result)).isInstanceOf(CancellationException.class);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(state().fetchFailureCount()).isZero();
      assertThat(state().error()).isNull();
    }

    @Test
    void cancelWithoutFetchInFlightChangesNothing() {
      client.setQueryData(key, "data");
      QueryState<String> before = state();

      client.cancelQueries(QueryFilter.all());

      assertThat(state()).isSameAs(before);
    }

    @Test
    void dataWrittenByHandDuringFetchSurvivesCancel() {
      client.fetchQuery(options().build());
      client.setQueryData(key, "by hand");

      client.cancelQueries(QueryFilter.exact(key));

      QueryState<String> after = state();
      assertThat(after.data()).isEqualTo("by hand");
      assertThat(after.status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
    }
  }

  // ---- query functions ---------------------------------------------------------------------

  @Nested
  @DisplayName("query functions")
  class Functions {
    @Test
    void blockingFetcherResultLands() {
      CompletableFuture<String> result = client.fetchQuery(QueryOptions.of(key, ctx -> "blocking"));

      assertThat(result).isCompletedWithValue("blocking");
      assertThat(client.getQueryData(key)).contains("blocking");
    }

    @Test
    void blockingFetcherCheckedExceptionFailsTheFuture() {
      IOException boom = new IOException("boom");
      QueryOptions<String> throwing =
          QueryOptions.builder(key)
              .fetcher(
                  ctx -> {
                    throw boom;
                  })
              .retry(0)
              .build();

      CompletableFuture<String> result = client.fetchQuery(throwing);

      assertThat(failureOf(result)).isSameAs(boom);
      assertThat(state().error()).isSameAs(boom);
    }

    @Test
    void blockingFetcherReturningNullFailsWithNullPointerExceptionNamingTheKey() {
      QueryOptions<String> nullReturning =
          QueryOptions.builder(key).fetcher(ctx -> null).retry(0).build();

      CompletableFuture<String> result = client.fetchQuery(nullReturning);

      assertThat(failureOf(result))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining(key.toString());
    }

    @Test
    void queryFunctionReceivesTheKey() {
      client.fetchQuery(options().build());

      assertThat(fetcher.latestCall().context().key()).isEqualTo(key);
    }

    @Test
    void fetchWithoutFunctionFailsWithIllegalStateException() {
      CompletableFuture<String> result = client.fetchQuery(QueryOptions.builder(key).build());
      time.advance(Duration.ofMinutes(1)); // past any retries

      assertThat(failureOf(result))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no query function");
    }
  }

  // ---- prefetch and ensure -----------------------------------------------------------------

  @Nested
  @DisplayName("prefetchQuery and ensureQueryData")
  class PrefetchAndEnsure {
    @Test
    void prefetchQueryCachesTheData() {
      CompletableFuture<Void> done = client.prefetchQuery(options().build());
      assertThat(done).isNotDone();

      fetcher.resolve("warm");

      assertThat(done).isCompleted();
      assertThat(client.getQueryData(key)).contains("warm");
    }

    @Test
    void prefetchQueryNeverFails() {
      CompletableFuture<Void> done = client.prefetchQuery(options().retry(0).build());

      fetcher.fail(new IOException("boom"));

      assertThat(done).isCompletedWithValue(null);
      assertThat(state().status()).isEqualTo(QueryStatus.ERROR);
    }

    @Test
    void ensureQueryDataReturnsStaleCachedDataWithoutFetching() {
      client.setQueryData(key, "cached");
      time.advance(Duration.ofMinutes(1));

      CompletableFuture<String> result = client.ensureQueryData(options().build());

      assertThat(result).isCompletedWithValue("cached");
      assertThat(fetcher.callCount()).isZero();
    }

    @Test
    void ensureQueryDataFetchesOnMiss() {
      CompletableFuture<String> result = client.ensureQueryData(options().build());

      assertThat(fetcher.callCount()).isEqualTo(1);
      fetcher.resolve("fetched");
      assertThat(result).isCompletedWithValue("fetched");
    }
  }

  // ---- invalidation ------------------------------------------------------------------------

  @Nested
  @DisplayName("invalidateQueries")
  class Invalidation {
    @Test
    void invalidateMarksMatchesInvalidated() {
      QueryKey<String> other = QueryKey.of("users", 1);
      client.setQueryData(key, "a");
      client.setQueryData(other, "b");

      client.invalidateQueries(QueryFilter.prefix("todos"));

      assertThat(state().isInvalidated()).isTrue();
      assertThat(client.getQueryState(other).orElseThrow().isInvalidated()).isFalse();
    }

    @Test
    void invalidateRefetchesActiveQueries() {
      observe(options().build());
      fetcher.resolve("v1");

      client.invalidateQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isEqualTo(2);
      fetcher.resolve("v2");
      assertThat(client.getQueryData(key)).contains("v2");
      assertThat(state().isInvalidated()).isFalse();
    }

    @Test
    void invalidateFutureCompletesOnlyAfterTheRefetches() {
      observe(options().build());
      fetcher.resolve("v1");

      CompletableFuture<Void> done = client.invalidateQueries(QueryFilter.exact(key));

      assertThat(done).isNotDone();
      fetcher.resolve("v2");
      assertThat(done).isCompleted();
    }

    @Test
    void invalidateFutureCompletesNormallyWhenTheRefetchFails() {
      observe(options().retry(0).build());
      fetcher.resolve("v1");

      CompletableFuture<Void> done = client.invalidateQueries(QueryFilter.exact(key));
      fetcher.fail(new IOException("boom"));

      assertThat(done).isCompletedWithValue(null);
    }

    @Test
    void invalidateDoesNotRefetchInactiveQueriesButMakesThemStale() {
      client.fetchQuery(options().staleTime(QuerySettings.FOREVER).build());
      fetcher.resolve("v1");

      CompletableFuture<Void> done = client.invalidateQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(done).isCompleted();
      assertThat(client.getQueries(QueryFilter.exact(key).stale(true))).hasSize(1);
      assertThat(client.getQueryData(key)).contains("v1");
    }

    @Test
    void invalidateDoesNotRefetchQueriesWhoseObserversAreDisabled() {
      client.setQueryData(key, "v1");
      observe(options().enabled(false).build());

      client.invalidateQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isZero();
      assertThat(state().isInvalidated()).isTrue();
    }

    @Test
    void invalidateDoesNotRefetchQueriesWhoseObserverClosed() {
      QueryObserver<String> observer = observe(options().build());
      fetcher.resolve("v1");
      observer.close();

      client.invalidateQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void invalidatingDuringFirstFetchJoinsIt() {
      observe(options().build());
      CompletableFuture<String> waiter = client.fetchQuery(options().build());

      client.invalidateQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(fetcher.call(0).context().signal().isCancelled()).isFalse();
      fetcher.resolve("first");
      assertThat(waiter).isCompletedWithValue("first");
    }

    @Test
    void invalidatingDuringFetchReplacesItAndHandsWaitersTheNewResult() {
      client.setQueryData(key, "v1");
      observe(options().build()); // stale data: the mount refetch is in flight
      assertThat(fetcher.callCount()).isEqualTo(1);
      QueryCall<String> oldFetch = fetcher.call(0);
      CompletableFuture<String> waiter = client.fetchQuery(options().build());
      assertThat(fetcher.callCount()).isEqualTo(1);

      client.invalidateQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isEqualTo(2);
      assertThat(fetcher.call(0).context().signal().isCancelled()).isTrue();
      assertThat(waiter).isNotDone();
      fetcher.call(1).resolve("v2");
      assertThat(waiter).isCompletedWithValue("v2");

      oldFetch.resolve("late");
      assertThat(client.getQueryData(key)).contains("v2");
      assertThat(state().dataUpdateCount()).isEqualTo(2);
    }
  }

  // ---- refetch, reset, remove --------------------------------------------------------------

  @Nested
  @DisplayName("refetchQueries, resetQueries, removeQueries")
  class BulkOperations {
    @Test
    void refetchQueriesRefetchesMatches() {
      client.fetchQuery(options().staleTime(QuerySettings.FOREVER).build());
      fetcher.resolve("v1");

      CompletableFuture<Void> done = client.refetchQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isEqualTo(2);
      assertThat(done).isNotDone();
      fetcher.resolve("v2");
      assertThat(done).isCompleted();
      assertThat(client.getQueryData(key)).contains("v2");
    }

    @Test
    void refetchQueriesLeavesNonMatchesAlone() {
      ControllableQuery<String> otherFetcher = new ControllableQuery<>();
      QueryKey<String> other = QueryKey.of("users", 1);
      client.fetchQuery(options().build());
      fetcher.resolve("v1");
      client.fetchQuery(QueryOptions.builder(other).asyncFetcher(otherFetcher).build());
      otherFetcher.resolve("u1");

      client.refetchQueries(QueryFilter.prefix("users"));

      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(otherFetcher.callCount()).isEqualTo(2);
    }

    @Test
    void refetchQueriesSkipsQueriesWhoseObserversAreAllDisabled() {
      client.setQueryData(key, "v1");
      observe(options().enabled(false).build());

      client.refetchQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isZero();
    }

    @Test
    void resetQueriesReturnsDataToNullAndPending() {
      client.fetchQuery(options().build());
      fetcher.resolve("v1");

      client.resetQueries(QueryFilter.exact(key));

      QueryState<String> after = state();
      assertThat(after.data()).isNull();
      assertThat(after.status()).isEqualTo(QueryStatus.PENDING);
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(after.dataUpdateCount()).isZero();
      assertThat(fetcher.callCount()).isEqualTo(1); // inactive: no refetch
    }

    @Test
    void resetQueriesRefetchesActiveQueries() {
      observe(options().build());
      fetcher.resolve("v1");

      CompletableFuture<Void> done = client.resetQueries(QueryFilter.exact(key));

      assertThat(fetcher.callCount()).isEqualTo(2);
      assertThat(state().data()).isNull();
      assertThat(state().status()).isEqualTo(QueryStatus.PENDING);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      assertThat(done).isNotDone();
      fetcher.resolve("v2");
      assertThat(done).isCompleted();
      assertThat(client.getQueryData(key)).contains("v2");
    }

    @Test
    void resetQueriesCancelsTheFetchInFlight() {
      CompletableFuture<String> result = client.fetchQuery(options().build());

      client.resetQueries(QueryFilter.exact(key));
      fetcher.resolve("late");

      assertThat(failureOf(result)).isInstanceOf(CancellationException.class);
      assertThat(client.getQueryData(key)).isEmpty();
    }

    @Test
    void removeQueriesRemovesTheQuery() {
      client.setQueryData(key, "v1");

      client.removeQueries(QueryFilter.exact(key));

      assertThat(client.getQueryData(key)).isEmpty();
      assertThat(client.getQueryState(key)).isEmpty();
      assertThat(client.getQueries(QueryFilter.all())).isEmpty();
    }

    @Test
    void removeQueriesCancelsItsFetch() {
      CompletableFuture<String> result = client.fetchQuery(options().build());

      client.removeQueries(QueryFilter.exact(key));

      assertThat(failureOf(result)).isInstanceOf(CancellationException.class);
      assertThat(fetcher.latestCall().context().signal().isCancelled()).isTrue();
      fetcher.resolve("late");
      assertThat(client.getQueryData(key)).isEmpty();
    }
  }

  // ---- garbage collection ------------------------------------------------------------------

  @Nested
  @DisplayName("garbage collection")
  class GarbageCollection {
    @Test
    void unobservedQueryIsCollectedAfterDefaultGcTimeOfFiveMinutes() {
      client.setQueryData(key, "v1");

      time.advance(Duration.ofMinutes(4).plusSeconds(59));
      assertThat(client.getQueryData(key)).contains("v1");

      time.advance(Duration.ofSeconds(2));
      assertThat(client.getQueryData(key)).isEmpty();
      assertThat(client.getQueries(QueryFilter.all())).isEmpty();
    }

    @Test
    void unobservedQueryIsCollectedAfterItsGcTime() {
      client.fetchQuery(options().gcTime(Duration.ofSeconds(10)).build());
      fetcher.resolve("v1");

      time.advance(Duration.ofSeconds(9));
      assertThat(client.getQueryData(key)).contains("v1");
      time.advance(Duration.ofSeconds(2));
      assertThat(client.getQueryData(key)).isEmpty();
    }

    @Test
    void aQuerysGcTimeOnlyGrows() {
      // TanStack Query's rule: the longest gc time any observer or fetch asked for stands.
      QueryObserver<String> screen = observe(options().gcTime(Duration.ofMinutes(30)).build());
      fetcher.resolve("v1");
      screen.close();
      client.fetchQuery(options().gcTime(Duration.ofSeconds(1)).build()); // a fetch asking for less
      fetcher.resolve("v2");

      time.advance(Duration.ofMinutes(29));

      assertThat(client.getQueryData(key)).as("kept for the longer gc time").contains("v2");
      time.advance(Duration.ofMinutes(2));
      assertThat(client.getQueryData(key)).isEmpty();
    }

    @Test
    void observedQueryIsNeverCollected() {
      client.setQueryData(key, "v1");
      observe(QueryOptions.builder(key).build());

      time.advance(Duration.ofHours(1));

      assertThat(client.getQueryData(key)).contains("v1");
      assertThat(client.getQueries(QueryFilter.all())).hasSize(1);
    }

    @Test
    void gcCountdownStartsWhenTheLastObserverCloses() {
      client.setQueryData(key, "v1");
      QueryObserver<String> observer = observe(QueryOptions.builder(key).build());
      time.advance(Duration.ofHours(1));

      observer.close();

      time.advance(Duration.ofMinutes(4).plusSeconds(59));
      assertThat(client.getQueryData(key)).contains("v1");
      time.advance(Duration.ofSeconds(2));
      assertThat(client.getQueryData(key)).isEmpty();
    }

    @Test
    void fetchingQueryIsNotCollectedWhileItsFetchIsInFlight() {
      CompletableFuture<String> result = client.fetchQuery(options().build());

      time.advance(Duration.ofMinutes(10));
      assertThat(client.getQueryState(key)).isPresent();
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.FETCHING);

      fetcher.resolve("v1");
      assertThat(result).isCompletedWithValue("v1");
      assertThat(client.getQueryData(key)).contains("v1");

      time.advance(Duration.ofMinutes(4).plusSeconds(59));
      assertThat(client.getQueryData(key)).contains("v1");
      time.advance(Duration.ofSeconds(2));
      assertThat(client.getQueryData(key)).isEmpty();
    }

    @Test
    void cancelledFetchStartsTheGcCountdown() {
      client.fetchQuery(options().build());
      time.advance(Duration.ofMinutes(10));

      client.cancelQueries(QueryFilter.exact(key));

      time.advance(Duration.ofMinutes(4).plusSeconds(59));
      assertThat(client.getQueryState(key)).isPresent();
      time.advance(Duration.ofSeconds(2));
      assertThat(client.getQueryState(key)).isEmpty();
    }

    @Test
    void maxUnobservedQueriesEvictsBeyondTheCapButNeverAnObservedQuery() {
      QueryClient capped = time.clientBuilder().fetchExecutor(Runnable::run).maxUnobservedQueries(2).build();
      QueryKey<String> watched = QueryKey.of("watched");
      capped.setQueryData(watched, "w");
      capped.observe(QueryOptions.builder(watched).build(), result -> {});

      for (int i = 0; i < 10; i++) {
        capped.setQueryData(QueryKey.of("item", i), "v" + i);
      }

      List<CachedQuery<?>> all = capped.getQueries(QueryFilter.all());
      assertThat(all).extracting(query -> (Object) query.key()).contains(watched);
      assertThat(capped.getQueries(QueryFilter.all().inactive())).hasSize(2);
      assertThat(capped.getQueryData(watched)).contains("w");
    }

    @Test
    void maxUnobservedQueriesNeverEvictsAFetchingQuery() {
      QueryClient capped = time.clientBuilder().fetchExecutor(Runnable::run).maxUnobservedQueries(2).build();
      CompletableFuture<String> result = capped.fetchQuery(options().build());

      for (int i = 0; i < 10; i++) {
        capped.setQueryData(QueryKey.of("item", i), "v" + i);
      }

      assertThat(capped.getQueries(QueryFilter.all().fetchStatus(FetchStatus.FETCHING)))
          .extracting(query -> (Object) query.key())
          .containsExactly(key);
      fetcher.resolve("landed");
      assertThat(result).isCompletedWithValue("landed");
    }

    @Test
    void withACapOfZeroAWriteLandsAndIsThenEvicted() {
      QueryClient capped = time.clientBuilder().fetchExecutor(Runnable::run).maxUnobservedQueries(0).build();

      assertThat(capped.setQueryData(key, "written")).isEqualTo("written");
      assertThat(capped.updateQueryData(key, current -> current == null ? "created" : current + "!"))
          .contains("created");
      assertThat(capped.getQueries(QueryFilter.all())).isEmpty();
    }

    @Test
    void withACapOfZeroAnObservedQueryKeepsItsWrites() {
      QueryClient capped = time.clientBuilder().fetchExecutor(Runnable::run).maxUnobservedQueries(0).build();
      capped.observe(QueryOptions.builder(key).enabled(false).build(), result -> {});

      capped.setQueryData(key, "kept");

      assertThat(capped.getQueryData(key)).contains("kept");
    }
  }

  // ---- offline -----------------------------------------------------------------------------

  @Nested
  @DisplayName("offline")
  class Offline {
    @Test
    void fetchWhileOfflineIsPausedAndDoesNotCallTheFunction() {
      client.onlineChanged(false);

      CompletableFuture<String> result = client.fetchQuery(options().build());

      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.PAUSED);
      assertThat(fetcher.callCount()).isZero();
      assertThat(result).isNotDone();
      assertThat(client.isFetching(QueryFilter.all())).isZero();
    }

    @Test
    void pausedFetchResumesWhenBackOnline() {
      client.onlineChanged(false);
      CompletableFuture<String> result = client.fetchQuery(options().build());

      client.onlineChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      fetcher.resolve("online");
      assertThat(result).isCompletedWithValue("online");
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.IDLE);
    }

    @Test
    void aRefetchOrInvalidationOfAPausedQueryResolvesAtOnce() {
      // As TanStack Query does: the call does not wait for the network to come back.
      client.setQueryData(key, "cached");
      observe(options().staleTime(QuerySettings.FOREVER).build());
      client.onlineChanged(false);

      CompletableFuture<Void> refetched = client.refetchQueries(QueryFilter.exact(key));
      CompletableFuture<Void> invalidated = client.invalidateQueries(QueryFilter.exact(key));

      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.PAUSED);
      assertThat(refetched).isCompleted();
      assertThat(invalidated).isCompleted();
      assertThat(fetcher.callCount()).isZero();
    }

    @Test
    void pausedFetchesResumeInTheOrderTheyPaused() {
      client.onlineChanged(false);
      List<String> order = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 20; i++) {
        String name = "q" + i;
        client.fetchQuery(QueryOptions.of(QueryKey.of("order", i), context -> {
          order.add(name);
          return name;
        }));
      }

      client.onlineChanged(true);

      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        expected.add("q" + i);
      }
      assertThat(order).isEqualTo(expected);
    }

    @Test
    void onReconnectPausedMutationsResumeBeforePausedFetchesAndRefetches() {
      List<String> order = new CopyOnWriteArrayList<>();
      QueryKey<String> observed = QueryKey.of("observed");
      client.observe(QueryOptions.of(observed, context -> {
        order.add("refetch of the observed query");
        return "fresh";
      }), result -> {});
      order.clear();
      client.onlineChanged(false);
      client.fetchQuery(QueryOptions.of(key, context -> {
        order.add("paused fetch");
        return "fetched";
      }));
      Mutation<String, String, Void> write = client.<String, String>mutation(value -> {
        order.add("paused mutation " + value);
        return value;
      }).build();
      write.mutate("first");
      write.mutate("second");

      client.onlineChanged(true);

      assertThat(order).containsExactly(
          "paused mutation first", "paused mutation second", "paused fetch", "refetch of the observed query");
    }

    @Test
    void cancelledPausedFetchDoesNotRunWhenBackOnline() {
      client.onlineChanged(false);
      CompletableFuture<String> result = client.fetchQuery(options().build());

      client.cancelQueries(QueryFilter.exact(key));
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.IDLE);
      client.onlineChanged(true);

      assertThat(fetcher.callCount()).isZero();
      assertThat(failureOf(result)).isInstanceOf(CancellationException.class);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.IDLE);
    }

    @Test
    void goingOfflinePausesAFetchAtItsNextRetry() {
      CompletableFuture<String> result = client.fetchQuery(options().retry(3).build());
      fetcher.fail(new IOException("network down"));
      client.onlineChanged(false);

      time.advance(Duration.ofSeconds(1));

      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(state().fetchStatus()).isEqualTo(FetchStatus.PAUSED);
      client.onlineChanged(true);
      assertThat(fetcher.callCount()).isEqualTo(2);
      fetcher.resolve("back");
      assertThat(result).isCompletedWithValue("back");
    }

    @Test
    void clientBuiltOfflinePausesFetches() {
      QueryClient offline = time.clientBuilder().fetchExecutor(Runnable::run).online(false).build();

      offline.fetchQuery(options().build());

      assertThat(offline.getQueryState(key).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.PAUSED);
      assertThat(fetcher.callCount()).isZero();
    }
  }
}
