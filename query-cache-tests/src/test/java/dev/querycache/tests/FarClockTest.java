package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.TransitionLog;
import dev.querycache.test.TransitionRecorder;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a clock that moves very far does to the cache: nothing to an observed query. The trap
 * this specifies: {@code runUntilIdle()} followed the cache's own housekeeping timer to about
 * 146 years (the longest expiry the store underneath can hold), where the store expired the
 * observed query; it vanished with no removal recorded. Retention is the library's, whatever
 * the clock reads: an observed or fetching query stays, an unobserved one goes at its gc time.
 * Time is virtual.
 */
class FarClockTest {
  private static final Duration TWO_CENTURIES = Duration.ofDays(365L * 200);

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final QueryKey<String> motd = QueryKey.of("motd");
  private final QueryOptions<String> options = QueryOptions.builder(motd).fetcher(context -> "hello").build();

  @AfterEach
  void close() {
    client.close();
  }

  private List<QueryKey<?>> cachedKeys() {
    return client.getQueries(QueryFilter.all()).stream().<QueryKey<?>>map(query -> query.key()).toList();
  }

  @Test
  void runUntilIdleLeavesAnObservedQueryInTheCache() {
    try (QueryObserver<String> screen = client.observe(options, result -> {})) {
      time.runDue(); // the blocking fetcher runs: the data lands

      time.runUntilIdle();

      assertThat(time.now()).isLessThan(Duration.ofDays(1));
      assertThat(cachedKeys()).containsExactly(motd);
      assertThat(client.getQueryData(motd)).contains("hello");
      assertThat(screen.result().data()).isEqualTo("hello");
    }
  }

  @Test
  void anObservedQueryOutlivesAnyMoveOfTheClock() {
    try (QueryObserver<String> screen = client.observe(options, result -> {})) {
      time.runDue();

      time.advance(TWO_CENTURIES);
      client.setQueryData(QueryKey.of("other"), "a write gives the store a chance to expire entries");

      assertThat(cachedKeys()).contains(motd);
      assertThat(client.getQueryData(motd)).contains("hello");
      assertThat(screen.result().data()).isEqualTo("hello");
    }
  }

  @Test
  void anUnobservedQueryStillGoesAtItsGcTimeAfterAFarMove() {
    time.advance(TWO_CENTURIES);
    client.setQueryData(motd, "written late");

    time.advance(Duration.ofMinutes(4));
    assertThat(cachedKeys()).containsExactly(motd);

    time.advance(Duration.ofMinutes(1));
    assertThat(cachedKeys()).isEmpty();
    assertThat(client.getQueryData(motd)).isEmpty();
  }

  @Test
  void anObservedQueryStaysWhenObservedAfterAFarMove() {
    time.advance(TWO_CENTURIES);
    try (QueryObserver<String> screen = client.observe(options, result -> {})) {
      time.runDue();

      time.runUntilIdle();
      time.advance(TWO_CENTURIES);
      client.setQueryData(QueryKey.of("other"), "a write gives the store a chance to expire entries");

      assertThat(client.getQueryData(motd)).contains("hello");
      assertThat(screen.result().data()).isEqualTo("hello");
    }
  }

  @Test
  void theRecorderLogsTheRemovalOfAnObservedQuery() {
    try (TransitionRecorder recorder = new TransitionRecorder(client)) {
      TransitionLog<String> log = recorder.observe(options);
      time.runDue();

      client.removeQueries(QueryFilter.exact(motd));

      assertThat(log.labels()).containsExactly("loading", "fetched", "removed", "empty");
    }
  }
}
