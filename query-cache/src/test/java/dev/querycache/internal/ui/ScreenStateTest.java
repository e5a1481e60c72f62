package dev.querycache.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.QueryKey;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Specification of what a query screen shows for a result, and its words. */
class ScreenStateTest {
  private static QueryResult<List<String>> result(
      List<String> data, QueryStatus status, FetchStatus fetch, Throwable error) {
    QueryState<List<String>> state =
        new QueryState<>(data, 0, data == null ? 0 : 1, error, 0, error == null ? 0 : 1, 0, null, status, fetch, false, 0);
    return new QueryResult<>(QueryKey.of("todos"), state, false);
  }

  @Test
  void dataIsContentOrEmptyEvenWhileARefetchRunsOrAfterOneFailed() {
    assertThat(ScreenState.of(result(List.of("a"), QueryStatus.SUCCESS, FetchStatus.FETCHING, null), List::isEmpty))
        .isEqualTo(ScreenState.CONTENT);
    assertThat(ScreenState.of(result(List.of(), QueryStatus.SUCCESS, FetchStatus.IDLE, null), List::isEmpty))
        .isEqualTo(ScreenState.EMPTY);
    assertThat(ScreenState.of(result(List.of("a"), QueryStatus.ERROR, FetchStatus.IDLE, new IOException()), List::isEmpty))
        .isEqualTo(ScreenState.CONTENT);
  }

  @Test
  void noDataIsAnErrorOnlyWhenNoFetchRuns() {
    assertThat(ScreenState.of(result(null, QueryStatus.ERROR, FetchStatus.IDLE, new IOException()), List::isEmpty))
        .isEqualTo(ScreenState.ERROR);
    assertThat(ScreenState.of(result(null, QueryStatus.ERROR, FetchStatus.FETCHING, new IOException()), List::isEmpty))
        .isEqualTo(ScreenState.LOADING);
  }

  @Test
  void theWordsSayWhatIsGoingOn() {
    assertThat(ScreenState.loadingText(result(null, QueryStatus.PENDING, FetchStatus.PAUSED, null)))
        .isEqualTo("Waiting for the network\u2026");
    assertThat(ScreenState.loadingText(result(null, QueryStatus.PENDING, FetchStatus.FETCHING, null))).isEqualTo("Loading\u2026");
    assertThat(ScreenState.errorText(new IOException("Server unreachable"))).isEqualTo("Server unreachable");
    assertThat(ScreenState.errorText(new IOException())).isEqualTo("IOException");
  }
}
