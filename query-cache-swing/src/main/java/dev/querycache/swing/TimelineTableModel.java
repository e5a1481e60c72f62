package dev.querycache.swing;

import dev.querycache.QueryEvent;
import dev.querycache.internal.ui.InspectorText;
import dev.querycache.internal.ui.RelativeTime;
import java.util.ArrayList;
import java.util.List;
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
        return InspectorText.change(event.before(), event.after());
      default:
        throw new IndexOutOfBoundsException("no column " + column);
    }
  }

  /** A kind in words: {@code FETCH_STARTED} reads "fetch started". */
  static String what(QueryEvent.Kind kind) {
    return InspectorText.what(kind);
  }



  /** See {@link RelativeTime#preciseAgo}. */
  static String ago(long nanos) {
    return RelativeTime.preciseAgo(nanos);
  }

}
