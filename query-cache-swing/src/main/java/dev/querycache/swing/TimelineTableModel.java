package dev.querycache.swing;

import dev.querycache.QueryEvent;
import dev.querycache.QueryState;
import dev.querycache.internal.ui.InspectorText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.swing.table.AbstractTableModel;

/**
 * The rows of the {@link CacheInspector}'s "Timeline" tab: the selected query's last
 * transitions, the newest first, each with when it happened, what happened, who caused it
 * (the mutation run, for optimistic layers) and what it changed in the state. Confined to the
 * EDT.
 */
final class TimelineTableModel extends AbstractTableModel {
  private static final long serialVersionUID = 1L;

  static final int WHEN = 0;
  static final int WHAT = 1;
  static final int BY = 2;
  static final int CHANGE = 3;

  private static final String[] NAMES = {"When", "What", "By", "What changed"};

  private transient List<QueryEvent<?>> events = List.of();
  private final List<String> when = new ArrayList<>();

  /**
   * Shows {@code newestFirst}, with times relative to {@code now}.
   *
   * @param newestFirst the events, the newest first
   * @param now the inspector's clock reading
   */
  void update(List<QueryEvent<?>> newestFirst, long now) {
    List<String> times = new ArrayList<>(newestFirst.size());
    for (QueryEvent<?> event : newestFirst) {
      times.add(ago(now - event.at()));
    }
    if (newestFirst.equals(events) && times.equals(when)) {
      return;
    }
    events = List.copyOf(newestFirst);
    when.clear();
    when.addAll(times);
    fireTableDataChanged();
  }

  /**
   * The event in {@code row}.
   *
   * @param row a row index
   * @return its event
   */
  QueryEvent<?> eventAt(int row) {
    return events.get(row);
  }

  @Override
  public int getRowCount() {
    return events.size();
  }

  @Override
  public int getColumnCount() {
    return NAMES.length;
  }

  @Override
  public String getColumnName(int column) {
    return NAMES[column];
  }

  @Override
  public Object getValueAt(int row, int column) {
    QueryEvent<?> event = events.get(row);
    switch (column) {
      case WHEN:
        return when.get(row);
      case WHAT:
        return what(event.kind());
      case BY:
        return event.by() == null ? "" : event.by();
      case CHANGE:
        return change(event.before(), event.after());
      default:
        throw new IndexOutOfBoundsException("no column " + column);
    }
  }

  /** A kind in words: {@code FETCH_STARTED} reads "fetch started". */
  static String what(QueryEvent.Kind kind) {
    return InspectorText.what(kind);
  }

  /**
   * What a transition changed, the parts that moved only: such as {@code "status pending →
   * success, fetch fetching → idle, data, layers 1 → 0"}.
   *
   * @param before the state before
   * @param after the state after
   * @return the changes, comma-separated; {@code "timestamps"} if nothing else moved
   */
  static String change(QueryState<?> before, QueryState<?> after) {
    List<String> parts = new ArrayList<>();
    if (before.status() != after.status()) {
      parts.add("status " + word(before.status()) + " → " + word(after.status()));
    }
    if (before.fetchStatus() != after.fetchStatus()) {
      parts.add("fetch " + word(before.fetchStatus()) + " → " + word(after.fetchStatus()));
    }
    if (before.data() != after.data()) {
      parts.add(Objects.equals(before.data(), after.data()) ? "data (equal)" : "data");
    }
    if (before.optimisticLayers() != after.optimisticLayers()) {
      parts.add("layers " + before.optimisticLayers() + " → " + after.optimisticLayers());
    }
    if (before.isInvalidated() != after.isInvalidated()) {
      parts.add(after.isInvalidated() ? "invalidated" : "valid again");
    }
    if (before.fetchFailureCount() != after.fetchFailureCount()) {
      parts.add("failed attempts " + before.fetchFailureCount() + " → " + after.fetchFailureCount());
    }
    if (after.error() != null && after.error() != before.error()) {
      parts.add("error: " + after.error());
    } else if (after.error() == null && before.error() != null) {
      parts.add("error cleared");
    }
    return parts.isEmpty() ? "timestamps" : String.join(", ", parts);
  }

  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** How long ago: milliseconds under a second, tenths of seconds under a minute, then minutes. */
  static String ago(long nanos) {
    long millis = Math.max(0, nanos) / 1_000_000L;
    if (millis < 1_000) {
      return millis + " ms ago";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s ago", millis / 1000.0);
    }
    return QueriesTableModel.ago(nanos);
  }
}
