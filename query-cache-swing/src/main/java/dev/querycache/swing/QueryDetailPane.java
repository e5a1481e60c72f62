package dev.querycache.swing;

import dev.querycache.CachedQuery;
import dev.querycache.QueryEvent;
import dev.querycache.internal.ui.InspectorText;
import java.awt.BorderLayout;
import java.util.List;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import org.jspecify.annotations.Nullable;

/**
 * The lower half of the {@link CacheInspector}'s queries tab: the selected query's summary
 * (key, statuses, counters, error) on the left, and on the right its data as a JSON tree
 * ({@link DataTreePane}) and its timeline: its last transitions, the newest first
 * ({@link TimelineTableModel}). Confined to the EDT.
 */
final class QueryDetailPane extends JPanel {
  private static final long serialVersionUID = 1L;
  static final int TIMELINE_TAB = 1;

  private final JTextArea summary = new JTextArea(6, 28);
  private final DataTreePane data = new DataTreePane("data");
  private final TimelineTableModel timeline = new TimelineTableModel();
  private final JTable timelineTable = new JTable(timeline);
  private final JTabbedPane tabs = new JTabbedPane();

  QueryDetailPane() {
    super(new BorderLayout());
    summary.setName("cacheInspector.details");
    summary.setEditable(false);
    summary.setLineWrap(true);
    summary.setWrapStyleWord(true);
    tabs.setName("cacheInspector.detailTabs");
    tabs.addTab("Data", data);
    timelineTable.setName("cacheInspector.timeline");
    int[] widths = {90, 120, 150, 360}; // when, what, by, what changed
    for (int column = 0; column < widths.length; column++) {
      timelineTable.getColumnModel().getColumn(column).setPreferredWidth(widths[column]);
    }
    tabs.addTab("Timeline", new JScrollPane(timelineTable));
    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(summary), tabs);
    split.setResizeWeight(0.3);
    add(split, BorderLayout.CENTER);
  }

  /**
   * Shows {@code query}, or nothing.
   *
   * @param query the selected query's snapshot, or null when no row is selected
   * @param history its last events, the newest first (empty without a query)
   * @param now the inspector's clock reading, for the timeline's times
   */
  void show(@Nullable CachedQuery<?> query, List<QueryEvent<?>> history, long now) {
    timeline.update(history, now);
    tabs.setTitleAt(TIMELINE_TAB, history.isEmpty() ? "Timeline" : "Timeline (" + history.size() + ")");
    String text = query == null ? "" : InspectorText.query(query);
    if (!text.equals(summary.getText())) {
      summary.setText(text);
      summary.setCaretPosition(0);
    }
    data.show(query == null ? null : query.key(), query == null ? null : query.state().data());
  }



  JTextArea summary() {
    return summary;
  }

  TimelineTableModel timeline() {
    return timeline;
  }

  DataTreePane data() {
    return data;
  }

  JTabbedPane tabs() {
    return tabs;
  }
}
