package dev.querycache.swing;

import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.internal.ui.QueryTimeline;
import java.awt.BorderLayout;
import java.util.Map;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;

/**
 * The {@link CacheInspector}'s "Mutations" tab: the runs the client remembers
 * ({@link MutationsTableModel}) and, below, the selected run ({@link MutationDetailPane}) with
 * the queries its layers patched, as the {@link QueryTimeline} saw them. Confined to the EDT.
 */
final class MutationsTab extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient QueryClient client;
  private final transient QueryTimeline timeline;
  private final MutationsTableModel model = new MutationsTableModel();
  private final JTable table = new JTable(model);
  private final MutationDetailPane detail = new MutationDetailPane();
  private long now;

  MutationsTab(QueryClient client, QueryTimeline timeline) {
    super(new BorderLayout());
    this.client = client;
    this.timeline = timeline;
    table.setName("cacheInspector.mutations");
    table.setAutoCreateRowSorter(true);
    table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    table.getColumnModel().getColumn(MutationsTableModel.NAME).setPreferredWidth(140);
    table.getColumnModel().getColumn(MutationsTableModel.VARIABLES).setPreferredWidth(300);
    table.getSelectionModel().addListSelectionListener(
        event -> {
          if (!event.getValueIsAdjusting()) {
            selectionChanged();
          }
        });
    JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(table), detail);
    split.setResizeWeight(0.55);
    add(split, BorderLayout.CENTER);
  }

  /** Reads the client's runs and shows them as of {@code now}. */
  void refresh(long now) {
    this.now = now;
    model.update(client.getMutations(MutationFilter.all()), now);
    selectionChanged();
  }

  /** Shows the selected run, if any, below the table. */
  void selectionChanged() {
    int view = table.getSelectedRow();
    MutationState<?, ?, ?> run = view < 0 ? null : model.runAt(table.convertRowIndexToModel(view));
    detail.show(run, run == null ? Map.of() : timeline.patchesBy(run.runName()), now);
  }

  MutationsTableModel model() {
    return model;
  }

  JTable table() {
    return table;
  }

  MutationDetailPane detail() {
    return detail;
  }
}
