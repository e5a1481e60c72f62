package dev.querycache.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.QueryEvent;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryAction} on its own: the state machine of one query, action by action, from the
 * initial state and from a state with data, without a client around it.
 */
@DisplayName("QueryAction")
class QueryActionTest {
  private static <T> QueryState<T> apply(QueryState<T> s, QueryAction<T> action) {
    return action.reduce(s, true);
  }

  private static QueryState<List<String>> loaded(List<String> rows) {
    QueryState<List<String>> started = apply(QueryState.initial(), new QueryAction.FetchStarted<>(false));
    return apply(started, new QueryAction.DataWritten<>(rows, 1_000L, true));
  }

  @Test
  void aFirstLoadIsPendingAndFetching() {
    QueryState<String> s = apply(QueryState.initial(), new QueryAction.FetchStarted<>(false));

    assertThat(s.status()).isEqualTo(QueryStatus.PENDING);
    assertThat(s.fetchStatus()).isEqualTo(FetchStatus.FETCHING);
  }

  @Test
  void aFetchStartedOfflineIsPaused() {
    QueryState<String> s = apply(QueryState.initial(), new QueryAction.FetchStarted<>(true));

    assertThat(s.fetchStatus()).isEqualTo(FetchStatus.PAUSED);
  }

  @Test
  void aRefetchOfDataKeepsSuccessAndTheData() {
    QueryState<List<String>> s = apply(loaded(List.of("a")), new QueryAction.FetchStarted<>(false));

    assertThat(s.status()).isEqualTo(QueryStatus.SUCCESS);
    assertThat(s.fetchStatus()).isEqualTo(FetchStatus.FETCHING);
    assertThat(s.data()).containsExactly("a");
  }

  @Test
  void pausingToTheStatusItAlreadyHasReturnsTheSameState() {
    QueryState<String> fetching = apply(QueryState.initial(), new QueryAction.FetchStarted<>(false));

    assertThat(apply(fetching, new QueryAction.FetchPaused<>(false))).isSameAs(fetching);
    assertThat(apply(fetching, new QueryAction.FetchPaused<>(true)).fetchStatus()).isEqualTo(FetchStatus.PAUSED);
  }

  @Test
  void dataFromAFetchEndsTheFetchAndClearsItsFailures() {
    QueryState<String> retrying = apply(
        apply(QueryState.initial(), new QueryAction.FetchStarted<>(false)),
        new QueryAction.AttemptFailed<>(1, new IOException("timeout")));

    QueryState<String> s = apply(retrying, new QueryAction.DataWritten<>("v1", 500L, true));

    assertThat(s.status()).isEqualTo(QueryStatus.SUCCESS);
    assertThat(s.fetchStatus()).isEqualTo(FetchStatus.IDLE);
    assertThat(s.data()).isEqualTo("v1");
    assertThat(s.dataUpdatedAt()).isEqualTo(500L);
    assertThat(s.dataUpdateCount()).isEqualTo(1);
    assertThat(s.fetchFailureCount()).isZero();
    assertThat(s.fetchFailureReason()).isNull();
  }

  @Test
  void dataWrittenByHandLeavesTheFetchInFlightAndItsFailures() {
    IOException timeout = new IOException("timeout");
    QueryState<String> retrying = apply(
        apply(QueryState.initial(), new QueryAction.FetchStarted<>(false)),
        new QueryAction.AttemptFailed<>(1, timeout));

    QueryState<String> s = apply(retrying, new QueryAction.DataWritten<>("by hand", 500L, false));

    assertThat(s.status()).isEqualTo(QueryStatus.SUCCESS);
    assertThat(s.fetchStatus()).isEqualTo(FetchStatus.FETCHING);
    assertThat(s.fetchFailureCount()).isEqualTo(1);
    assertThat(s.fetchFailureReason()).isSameAs(timeout);
  }

  @Test
  void landingDataEqualToTheDataBeforeKeepsItsInstance() {
    List<String> before = List.of("a", "b");
    QueryState<List<String>> s = loaded(before);

    QueryState<List<String>> after = apply(s, new QueryAction.DataWritten<>(List.of("a", "b"), 2_000L, false));

    assertThat(after.data()).isSameAs(before);
    assertThat(after.dataUpdateCount()).isEqualTo(2);
  }

  @Test
  void aFailedFetchKeepsTheDataAndCountsTheError() {
    IOException down = new IOException("down");

    QueryState<List<String>> s = apply(
        apply(loaded(List.of("a")), new QueryAction.FetchStarted<>(false)), new QueryAction.FetchFailed<>(down, 3_000L));

    assertThat(s.status()).isEqualTo(QueryStatus.ERROR);
    assertThat(s.fetchStatus()).isEqualTo(FetchStatus.IDLE);
    assertThat(s.error()).isSameAs(down);
    assertThat(s.errorUpdatedAt()).isEqualTo(3_000L);
    assertThat(s.errorUpdateCount()).isEqualTo(1);
    assertThat(s.fetchFailureCount()).isEqualTo(1);
    assertThat(s.data()).as("the data stays beside the error").containsExactly("a");
  }

  @Test
  void cancellingAFirstLoadAfterAnErrorPutsTheErrorBack() {
    IOException down = new IOException("down");
    QueryState<String> failed = apply(
        apply(QueryState.initial(), new QueryAction.FetchStarted<>(false)), new QueryAction.FetchFailed<>(down, 1L));
    QueryState<String> retry = apply(failed, new QueryAction.FetchStarted<>(false));
    assertThat(retry.status()).as("a new start clears the error").isEqualTo(QueryStatus.PENDING);

    QueryState<String> s = apply(retry, new QueryAction.FetchCancelled<>(
        failed.fetchFailureCount(), failed.fetchFailureReason(), failed.status(), failed.error()));

    assertThat(s.status()).isEqualTo(QueryStatus.ERROR);
    assertThat(s.error()).isSameAs(down);
    assertThat(s.fetchStatus()).isEqualTo(FetchStatus.IDLE);
    assertThat(s.fetchFailureCount()).isEqualTo(1);
  }

  @Test
  void aLayerOverAQueryWithoutDataShowsSuccessAndItsRemovalShowsPendingAgain() {
    QueryState<String> pending = apply(QueryState.initial(), new QueryAction.FetchStarted<>(false));

    QueryState<String> patched = apply(pending, new QueryAction.LayersChanged<>("optimistic", 1, QueryEvent.Kind.LAYER_ADDED, "a run"));
    QueryState<String> restored = apply(patched, new QueryAction.LayersChanged<>(null, 0, QueryEvent.Kind.ROLLED_BACK, "a run"));

    assertThat(patched.status()).isEqualTo(QueryStatus.SUCCESS);
    assertThat(patched.data()).isEqualTo("optimistic");
    assertThat(patched.optimisticLayers()).isEqualTo(1);
    assertThat(restored.status()).isEqualTo(QueryStatus.PENDING);
    assertThat(restored.data()).isNull();
    assertThat(restored.optimisticLayers()).isZero();
  }

  @Test
  void layersThatChangeNeitherDataNorCountReturnTheSameState() {
    QueryState<List<String>> s = loaded(List.of("a"));

    assertThat(apply(s, new QueryAction.LayersChanged<>(List.of("a"), 0, QueryEvent.Kind.LAYERS_FOLDED, null))).isSameAs(s);
  }

  @Test
  void invalidatingTwiceChangesTheStateOnce() {
    QueryState<List<String>> once = apply(loaded(List.of("a")), new QueryAction.Invalidated<>());

    assertThat(once.isInvalidated()).isTrue();
    assertThat(apply(once, new QueryAction.Invalidated<>())).isSameAs(once);
  }

  @Test
  void newDataClearsTheInvalidation() {
    QueryState<List<String>> invalid = apply(loaded(List.of("a")), new QueryAction.Invalidated<>());

    assertThat(apply(invalid, new QueryAction.DataWritten<>(List.of("b"), 2_000L, true)).isInvalidated()).isFalse();
  }

  @Test
  void resetReturnsToTheInitialState() {
    QueryState<List<String>> s = apply(loaded(List.of("a")), new QueryAction.Reset<>(QueryState.initial()));

    assertThat(s).isEqualTo(QueryState.initial());
  }

  @Test
  void resetReturnsToTheInitialDataTheQueryStartedWith() {
    QueryState<List<String>> initial = loaded(List.of("seed"));

    assertThat(apply(loaded(List.of("a")), new QueryAction.Reset<>(initial))).isSameAs(initial);
  }
}
