package dev.querycache.swing;

import dev.querycache.CachedQuery;
import dev.querycache.QueryClient;
import dev.querycache.QueryDevtools;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.internal.ui.QueryTimeline;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.TableRowSorter;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CacheInspector}'s "Queries" tab: a toolbar (filter; actions on the selected query;
 * simulations; offline; clear), the table of queries ({@link QueriesTableModel}), the selected
 * query's details ({@link QueryDetailPane}) and the counts of each badge. Confined to the EDT.
 */
final class QueriesTab extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient QueryClient client;
  private final transient QueryDevtools devtools;
  private final transient QueryTimeline timeline;
  private final QueriesTableModel model = new QueriesTableModel();
  private final JTable table = new JTable(model);
  private final QueryDetailPane detail = new QueryDetailPane();
  /** Narrows the queries to those whose key, badge or status contains its text, ignoring case. */
  private final JTextField filter = new JTextField(24);
  private final JButton refetch = new JButton("Refetch");
  private final JButton invalidate = new JButton("Invalidate");
  private final JButton reset = new JButton("Reset");
  private final JButton remove = new JButton("Remove");
  private final JButton simulateLoading = new JButton("Loading");
  private final JButton simulateError = new JButton("Error");
  private final JButton restore = new JButton("Restore");
  private final JToggleButton offline = new JToggleButton("Offline");
  private final JButton clear = new JButton("Clear cache");
  private final JLabel total = new JLabel();
  private final Map<QueryBadge, JButton> badgeCounts = new EnumMap<>(QueryBadge.class);
  private long now;

  QueriesTab(QueryClient client, QueryTimeline timeline) {
    super(new BorderLayout());
    this.client = client;
    this.devtools = QueryDevtools.of(client);
    this.timeline = timeline;

    table.setName("cacheInspector.queries");
    table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    table.setAutoCreateRowSorter(true);
    table.getColumnModel().getColumn(QueriesTableModel.KEY).setPreferredWidth(360);
    table.setDefaultRenderer(QueryBadge.class, new QueryBadgeRenderer());
    table.getSelectionModel().addListSelectionListener(
        event -> {
          if (!event.getValueIsAdjusting()) {
            selectionChanged();
          }
        });

    JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(table), detail);
    split.setResizeWeight(0.55);
    add(toolbar(), BorderLayout.NORTH);
    add(split, BorderLayout.CENTER);
    add(countsBar(), BorderLayout.SOUTH);
  }

  private JToolBar toolbar() {
    filter.setName("cacheInspector.filter");
    filter.setToolTipText("Show the queries whose key, state or status contains this text");
    filter.getDocument().addDocumentListener(new DocumentListener() {
      @Override
      public void insertUpdate(DocumentEvent event) {
        filterChanged();
      }

      @Override
      public void removeUpdate(DocumentEvent event) {
        filterChanged();
      }

      @Override
      public void changedUpdate(DocumentEvent event) {
        filterChanged();
      }
    });

    JToolBar actions = new JToolBar();
    actions.setFloatable(false);
    actions.add(new JLabel("Filter "));
    filter.setMaximumSize(filter.getPreferredSize()); // a toolbar would stretch it across the window
    actions.add(filter);
    actions.addSeparator();
    addAction(actions, refetch, "refetch", "Fetch the selected query again now", this::refetchSelected);
    addAction(actions, invalidate, "invalidate", "Mark the selected query stale (observed ones refetch)",
        this::invalidateSelected);
    addAction(actions, reset, "reset", "Put the selected query back to its initial state", this::resetSelected);
    addAction(actions, remove, "remove", "Remove the selected query from the cache", this::removeSelected);
    actions.addSeparator();
    addAction(actions, simulateLoading, "simulateLoading", "Show the selected query as loading, until Restore",
        this::simulateLoadingSelected);
    addAction(actions, simulateError, "simulateError", "Show the selected query as failed, until Restore",
        this::simulateErrorSelected);
    addAction(actions, restore, "restore", "Put back the selected query's state from before the simulation",
        this::restoreSelected);
    actions.addSeparator();
    offline.setName("cacheInspector.offline");
    offline.setToolTipText("Take the client offline: fetches and mutations pause until pressed again");
    offline.addActionListener(event -> devtools.setOffline(offline.isSelected()));
    actions.add(offline);
    addAction(actions, clear, "clear", "Remove every query from the cache", devtools::clearCache);
    clear.setEnabled(true);
    return actions;
  }

  /**
   * The bar under the queries: how many queries there are and, for each badge, a button with
   * its colour and count that narrows the table to it (pressed again, shows all again).
   */
  private JPanel countsBar() {
    JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 2));
    bar.setName("cacheInspector.counts");
    total.setName("cacheInspector.count.total");
    bar.add(total);
    for (QueryBadge badge : QueryBadge.values()) {
      JButton button = new JButton();
      button.setName("cacheInspector.count." + badge.label());
      button.setIcon(new QueryBadgeRenderer.Dot(badge.color()));
      button.setToolTipText("Show only the " + badge.label() + " queries");
      button.setBorderPainted(false);
      button.setContentAreaFilled(false);
      button.setFocusPainted(false);
      button.addActionListener(event -> filter.setText(filter.getText().equals(badge.label()) ? "" : badge.label()));
      badgeCounts.put(badge, button);
      bar.add(button);
    }
    return bar;
  }

  /** Reads the cache and brings the table, the counts and the details up to it, as of {@code now}. */
  void refresh(long now) {
    this.now = now;
    model.update(client.getQueries(QueryFilter.all()), now);
    int rows = model.getRowCount();
    total.setText(rows == 1 ? "1 query:" : rows + " queries:");
    model.badgeCounts().forEach((badge, count) -> badgeCounts.get(badge).setText(count + " " + badge.label()));
    selectionChanged();
  }

  /** Enables the actions that apply and shows the selected query's details. */
  void selectionChanged() {
    int view = table.getSelectedRow();
    boolean selected = view >= 0;
    CachedQuery<?> query = selected ? model.queryAt(table.convertRowIndexToModel(view)) : null;
    for (JButton action : new JButton[] {refetch, invalidate, reset, remove, simulateLoading, simulateError}) {
      action.setEnabled(selected);
    }
    restore.setEnabled(query != null && devtools.isSimulating(query.key()));
    offline.setSelected(!client.isOnline());
    detail.show(query, query == null ? List.of() : timeline.events(query.key()), now);
  }

  /** Types {@code text} into the filter field. */
  void setFilter(String text) {
    filter.setText(text);
  }

  /** The filter field changed: the table's sorter shows the matching rows. */
  private void filterChanged() {
    String wanted = filter.getText().strip().toLowerCase(Locale.ROOT);
    @SuppressWarnings("unchecked") // setAutoCreateRowSorter makes a TableRowSorter of the model
    TableRowSorter<QueriesTableModel> sorter = (TableRowSorter<QueriesTableModel>) table.getRowSorter();
    sorter.setRowFilter(wanted.isEmpty() ? null : new RowFilter<QueriesTableModel, Integer>() {
      @Override
      public boolean include(Entry<? extends QueriesTableModel, ? extends Integer> row) {
        return contains(row.getValue(QueriesTableModel.KEY), wanted)
            || contains(row.getValue(QueriesTableModel.BADGE), wanted)
            || contains(row.getValue(QueriesTableModel.STATUS), wanted);
      }
    });
  }

  private static boolean contains(@Nullable Object cell, String wanted) {
    return cell != null && String.valueOf(cell).toLowerCase(Locale.ROOT).contains(wanted);
  }

  /**
   * The key of the query selected in the table.
   *
   * @return the key, or null if no row is selected
   */
  @Nullable QueryKey<?> selectedKey() {
    int view = table.getSelectedRow();
    return view < 0 ? null : model.queryAt(table.convertRowIndexToModel(view)).key();
  }

  /**
   * Selects the row of {@code key}, if it has one, else clears the selection.
   *
   * @param key a query key
   */
  void select(QueryKey<?> key) {
    int row = model.rowOf(key);
    if (row < 0) {
      table.clearSelection();
    } else {
      int view = table.convertRowIndexToView(row);
      table.setRowSelectionInterval(view, view);
    }
  }

  /** Refetches the selected query, if any. */
  void refetchSelected() {
    onSelected(key -> client.refetchQueries(QueryFilter.exact(key)));
  }

  /** Invalidates the selected query, if any (it refetches if observed). */
  void invalidateSelected() {
    onSelected(key -> client.invalidateQueries(QueryFilter.exact(key)));
  }

  /** Resets the selected query, if any (it refetches if observed). */
  void resetSelected() {
    onSelected(key -> client.resetQueries(QueryFilter.exact(key)));
  }

  /** Removes the selected query, if any, from the cache. */
  void removeSelected() {
    onSelected(key -> client.removeQueries(QueryFilter.exact(key)));
  }

  /** Shows the selected query, if any, as loading until restored. */
  void simulateLoadingSelected() {
    onSelected(devtools::simulateLoading);
  }

  /** Shows the selected query, if any, as failed until restored. */
  void simulateErrorSelected() {
    onSelected(key -> devtools.simulateError(key, new IOException("simulated by the cache inspector")));
  }

  /** Puts back the selected query's state from before its simulation, if any. */
  void restoreSelected() {
    onSelected(devtools::restore);
  }

  private void onSelected(Consumer<QueryKey<?>> action) {
    QueryKey<?> key = selectedKey();
    if (key != null) {
      action.accept(key);
    }
  }

  QueriesTableModel model() {
    return model;
  }

  JTable table() {
    return table;
  }

  QueryDetailPane detail() {
    return detail;
  }

  private static void addAction(JToolBar bar, JButton button, String name, String tip, Runnable action) {
    button.setName("cacheInspector." + name);
    button.setToolTipText(tip);
    button.setEnabled(false);
    button.addActionListener(event -> action.run());
    bar.add(button);
  }
}
