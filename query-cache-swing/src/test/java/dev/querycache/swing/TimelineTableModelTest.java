package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.QueryEvent;
import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.internal.ui.InspectorText;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Specification of the inspector's timeline rows: when, what, by whom and what changed, the
 * newest first.
 */
class TimelineTableModelTest {
  private static final QueryKey<String> KEY = QueryKey.of("todos", 1);
  private static final long SECOND = 1_000_000_000L;
  private final TimelineTableModel model = new TimelineTableModel();

  private static QueryState<String> state(
      String data, QueryStatus status, FetchStatus fetch, int layers, Throwable error) {
    return new QueryState<>(data, 0, data == null ? 0 : 1, error, 0, error == null ? 0 : 1, 0, null, status, fetch,
        false, layers);
  }

  private static final QueryState<String> LOADING =
      state(null, QueryStatus.PENDING, FetchStatus.FETCHING, 0, null);
  private static final QueryState<String> LOADED =
      state("write specs", QueryStatus.SUCCESS, FetchStatus.IDLE, 0, null);
  private static final QueryState<String> PATCHED =
      state("write more specs", QueryStatus.SUCCESS, FetchStatus.IDLE, 1, null);

  @Test
  void columnsAreWhenWhatByAndWhatChanged() {
    assertThat(List.of(model.getColumnName(0), model.getColumnName(1), model.getColumnName(2), model.getColumnName(3)))
        .containsExactly("When", "What", "By", "What changed");
  }

  @Test
  void aRowSaysWhenWhatByWhomAndWhatChanged() {
    QueryEvent<String> added =
        new QueryEvent<>(KEY, QueryEvent.Kind.LAYER_ADDED, "rename #3", 2 * SECOND, LOADED, PATCHED);

    model.update(List.of(added), 5 * SECOND);

    assertThat(model.getValueAt(0, TimelineTableModel.WHEN)).isEqualTo("3.0 s ago");
    assertThat(model.getValueAt(0, TimelineTableModel.WHAT)).isEqualTo("layer added");
    assertThat(model.getValueAt(0, TimelineTableModel.BY)).isEqualTo("rename #3");
    assertThat(model.getValueAt(0, TimelineTableModel.CHANGE)).isEqualTo("data, layers 0 → 1");
  }

  @Test
  void aFetchThatLandsChangesStatusFetchStatusAndData() {
    assertThat(InspectorText.change(LOADING, LOADED))
        .isEqualTo("status pending → success, fetch fetching → idle, data");
  }

  @Test
  void anErrorIsNamedAndItsClearingSaid() {
    QueryState<String> failed = state(null, QueryStatus.ERROR, FetchStatus.IDLE, 0, new IOException("down"));

    assertThat(InspectorText.change(LOADING, failed)).endsWith("error: java.io.IOException: down");
    assertThat(InspectorText.change(failed, LOADED)).endsWith("error cleared");
  }

  @Test
  void equalDataAndTimestampsOnlyAreSaidSo() {
    String equalCopy = new String("write specs"); // equal, another instance: as a refetch brings
    assertThat(InspectorText.change(LOADED, state(equalCopy, QueryStatus.SUCCESS, FetchStatus.IDLE, 0, null)))
        .isEqualTo("data (equal)");
    assertThat(InspectorText.change(LOADED, LOADED)).isEqualTo("timestamps");
  }

  @Test
  void noCauseIsAnEmptyCell() {
    model.update(List.of(new QueryEvent<>(KEY, QueryEvent.Kind.FETCHED, null, 0, LOADING, LOADED)), 0);

    assertThat(model.getValueAt(0, TimelineTableModel.BY)).isEqualTo("");
  }

  @Test
  void timesReadInMillisecondsUnderASecondAndInMinutesPastOne() {
    assertThat(TimelineTableModel.ago(250_000_000L)).isEqualTo("250 ms ago");
    assertThat(TimelineTableModel.ago(90 * SECOND)).isEqualTo("1 min ago");
  }

  @Test
  void theSameRowsAtTheSameTimesFireNothing() {
    List<QueryEvent<?>> events = List.of(new QueryEvent<>(KEY, QueryEvent.Kind.FETCHED, null, 0, LOADING, LOADED));
    model.update(events, SECOND);
    int[] fired = {0};
    model.addTableModelListener(event -> fired[0]++);

    model.update(events, SECOND);

    assertThat(fired[0]).isZero();
  }
}
