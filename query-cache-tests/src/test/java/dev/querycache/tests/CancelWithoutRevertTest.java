package dev.querycache.tests;

import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@code cancelQueries(filter, false)} (TanStack Query's
 * {@code revert: false}): the cancelled query does not go back to its state before the fetch
 * but ends in error, holding the cancellation, its data kept; by default it reverts.
 */
class CancelWithoutRevertTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryKey<String> report = QueryKey.of("report");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryObserver<String> loadedAndRefetching() {
    QueryObserver<String> observer = client.observe(QueryOptions.builder(report).asyncFetcher(server).build(), result -> {});
    server.resolve("v1");
    observer.refetch();
    return observer;
  }

  @Test
  void withoutRevertTheQueryEndsInErrorHoldingTheCancellationAndKeepsItsData() {
    loadedAndRefetching();

    client.cancelQueries(QueryFilter.exact(report), false);

    QueryState<String> state = client.getQueryState(report).orElseThrow();
    assertThat(state.status()).isEqualTo(QueryStatus.ERROR);
    assertThat(state.error()).isInstanceOf(CancellationException.class);
    assertThat(state.data()).isEqualTo("v1");
    assertThat(state.fetchStatus()).isEqualTo(FetchStatus.IDLE);
  }

  @Test
  void byDefaultTheQueryGoesBackToItsStateBeforeTheFetch() {
    loadedAndRefetching();

    client.cancelQueries(QueryFilter.exact(report));

    QueryState<String> state = client.getQueryState(report).orElseThrow();
    assertThat(state.status()).isEqualTo(QueryStatus.SUCCESS);
    assertThat(state.error()).isNull();
  }

  @Test
  void theWaitersGetTheCancellationEitherWay() {
    QueryObserver<String> observer = client.observe(QueryOptions.builder(report).asyncFetcher(server).build(), result -> {});
    server.resolve("v1");
    CompletableFuture<String> refetch = observer.refetch();

    client.cancelQueries(QueryFilter.exact(report), false);

    assertThat(failureOf(refetch)).isInstanceOf(CancellationException.class);
  }

  @Test
  void aLateAnswerOfTheCancelledFetchIsDiscarded() {
    loadedAndRefetching();
    client.cancelQueries(QueryFilter.exact(report), false);

    server.call(1).resolve("too late");

    assertThat(client.getQueryData(report)).contains("v1");
  }
}
