package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.QueryKey;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import org.junit.jupiter.api.Test;

/** How the console names what happened between two results of a screen. */
class TransitionPrinterTest {
  private static final QueryKey<String> KEY = QueryKey.of("demo");

  private static QueryResult<String> result(String data, int updates, FetchStatus fetchStatus, int layers) {
    return new QueryResult<>(KEY, new QueryState<>(data, updates, updates, null, 0, 0, 0, null,
        QueryStatus.SUCCESS, fetchStatus, false, layers), false);
  }

  @Test
  void aNewLayerIsOptimistic() {
    assertThat(TransitionPrinter.label(result("a", 1, FetchStatus.IDLE, 0), result("b", 1, FetchStatus.IDLE, 1)))
        .isEqualTo("optimistic");
  }

  @Test
  void aLayerRemovedWithoutNewServerDataIsARollback() {
    assertThat(TransitionPrinter.label(result("b", 1, FetchStatus.IDLE, 1), result("a", 1, FetchStatus.FETCHING, 0)))
        .isEqualTo("rolled back");
  }

  @Test
  void aLayerFoldedIntoLandedServerDataIsARefetch() {
    assertThat(TransitionPrinter.label(result("b", 1, FetchStatus.FETCHING, 1), result("b", 2, FetchStatus.IDLE, 0)))
        .isEqualTo("refetched");
  }

  @Test
  void aFetchStartingOverDataIsARefetchInProgress() {
    assertThat(TransitionPrinter.label(result("a", 1, FetchStatus.IDLE, 0), result("a", 1, FetchStatus.FETCHING, 0)))
        .isEqualTo("refetching");
  }

  @Test
  void aChangeNoScreenWouldShowPrintsNothing() {
    assertThat(TransitionPrinter.label(result("a", 1, FetchStatus.IDLE, 0), result("a", 1, FetchStatus.IDLE, 0)))
        .isNull();
  }
}
