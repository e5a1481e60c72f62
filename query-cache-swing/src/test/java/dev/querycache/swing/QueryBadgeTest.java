package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import java.io.IOException;
import javax.swing.UIManager;
import org.junit.jupiter.api.Test;

/**
 * Specification of the inspector's badges: which one a query gets (the first that holds:
 * fetching, paused, error, inactive, stale, fresh), their words, and their colours.
 */
class QueryBadgeTest {
  private static final QueryKey<String> KEY = QueryKey.of("todos", 1);

  private static CachedQuery<String> query(
      QueryStatus status, FetchStatus fetch, int observers, boolean stale) {
    QueryState<String> state = new QueryState<>(
        status == QueryStatus.SUCCESS ? "data" : null, 1, status == QueryStatus.SUCCESS ? 1 : 0,
        status == QueryStatus.ERROR ? new IOException("down") : null, 1, status == QueryStatus.ERROR ? 1 : 0,
        0, null, status, fetch, false, 0);
    return new CachedQuery<>(KEY, state, observers, stale);
  }

  @Test
  void aFetchInFlightIsFetchingWhateverElseHolds() {
    assertThat(QueryBadge.of(query(QueryStatus.ERROR, FetchStatus.FETCHING, 0, true)))
        .isEqualTo(QueryBadge.FETCHING);
  }

  @Test
  void aFetchWaitingForTheNetworkIsPaused() {
    assertThat(QueryBadge.of(query(QueryStatus.PENDING, FetchStatus.PAUSED, 1, true)))
        .isEqualTo(QueryBadge.PAUSED);
  }

  @Test
  void anIdleQueryInErrorIsAnErrorEvenUnobserved() {
    assertThat(QueryBadge.of(query(QueryStatus.ERROR, FetchStatus.IDLE, 0, true)))
        .isEqualTo(QueryBadge.ERROR);
  }

  @Test
  void anIdleQueryNobodyObservesIsInactiveEvenWhenStale() {
    assertThat(QueryBadge.of(query(QueryStatus.SUCCESS, FetchStatus.IDLE, 0, true)))
        .isEqualTo(QueryBadge.INACTIVE);
  }

  @Test
  void anObservedQueryWithStaleDataIsStale() {
    assertThat(QueryBadge.of(query(QueryStatus.SUCCESS, FetchStatus.IDLE, 2, true)))
        .isEqualTo(QueryBadge.STALE);
  }

  @Test
  void anObservedQueryWithFreshDataIsFresh() {
    assertThat(QueryBadge.of(query(QueryStatus.SUCCESS, FetchStatus.IDLE, 1, false)))
        .isEqualTo(QueryBadge.FRESH);
  }

  @Test
  void aBadgeReadsAsItsLowerCaseWord() {
    assertThat(QueryBadge.FETCHING.label()).isEqualTo("fetching");
    assertThat(QueryBadge.INACTIVE).hasToString("inactive");
  }

  @Test
  void theLookAndFeelsActionColourWinsOverTheFallback() {
    java.awt.Color green = new java.awt.Color(0x00AA00);
    Object before = UIManager.get("Actions.Green");
    UIManager.put("Actions.Green", green);
    try {
      assertThat(QueryBadge.FRESH.color()).isEqualTo(green);
    } finally {
      UIManager.put("Actions.Green", before);
    }
  }

  @Test
  void everyBadgeHasItsOwnColourWithoutALookAndFeelColour() {
    assertThat(java.util.Arrays.stream(QueryBadge.values()).map(QueryBadge::color).distinct())
        .hasSize(QueryBadge.values().length);
  }
}
