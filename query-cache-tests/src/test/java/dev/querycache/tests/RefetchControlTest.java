package dev.querycache.tests;

import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.RefetchOptions;
import dev.querycache.RefetchType;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of the bulk refetch controls (TanStack Query's {@code refetchType},
 * {@code cancelRefetch}, {@code throwOnError}, and {@code ensureQueryData}'s
 * {@code revalidateIfStale}). Time is virtual.
 */
class RefetchControlTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryKey<String> shown = QueryKey.of("reports", "shown");
  private final QueryKey<String> cached = QueryKey.of("reports", "cached");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions<String> options(QueryKey<String> key) {
    return QueryOptions.builder(key).asyncFetcher(server).retry(RetryPolicy.never()).build();
  }

  /** One query on screen, one only cached (fetched before, unobserved now); both loaded. */
  private QueryObserver<String> oneShownOneCached() {
    QueryObserver<String> observer = client.observe(options(shown), result -> {});
    server.resolve("shown v1");
    client.prefetchQuery(options(cached));
    server.resolve("cached v1");
    return observer;
  }

  private long callsFor(QueryKey<String> key) {
    return server.calls().stream().filter(call -> call.key().equals(key)).count();
  }

  @Test
  void byDefaultAnInvalidationRefetchesOnlyTheActiveQueries() {
    oneShownOneCached();

    client.invalidateQueries(QueryFilter.prefix("reports"));

    assertThat(callsFor(shown)).isEqualTo(2);
    assertThat(callsFor(cached)).isEqualTo(1);
  }

  @Test
  void refetchTypeAllRefetchesTheInactiveQueriesToo() {
    oneShownOneCached();

    client.invalidateQueries(QueryFilter.prefix("reports"), RefetchType.ALL, RefetchOptions.defaults());

    assertThat(callsFor(shown)).isEqualTo(2);
    assertThat(callsFor(cached)).isEqualTo(2);
  }

  @Test
  void refetchTypeInactiveRefetchesOnlyTheOthers() {
    oneShownOneCached();

    client.invalidateQueries(QueryFilter.prefix("reports"), RefetchType.INACTIVE, RefetchOptions.defaults());

    assertThat(callsFor(shown)).isEqualTo(1);
    assertThat(callsFor(cached)).isEqualTo(2);
  }

  @Test
  void refetchTypeNoneOnlyMarks() {
    oneShownOneCached();

    client.invalidateQueries(QueryFilter.prefix("reports"), RefetchType.NONE, RefetchOptions.defaults());

    assertThat(server.callCount()).isEqualTo(2);
    assertThat(client.getQueryState(shown).orElseThrow().isInvalidated()).isTrue();
    assertThat(client.getQueryState(cached).orElseThrow().isInvalidated()).isTrue();
  }

  @Test
  void byDefaultARefetchReplacesAFetchInFlight() {
    QueryObserver<String> observer = oneShownOneCached();
    observer.refetch();

    client.invalidateQueries(QueryFilter.exact(shown));

    assertThat(callsFor(shown)).isEqualTo(3);
    assertThat(server.call(2).isCancelled()).isTrue();
  }

  @Test
  void withoutCancelRefetchARefetchJoinsTheFetchInFlight() {
    QueryObserver<String> observer = oneShownOneCached();
    CompletableFuture<String> inFlight = observer.refetch();

    CompletableFuture<Void> refetched = client.invalidateQueries(
        QueryFilter.exact(shown), RefetchType.ACTIVE, RefetchOptions.defaults().cancelRefetch(false));

    assertThat(callsFor(shown)).isEqualTo(2);
    assertThat(server.call(2).isCancelled()).isFalse();
    server.call(2).resolve("shown v2");
    assertThat(inFlight).isCompletedWithValue("shown v2");
    assertThat(refetched).isCompleted();
  }

  @Test
  void byDefaultTheFutureOfARefetchNeverFails() {
    oneShownOneCached();

    CompletableFuture<Void> refetched = client.refetchQueries(QueryFilter.exact(shown));
    server.fail(new IOException("down"));

    assertThat(refetched).isCompletedWithValue(null);
  }

  @Test
  void withThrowOnErrorTheFutureFailsWithTheRefetchsFailure() {
    oneShownOneCached();
    IOException down = new IOException("down");

    CompletableFuture<Void> refetched =
        client.refetchQueries(QueryFilter.exact(shown), RefetchOptions.defaults().throwOnError(true));
    server.fail(down);

    assertThat(failureOf(refetched)).isSameAs(down);
  }

  @Test
  void ensureQueryDataWithRevalidateIfStaleAnswersAtOnceAndRefetchesStaleDataInTheBackground() {
    client.setQueryData(cached, "old");

    CompletableFuture<String> data = client.ensureQueryData(options(cached), true);

    assertThat(data).isCompletedWithValue("old");
    assertThat(server.callCount()).isEqualTo(1);
    server.resolve("new");
    assertThat(client.getQueryData(cached)).contains("new");
  }

  @Test
  void ensureQueryDataWithRevalidateIfStaleLeavesFreshDataAlone() {
    client.setQueryData(cached, "fresh");

    client.ensureQueryData(QueryOptions.builder(cached).asyncFetcher(server).staleTime(Duration.ofMinutes(1)).build(), true);

    assertThat(server.callCount()).isZero();
  }

  @Test
  void theOptionsSayWhatTheyAre() {
    assertThat(RefetchOptions.defaults().cancelRefetch(false).throwOnError(true))
        .hasToString("RefetchOptions{cancelRefetch=false, throwOnError=true}");
  }
}
