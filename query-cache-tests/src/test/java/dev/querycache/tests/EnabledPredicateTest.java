package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@code enabled} as a function of the query's state (TanStack Query's
 * {@code enabled: (query) => boolean}): read at each decision to fetch (subscribing, focus,
 * reconnect, an invalidation's active queries, polling); a predicate that throws counts as
 * disabled. Time is virtual.
 */
class EnabledPredicateTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryKey<String> profile = QueryKey.of("profile");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions.Builder<String> options() {
    return QueryOptions.builder(profile).asyncFetcher(server);
  }

  @Test
  void aPredicateThatSaysNoKeepsTheObserverFromLoading() {
    client.observe(options().enabled((QueryState<?> state) -> false).build(), result -> {});

    assertThat(server.callCount()).isZero();
  }

  @Test
  void loadOnceNeverRefetchByItself() {
    client.observe(options().enabled((QueryState<?> state) -> state.data() == null).build(), result -> {});
    server.resolve("ada");

    client.focusChanged(false);
    client.focusChanged(true);
    client.invalidateQueries(QueryFilter.exact(profile));

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void thePredicateIsReadAgainAtEachDecision() {
    boolean[] allowed = {false};
    client.observe(options().enabled((QueryState<?> state) -> allowed[0]).build(), result -> {});
    assertThat(server.callCount()).isZero();

    allowed[0] = true;
    client.invalidateQueries(QueryFilter.exact(profile));

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void aDisabledObserverDoesNotPoll() {
    client.setQueryData(profile, "ada");
    client.observe(options().enabled((QueryState<?> state) -> false).refetchInterval(Duration.ofSeconds(5)).build(),
        result -> {});

    time.advance(Duration.ofSeconds(20));

    assertThat(server.callCount()).isZero();
  }

  @Test
  void anObserversOwnRefetchFetchesWhateverThePredicate() {
    QueryObserver<String> observer = client.observe(options().enabled((QueryState<?> state) -> false).build(), result -> {});

    observer.refetch();

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void aPredicateThatThrowsIsReportedAndCountsAsDisabled() {
    try (LogCapture log = LogCapture.open(LogCapture.CALLBACKS)) {
      client.observe(options().enabled((QueryState<?> state) -> {
        throw new IllegalStateException("no session");
      }).build(), result -> {});

      assertThat(server.callCount()).isZero();
      assertThat(log.text()).contains("enabled").contains("no session");
    }
  }

  @Test
  void aBooleanSetLaterReplacesThePredicateAndTheOtherWayRound() {
    QuerySettings booleanLast = QuerySettings.builder().enabled((QueryState<?> state) -> false).enabled(true).build();
    QuerySettings predicateLast = QuerySettings.builder().enabled(false).enabled((QueryState<?> state) -> true).build();

    assertThat(booleanLast.enabled()).isTrue();
    assertThat(booleanLast.enabledWhen()).isNull();
    assertThat(predicateLast.enabled()).isNull();
    assertThat(predicateLast.enabledWhen()).isNotNull();
  }
}
