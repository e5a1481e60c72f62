package dev.querycache.swing;

import dev.querycache.CachedQuery;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.QueryDevtools;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.Ticker;
import java.awt.BorderLayout;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRootPane;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.TableRowSorter;
import org.jspecify.annotations.Nullable;

/**
 * A devtools panel for a {@link QueryClient}: what is cached, in which state, who watches
 * it, and what is being written.
 *
 * <ul>
 *   <li><b>Queries</b>: a table of every cached query with its key, a state badge in colour
 *       ({@code fetching}, {@code paused}, {@code error}, {@code inactive}, {@code stale} or
 *       {@code fresh}), status, fetch status, staleness, observer count, pending optimistic
 *       layers and when it last got data or an error ("3 s ago"); under the table, how many
 *       queries have each badge (pressing a count filters on it); below it, the selected
 *       query's summary and error, and its data as a JSON tree that keeps what is open, its
 *       selection and its scroll position while the data ticks; Copy JSON puts the selected
 *       node, or all the data, on the clipboard; and its timeline: its last transitions
 *       since the inspector connected ({@link QueryClient#onQueryEvent}), the newest first,
 *       each with when, what (fetch started, fetched, set, layer added, rolled back,
 *       layers folded...), by whom (the mutation run) and what changed. Buttons refetch,
 *       invalidate, reset or remove the selected query, through the client's filter methods
 *       with {@link QueryFilter#exact(QueryKey)}; Loading and Error simulate those states on
 *       it until Restore ({@link QueryDevtools}); Offline takes the client offline until
 *       pressed again; Clear cache removes every query.
 *   <li><b>Mutations</b>: a table of the runs the client remembers
 *       ({@link QueryClient#getMutations} with {@link MutationFilter#all()}): id, name,
 *       mutation key, status, variables, whether paused, failure count, result, error and when
 *       it was submitted; below it, the selected run's summary with the queries its optimistic
 *       layers patched and what became of them (added, rolled back, folded), and its
 *       variables, context and result as a JSON tree.
 * </ul>
 *
 * <p>While displayable, it follows the cache live: it listens with
 * {@link QueryClient#onCacheChange(Runnable)} and refreshes once per burst of changes (at most
 * once per EDT event), and once a second for the relative times and staleness. Rows are
 * updated in place by key, so the selection survives refreshes. Column headers sort.
 *
 * <p>The "Updated" column reads the inspector's {@link Ticker}, which must be the client's
 * (the core does not expose it): the default, {@link Ticker#system()}, is also the client's
 * default.
 *
 * <p>Open it in a window with {@link #showWindow(Window, QueryClient)}, or install
 * {@link #SHORTCUT Ctrl+Shift+I} with {@link #installShortcut(JRootPane, QueryClient)}.
 * Confined to the Event Dispatch Thread.
 */
public final class CacheInspector extends JPanel {
  private static final long serialVersionUID = 1L;

  /** The key that {@link #installShortcut} binds: Ctrl+Shift+I, on every platform. */
  public static final KeyStroke SHORTCUT =
      KeyStroke.getKeyStroke(KeyEvent.VK_I, InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK);

  static final String ACTION_KEY = "dev.querycache.swing.CacheInspector.open";
  static final int TICK_MILLIS = 1000;
  private static final String TITLE = "Query cache inspector";

  private final transient QueryClient client;
  private final transient Ticker ticker;
  private final QueriesTableModel queries = new QueriesTableModel();
  private final MutationsTableModel mutations = new MutationsTableModel();
  private final JTabbedPane tabs = new JTabbedPane();
  private final JTable queryTable = new JTable(queries);
  private final JTable mutationTable = new JTable(mutations);
  private final QueryDetailPane detail = new QueryDetailPane();
  private final MutationDetailPane mutationDetail = new MutationDetailPane();
  /** Narrows the queries to those whose key or status contains its text, ignoring case. */
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
  private final transient QueryDevtools devtools;
  private final JLabel total = new JLabel();
  private final Map<QueryBadge, JButton> badgeCounts = new EnumMap<>(QueryBadge.class);
  private final transient @Nullable Timer timer;
  private final transient AtomicBoolean refreshQueued = new AtomicBoolean();
  private final transient QueryTimeline timeline;
  private transient @Nullable AutoCloseable subscription;

  /**
   * An inspector of {@code client}, whose times are read from the client's own ticker. Call
   * on the EDT.
   *
   * @param client the client to inspect
   * @throws NullPointerException if {@code client} is null
   * @throws IllegalStateException if called off the EDT
   */
  public CacheInspector(QueryClient client) {
    this(client, java.util.Objects.requireNonNull(client, "client == null").ticker());
  }

  /**
   * An inspector of {@code client} that reads its times from {@code ticker}: pass the ticker
   * the client was built with. Call on the EDT.
   *
   * @param client the client to inspect
   * @param ticker the client's ticker
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called off the EDT
   */
  public CacheInspector(QueryClient client, Ticker ticker) {
    this(client, ticker, true);
  }

  /** The seam for tests: without {@code tickEverySecond} no Swing timer runs. */
  CacheInspector(QueryClient client, Ticker ticker, boolean tickEverySecond) {
    super(new BorderLayout());
    EdtExecutor.checkOnEdt("new CacheInspector");
    this.client = Objects.requireNonNull(client, "client == null");
    this.ticker = Objects.requireNonNull(ticker, "ticker == null");
    this.timer = tickEverySecond ? new Timer(TICK_MILLIS, event -> refresh()) : null;
    this.devtools = QueryDevtools.of(client);
    this.timeline = new QueryTimeline(client, keys -> {
      selectionChanged();
      mutationSelectionChanged();
    });
    setName("cacheInspector");

    queryTable.setName("cacheInspector.queries");
    queryTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    queryTable.setAutoCreateRowSorter(true);
    queryTable.getColumnModel().getColumn(QueriesTableModel.KEY).setPreferredWidth(360);
    queryTable.setDefaultRenderer(QueryBadge.class, new QueryBadgeRenderer());
    queryTable.getSelectionModel().addListSelectionListener(
        event -> {
          if (!event.getValueIsAdjusting()) {
            selectionChanged();
          }
        });

    filter.setName("cacheInspector.filter");
    filter.setToolTipText("Show the queries whose key or status contains this text");
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
    addAction(actions, clear, "clear", "Remove every query from the cache", this::clearCache);
    clear.setEnabled(true);

    JSplitPane split =
        new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(queryTable), detail);
    split.setResizeWeight(0.55);
    JPanel queriesTab = new JPanel(new BorderLayout());
    queriesTab.add(actions, BorderLayout.NORTH);
    queriesTab.add(split, BorderLayout.CENTER);
    queriesTab.add(countsBar(), BorderLayout.SOUTH);

    mutationTable.setName("cacheInspector.mutations");
    mutationTable.setAutoCreateRowSorter(true);
    mutationTable.getColumnModel().getColumn(MutationsTableModel.NAME).setPreferredWidth(140);
    mutationTable.getColumnModel().getColumn(MutationsTableModel.VARIABLES).setPreferredWidth(300);

    tabs.setName("cacheInspector.tabs");
    tabs.addTab("Queries", queriesTab);
    mutationTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    mutationTable.getSelectionModel().addListSelectionListener(
        event -> {
          if (!event.getValueIsAdjusting()) {
            mutationSelectionChanged();
          }
        });
    JSplitPane mutationsSplit =
        new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(mutationTable), mutationDetail);
    mutationsSplit.setResizeWeight(0.55);
    tabs.addTab("Mutations", mutationsSplit);
    add(tabs, BorderLayout.CENTER);

    refresh();
  }

  /**
   * Shows only the queries whose key text or status contains {@code text}, ignoring case (all
   * of them for a blank text), as typing in the filter field does. Call on the EDT.
   *
   * @param text the text to look for
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalStateException if called off the EDT
   */
  public void setFilter(String text) {
    Objects.requireNonNull(text, "text == null");
    EdtExecutor.checkOnEdt("CacheInspector.setFilter");
    filter.setText(text);
  }

  /** The filter field changed: the table's sorter shows the matching rows. EDT. */
  private void filterChanged() {
    String wanted = filter.getText().strip().toLowerCase(Locale.ROOT);
    @SuppressWarnings("unchecked") // setAutoCreateRowSorter makes a TableRowSorter of the model
    TableRowSorter<QueriesTableModel> sorter = (TableRowSorter<QueriesTableModel>) queryTable.getRowSorter();
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
   * Opens an inspector of {@code client} in a new non-modal dialog over {@code owner}; closing
   * the dialog, or Esc in it, disposes of it and stops the inspector. Call on the EDT.
   *
   * @param owner the window the dialog belongs to, or null for none
   * @param client the client to inspect
   * @return the dialog, shown
   * @throws NullPointerException if {@code client} is null
   * @throws java.awt.HeadlessException if the environment has no display
   * @throws IllegalStateException if called off the EDT
   */
  public static JDialog showWindow(@Nullable Window owner, QueryClient client) {
    Objects.requireNonNull(client, "client == null");
    EdtExecutor.checkOnEdt("CacheInspector.showWindow");
    JDialog dialog = new JDialog(owner, TITLE, Dialog.ModalityType.MODELESS);
    dialog.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    dialog.add(new CacheInspector(client));
    dialog.getRootPane().registerKeyboardAction(
        event -> dialog.dispose(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), JComponent.WHEN_IN_FOCUSED_WINDOW);
    dialog.setSize(1100, 720);
    dialog.setLocationRelativeTo(owner);
    dialog.setVisible(true);
    return dialog;
  }

  /**
   * Binds {@link #SHORTCUT Ctrl+Shift+I} in {@code rootPane}'s window (for a frame, pass
   * {@code frame.getRootPane()}) to an action that opens an inspector of {@code client} with
   * {@link #showWindow}, or brings the one it opened to the front. Call on the EDT.
   *
   * @param rootPane the root pane of the window to bind the key in
   * @param client the client to inspect
   * @return the action, also usable in a menu (its accelerator is the shortcut)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called off the EDT
   */
  public static Action installShortcut(JRootPane rootPane, QueryClient client) {
    Objects.requireNonNull(rootPane, "rootPane == null");
    Objects.requireNonNull(client, "client == null");
    EdtExecutor.checkOnEdt("CacheInspector.installShortcut");
    Action open =
        new AbstractAction(TITLE) {
          private static final long serialVersionUID = 1L;
          private transient @Nullable JDialog opened;

          @Override
          public void actionPerformed(ActionEvent event) {
            JDialog dialog = opened;
            if (dialog != null && dialog.isDisplayable()) {
              dialog.setVisible(true);
              dialog.toFront();
            } else {
              opened = showWindow(SwingUtilities.getWindowAncestor(rootPane), client);
            }
          }
        };
    open.putValue(Action.ACCELERATOR_KEY, SHORTCUT);
    rootPane.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(SHORTCUT, ACTION_KEY);
    rootPane.getActionMap().put(ACTION_KEY, open);
    return open;
  }

  /** Starts following the cache when shown. */
  @Override
  public void addNotify() {
    super.addNotify();
    connect();
    if (timer != null) {
      timer.start();
    }
  }

  /** Stops following the cache when taken away. */
  @Override
  public void removeNotify() {
    if (timer != null) {
      timer.stop();
    }
    disconnect();
    super.removeNotify();
  }

  /** Listens to the cache and refreshes now. EDT. */
  void connect() {
    if (subscription == null) {
      timeline.connect();
      subscription = client.onCacheChange(this::cacheChanged);
      refresh();
    }
  }

  /** Stops listening to the cache. EDT. */
  void disconnect() {
    timeline.disconnect();
    AutoCloseable open = subscription;
    subscription = null;
    if (open != null) {
      try {
        open.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop listening to the cache", e);
      }
    }
  }

  /** Something changed in the cache, on the notify executor: refresh once, on the EDT. */
  private void cacheChanged() {
    if (refreshQueued.compareAndSet(false, true)) {
      SwingUtilities.invokeLater(
          () -> {
            refreshQueued.set(false);
            if (subscription != null) {
              refresh();
            }
          });
    }
  }

  /** Reads the cache and brings both tables and the counts up to it. EDT. */
  void refresh() {
    queries.update(client.getQueries(QueryFilter.all()), ticker.read());
    mutations.update(client.getMutations(MutationFilter.all()), ticker.read());
    updateCounts();
    selectionChanged();
    mutationSelectionChanged();
  }

  /** Shows the selected run, if any, below the mutations. EDT. */
  private void mutationSelectionChanged() {
    int view = mutationTable.getSelectedRow();
    MutationState<?, ?, ?> run = view < 0 ? null : mutations.runAt(mutationTable.convertRowIndexToModel(view));
    mutationDetail.show(
        run, run == null ? Map.of() : timeline.patchesBy(run.runName()), ticker.read());
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

  /** Writes the counts of the current rows into the counts bar. EDT. */
  private void updateCounts() {
    int rows = queries.getRowCount();
    total.setText(rows == 1 ? "1 query:" : rows + " queries:");
    queries.badgeCounts().forEach((badge, count) -> badgeCounts.get(badge).setText(count + " " + badge.label()));
  }

  /**
   * The key of the query selected in the table.
   *
   * @return the key, or null if no row is selected
   */
  @Nullable QueryKey<?> selectedKey() {
    int view = queryTable.getSelectedRow();
    if (view < 0) {
      return null;
    }
    return queries.queryAt(queryTable.convertRowIndexToModel(view)).key();
  }

  /**
   * Selects the row of {@code key}, if it has one, else clears the selection.
   *
   * @param key a query key
   */
  void select(QueryKey<?> key) {
    int row = queries.rowOf(key);
    if (row < 0) {
      queryTable.clearSelection();
    } else {
      int view = queryTable.convertRowIndexToView(row);
      queryTable.setRowSelectionInterval(view, view);
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

  /** Removes every query from the cache. */
  void clearCache() {
    devtools.clearCache();
  }

  QueriesTableModel queriesModel() {
    return queries;
  }

  MutationDetailPane mutationDetail() {
    return mutationDetail;
  }

  JTable mutationTable() {
    return mutationTable;
  }

  MutationsTableModel mutationsModel() {
    return mutations;
  }

  JTable queryTable() {
    return queryTable;
  }

  JTextArea details() {
    return detail.summary();
  }

  QueryDetailPane detail() {
    return detail;
  }

  JTabbedPane tabs() {
    return tabs;
  }

  private void onSelected(Consumer<QueryKey<?>> action) {
    QueryKey<?> key = selectedKey();
    if (key != null) {
      action.accept(key);
    }
  }

  private void selectionChanged() {
    int view = queryTable.getSelectedRow();
    boolean selected = view >= 0;
    CachedQuery<?> query = selected ? queries.queryAt(queryTable.convertRowIndexToModel(view)) : null;
    for (JButton action : new JButton[] {refetch, invalidate, reset, remove, simulateLoading, simulateError}) {
      action.setEnabled(selected);
    }
    restore.setEnabled(query != null && devtools.isSimulating(query.key()));
    offline.setSelected(!client.isOnline());
    detail.show(query, query == null ? List.of() : timeline.events(query.key()), ticker.read());
  }

  private static void addAction(JToolBar bar, JButton button, String name, String tip, Runnable action) {
    button.setName("cacheInspector." + name);
    button.setToolTipText(tip);
    button.setEnabled(false);
    button.addActionListener(event -> action.run());
    bar.add(button);
  }
}
