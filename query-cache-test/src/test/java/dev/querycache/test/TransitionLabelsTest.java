package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What each label of {@link Transition} names, state against state. */
class TransitionLabelsTest {
  static final QueryState<String> EMPTY = QueryState.initial();

  static QueryState<String> data(String data, int updates) {
    return new QueryState<>(data, updates, updates, null, 0, 0, 0, null, QueryStatus.SUCCESS, FetchStatus.IDLE, false, 0);
  }

  static QueryState<String> with(QueryState<String> s, FetchStatus fetchStatus) {
    return new QueryState<>(s.data(), s.dataUpdatedAt(), s.dataUpdateCount(), s.error(), s.errorUpdatedAt(),
        s.errorUpdateCount(), s.fetchFailureCount(), s.fetchFailureReason(), s.status(), fetchStatus,
        s.isInvalidated(), s.optimisticLayers());
  }

  static QueryState<String> layered(String data, int updates, int layers) {
    return new QueryState<>(data, updates, updates, null, 0, 0, 0, null, QueryStatus.SUCCESS, FetchStatus.IDLE, false, layers);
  }

  static String label(QueryState<String> before, QueryState<String> now) {
    return TransitionLabels.label(before, now);
  }

  @Test
  void theFirstStateWithDataIsCached() {
    assertThat(TransitionLabels.label(null, data("a", 1))).isEqualTo("cached");
  }

  @Test
  void theFirstStateFetchingIsLoading() {
    assertThat(TransitionLabels.label(null, with(EMPTY, FetchStatus.FETCHING))).isEqualTo("loading");
  }

  @Test
  void theFirstStateWithNothingIsEmpty() {
    assertThat(TransitionLabels.label(null, EMPTY)).isEqualTo("empty");
  }

  @Test
  void aFetchBringingTheFirstDataIsFetched() {
    assertThat(label(with(EMPTY, FetchStatus.FETCHING), data("a", 1))).isEqualTo("fetched");
  }

  @Test
  void aFetchStartingOverDataIsRefetching() {
    assertThat(label(data("a", 1), with(data("a", 1), FetchStatus.FETCHING))).isEqualTo("refetching");
  }

  @Test
  void aFetchBringingNewerDataIsRefetched() {
    assertThat(label(with(data("a", 1), FetchStatus.FETCHING), data("b", 2))).isEqualTo("refetched");
  }

  @Test
  void dataWrittenWithoutAFetchIsUpdated() {
    assertThat(label(data("a", 1), data("b", 2))).isEqualTo("updated");
  }

  @Test
  void oneMoreLayerIsOptimistic() {
    assertThat(label(data("a", 1), layered("a*", 1, 1))).isEqualTo("optimistic");
  }

  @Test
  void aLayerRemovedWithTheDataGoingBackIsRolledBack() {
    assertThat(label(layered("a*", 1, 1), data("a", 1))).isEqualTo("rolled back");
  }

  @Test
  void aLayerRemovedWithNoVisibleChangeIsConfirmed() {
    assertThat(label(layered("a*", 1, 1), data("a*", 1))).isEqualTo("confirmed");
  }

  @Test
  void aLayerDroppedWhenTheRefetchLandsIsRefetched() {
    assertThat(label(with(layered("a*", 1, 1), FetchStatus.FETCHING), data("a*", 2))).isEqualTo("refetched");
  }

  @Test
  void aFetchEndingInAnErrorIsFailed() {
    QueryState<String> failed = new QueryState<>("a", 1, 1, new IOException("503"), 5, 1, 1, null,
        QueryStatus.ERROR, FetchStatus.IDLE, false, 0);

    assertThat(label(with(data("a", 1), FetchStatus.FETCHING), failed)).isEqualTo("failed");
  }

  @Test
  void aFailedAttemptWhileStillFetchingIsRetrying() {
    QueryState<String> retrying = new QueryState<>("a", 1, 1, null, 0, 0, 1, new IOException("503"),
        QueryStatus.SUCCESS, FetchStatus.FETCHING, false, 0);

    assertThat(label(with(data("a", 1), FetchStatus.FETCHING), retrying)).isEqualTo("retrying");
  }

  @Test
  void aFetchWaitingForTheNetworkIsPausedThenResumed() {
    assertThat(label(data("a", 1), with(data("a", 1), FetchStatus.PAUSED))).isEqualTo("paused");
    assertThat(label(with(data("a", 1), FetchStatus.PAUSED), with(data("a", 1), FetchStatus.FETCHING)))
        .isEqualTo("resumed");
  }

  @Test
  void aFetchEndingWithoutLandingIsCancelled() {
    assertThat(label(with(data("a", 1), FetchStatus.FETCHING), data("a", 1))).isEqualTo("cancelled");
  }

  @Test
  void markingTheDataStaleIsInvalidated() {
    QueryState<String> invalidated = new QueryState<>("a", 1, 1, null, 0, 0, 0, null,
        QueryStatus.SUCCESS, FetchStatus.IDLE, true, 0);

    assertThat(label(data("a", 1), invalidated)).isEqualTo("invalidated");
  }

  @Test
  void dataGoingAwayIsReset() {
    assertThat(label(data("a", 1), EMPTY)).isEqualTo("reset");
  }
}
