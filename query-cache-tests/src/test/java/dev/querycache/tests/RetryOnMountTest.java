package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@code retryOnMount} (TanStack Query's): by default an observer that opens
 * on a query in error without data loads it again; with {@code retryOnMount(false)} the error
 * stays until something else refetches. Time is virtual.
 */
class RetryOnMountTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryKey<String> report = QueryKey.of("report");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions.Builder<String> options() {
    return QueryOptions.builder(report).asyncFetcher(server).retry(RetryPolicy.never());
  }

  /** A first load that failed: the query is in error, without data, and nobody observes it. */
  private void failedOnce() {
    client.observe(options().build(), result -> {}).close();
    server.fail(new IOException("down"));
  }

  @Test
  void byDefaultAnObserverOpeningOnAQueryInErrorLoadsItAgain() {
    failedOnce();

    client.observe(options().build(), result -> {});

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void withoutRetryOnMountTheErrorStays() {
    failedOnce();

    client.observe(options().retryOnMount(false).build(), result -> {});

    assertThat(server.callCount()).isEqualTo(1);
    assertThat(client.getQueryState(report).orElseThrow().error()).hasMessage("down");
  }

  @Test
  void withoutRetryOnMountAnInvalidationStillRefetches() {
    failedOnce();
    client.observe(options().retryOnMount(false).build(), result -> {});

    client.invalidateQueries(QueryFilter.exact(report));

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void retryOnMountDoesNotConcernAQueryWithData() {
    client.setQueryData(report, "cached");

    client.observe(options().retryOnMount(false).build(), result -> {});

    assertThat(server.callCount()).as("stale data, refetched on mount as usual").isEqualTo(1);
  }
}
