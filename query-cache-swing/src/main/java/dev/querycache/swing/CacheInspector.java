package dev.querycache.swing;

import dev.querycache.MutationFilter;
import dev.querycache.QueryClient;
import dev.querycache.QueryDevtools;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.Ticker;
import dev.querycache.internal.ui.QueryTimeline;
import java.awt.BorderLayout;
import java.awt.Dialog;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JRootPane;
import javax.swing.JTabbedPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
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
 *
 * @since 0.1.0
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
  private final JTabbedPane tabs = new JTabbedPane();
  private final transient QueryTimeline timeline;
  private final QueriesTab queries;
  private final MutationsTab mutations;
  private final transient @Nullable Timer timer;
  private final transient AtomicBoolean refreshQueued = new AtomicBoolean();
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
    this.timeline = new QueryTimeline(client::onQueryEvent, SwingUtilities::invokeLater, this::eventsArrived);
    this.queries = new QueriesTab(client, timeline);
    this.mutations = new MutationsTab(client, timeline);
    setName("cacheInspector");
    tabs.setName("cacheInspector.tabs");
    tabs.addTab("Queries", queries);
    tabs.addTab("Mutations", mutations);
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
    queries.setFilter(text);
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

  /** The timeline filed new events: the selected query's and run's details show them. EDT. */
  private void eventsArrived(Set<QueryKey<?>> keys) {
    queries.selectionChanged();
    mutations.selectionChanged();
  }

  /** Reads the cache and brings both tabs up to it. EDT. */
  void refresh() {
    long now = ticker.read();
    queries.refresh(now);
    mutations.refresh(now);
  }

  QueriesTab queries() {
    return queries;
  }

  MutationsTab mutations() {
    return mutations;
  }

  JTabbedPane tabs() {
    return tabs;
  }
}
