package dev.querycache.swing;

import dev.querycache.MutationState;
import dev.querycache.QueryEvent;
import dev.querycache.QueryKey;
import dev.querycache.internal.ui.InspectorText;
import java.awt.BorderLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import org.jspecify.annotations.Nullable;

/**
 * The lower half of the {@link CacheInspector}'s mutations tab: the selected run's summary
 * (name, key, status, when, failures, error, and the queries its optimistic layers patched
 * with what became of them) on the left, and on the right its variables, context and result
 * as a JSON tree ({@link DataTreePane}). Confined to the EDT.
 */
final class MutationDetailPane extends JPanel {
  private static final long serialVersionUID = 1L;

  private final JTextArea summary = new JTextArea(6, 28);
  private final DataTreePane values = new DataTreePane("run");

  MutationDetailPane() {
    super(new BorderLayout());
    summary.setName("cacheInspector.mutationDetails");
    summary.setEditable(false);
    summary.setLineWrap(true);
    summary.setWrapStyleWord(true);
    values.setName("cacheInspector.mutationValues");
    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(summary), values);
    split.setResizeWeight(0.4);
    add(split, BorderLayout.CENTER);
  }

  /**
   * Shows {@code run}, or nothing.
   *
   * @param run the selected run's state, or null when no row is selected
   * @param patches the queries it patched, with what became of its layers on each
   * @param now the inspector's clock reading
   */
  void show(@Nullable MutationState<?, ?, ?> run, Map<QueryKey<?>, List<QueryEvent.Kind>> patches, long now) {
    String text = run == null ? "" : InspectorText.run(run, patches, now);
    if (!text.equals(summary.getText())) {
      summary.setText(text);
      summary.setCaretPosition(0);
    }
    if (run == null) {
      values.show(null, null);
      return;
    }
    Map<String, @Nullable Object> shown = new LinkedHashMap<>();
    shown.put("variables", run.variables());
    shown.put("context", run.context());
    shown.put("result", run.result());
    values.show(run.id(), shown);
  }



  JTextArea summary() {
    return summary;
  }

  DataTreePane values() {
    return values;
  }
}
