package dev.querycache.tests;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Cache listeners ({@link QueryClient#onCacheChange}), as inspectors use them. */
class CacheListenerTest {
  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().build();
  final AtomicInteger calls = new AtomicInteger();

  @Test
  void aBurstOfChangesIsOneCall() throws Exception {
    client.onCacheChange(calls::incrementAndGet);

    client.batch(() -> {
      for (int i = 0; i < 50; i++) {
        client.setQueryData(QueryKey.of("item", i), i);
      }
    });

    assertThat(calls).hasValue(1);
  }

  @Test
  void queryChangesRemovalsAndMutationRunsAreReported() throws Exception {
    client.setQueryData(QueryKey.of("a"), 1);
    client.onCacheChange(calls::incrementAndGet);

    client.setQueryData(QueryKey.of("a"), 2);
    assertThat(calls).hasValue(1);
    client.removeQueries(QueryFilter.exact(QueryKey.of("a")));
    assertThat(calls).hasValue(2);
    client.<String, String>asyncMutation(v -> CompletableFuture.completedFuture(v)).build().mutate("x").get();
    assertThat(calls.get()).isGreaterThan(2);
  }

  @Test
  void garbageCollectionIsReportedFromTheScheduler() {
    client.setQueryData(QueryKey.of("a"), 1);
    client.onCacheChange(calls::incrementAndGet);

    time.advance(Duration.ofMinutes(6));
    client.getQueries(QueryFilter.all()); // lets Caffeine evict
    time.runDue();

    assertThat(client.getQueryData(QueryKey.of("a"))).isEmpty();
    assertThat(calls.get()).isPositive();
  }

  @Test
  void aQueryRemovedByRetentionIsReportedAtItsDeadlineNotAtCaffeinesNextTick() {
    QueryKey<Integer> key = QueryKey.of("a");
    client.setQueryData(key, 1);
    client.onCacheChange(calls::incrementAndGet);
    time.advance(Duration.ofMinutes(5).minusMillis(1));
    int before = calls.get();

    time.advance(Duration.ofMillis(1)); // the default gc time of 5 minutes is up

    assertThat(calls.get()).as("calls at the deadline").isGreaterThan(before);
    assertThat(client.getQueries(QueryFilter.all())).isEmpty();
    assertThat(client.getQueryData(key)).isEmpty();
  }

  @Test
  void aQueryObservedAgainBeforeItsDeadlineIsKept() {
    QueryKey<Integer> key = QueryKey.of("a");
    client.setQueryData(key, 1);
    client.onCacheChange(calls::incrementAndGet);
    time.advance(Duration.ofMinutes(4));

    QueryObserver<Integer> screen = client.observe(QueryOptions.builder(key).enabled(false).build(), result -> {});
    time.advance(Duration.ofMinutes(10));

    assertThat(client.getQueryData(key)).contains(1);
    screen.close();
    time.advance(Duration.ofMinutes(5));
    assertThat(client.getQueryData(key)).isEmpty();
  }

  @Test
  void closingStopsTheCalls() throws Exception {
    AutoCloseable subscription = client.onCacheChange(calls::incrementAndGet);
    subscription.close();

    client.setQueryData(QueryKey.of("a"), 1);

    assertThat(calls).hasValue(0);
  }
}
