package dev.querycache.javafx;

import dev.querycache.CachedQuery;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.QueryDevtools;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.Ticker;
import dev.querycache.internal.ui.InspectorText;
import dev.querycache.internal.ui.QueryHealth;
import dev.querycache.internal.ui.QueryTimeline;
import dev.querycache.internal.ui.RelativeTime;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A devtools pane for a {@link QueryClient}, in JavaFX: what is cached, in which state, who
 * watches it, and what is being written.
 *
 * <ul>
 *   <li><b>Queries</b>: every cached query with its key, state ({@code fetching},
 *       {@code paused}, {@code error}, {@code inactive}, {@code stale} or {@code fresh}),
 *       status, fetch status, observers, pending optimistic layers and age; a filter on key,
 *       state or status; Refetch, Invalidate, Reset and Remove on the selected query; Loading,
 *       Error and Restore to simulate those states on it ({@link QueryDevtools}); Offline and
 *       Clear cache; below, the selected query's summary and its timeline: its last
 *       transitions since the inspector connected, the newest first, with when, what, by which
 *       mutation run and what changed.
 *   <li><b>Mutations</b>: the runs the client remembers, with name, key, status, variables,
 *       result, error and age; below, the selected run's summary with the queries its
 *       optimistic layers patched and what became of them.
 * </ul>
 *
 * <p>It follows the cache while it is in a showing window: once per burst of changes, and once
 * a second for the ages. Rows are kept by key, so the selection survives. Open it in a window
 * with {@link #showWindow}, or on {@link #SHORTCUT Ctrl+Shift+I} with {@link #installShortcut}.
 * Confined to the FX Application Thread.
 *
 * @since 0.1.0
 */
public final class FxCacheInspector extends BorderPane {
  /** The key combination {@link #installShortcut} binds: Ctrl+Shift+I. */
  public static final KeyCombination SHORTCUT =
      new KeyCodeCombination(KeyCode.I, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN);

  private static final String TITLE = "Query cache inspector";

  private final QueryClient client;
  private final Ticker ticker;
  private final QueryDevtools devtools;
  private final QueryList<CachedQuery<?>> queries = new QueryList<>(CachedQuery::key);
  private final QueryList<MutationState<?, ?, ?>> runs = new QueryList<>(MutationState::id);
  private final TableView<CachedQuery<?>> queryTable = new TableView<>(queries);
  private final TableView<MutationState<?, ?, ?>> runTable = new TableView<>(runs);
  private final TextArea querySummary = new TextArea();
  private final TableView<QueryEvent<?>> timelineTable = new TableView<>();
  private final QueryTimeline timeline;
  private final TextArea runSummary = new TextArea();
  private final TextField filter = new TextField();
  private final Button restore = new Button("Restore");
  private final ToggleButton offline = new ToggleButton("Offline");
  private final List<Button> onSelection;
  private final @Nullable Timeline timer;
  private final ObservableValue<Boolean> showing;
  private final ChangeListener<Boolean> showingChanged = (value, was, is) -> follow();
  private final AtomicBoolean refreshQueued = new AtomicBoolean();
  private @Nullable AutoCloseable subscription;
  private long now;

  /**
   * An inspector of {@code client}, reading ages from the client's ticker. Call on the FX
   * Application Thread.
   *
   * @param client the client to inspect
   * @throws NullPointerException if {@code client} is null
   * @throws IllegalStateException if called off the FX Application Thread
   */
  public FxCacheInspector(QueryClient client) {
    this(Objects.requireNonNull(client, "client == null"), client.ticker(), true);
  }

  /** The seam for tests: without {@code tickEverySecond} no timeline runs. */
  FxCacheInspector(QueryClient client, Ticker ticker, boolean tickEverySecond) {
    FxExecutor.checkOnFxThread("new FxCacheInspector");
    this.client = client;
    this.ticker = ticker;
    this.devtools = QueryDevtools.of(client);
    getStyleClass().add("cache-inspector");
    queryTable.setId("cache-inspector-queries");
    runTable.setId("cache-inspector-mutations");

    TableColumn<CachedQuery<?>, String> state = column("State", 90, query -> QueryHealth.of(query).label());
    state.setCellFactory(column -> new HealthCell());
    queryTable.getColumns().addAll(List.of(
        column("Key", 360, query -> query.key().toString()),
        state,
        column("Status", 90, query -> word(query.state().status())),
        column("Fetch status", 100, query -> word(query.state().fetchStatus())),
        column("Observers", 80, query -> String.valueOf(query.observerCount())),
        column("Layers", 70, query -> String.valueOf(query.state().optimisticLayers())),
        column("Updated", 90, this::updated)));
    queryTable.getSelectionModel().selectedItemProperty().addListener((value, was, is) -> querySelected());
    querySummary.setEditable(false);
    querySummary.setWrapText(true);
    timelineTable.setId("cache-inspector-timeline");
    timelineTable.setPlaceholder(new javafx.scene.control.Label("No transitions seen yet"));
    timelineTable.getColumns().addAll(List.of(
        column("When", 90, event -> RelativeTime.preciseAgo(now - event.at())),
        column("What", 120, event -> InspectorText.what(event.kind())),
        column("By", 150, event -> event.by() == null ? "" : event.by()),
        column("What changed", 360, event -> InspectorText.change(event.before(), event.after()))));
    this.timeline = new QueryTimeline(client::onQueryEvent, Platform::runLater, keys -> {
      querySelected();
      runSelected();
    });
    filter.setPromptText("Filter: key, state or status");
    filter.setPrefColumnCount(18);
    filter.textProperty().addListener((value, was, is) -> refresh());

    Button refetch = action("Refetch", key -> client.refetchQueries(QueryFilter.exact(key)));
    Button invalidate = action("Invalidate", key -> client.invalidateQueries(QueryFilter.exact(key)));
    Button reset = action("Reset", key -> client.resetQueries(QueryFilter.exact(key)));
    Button remove = action("Remove", key -> client.removeQueries(QueryFilter.exact(key)));
    Button loading = action("Loading", devtools::simulateLoading);
    Button error = action("Error", key -> devtools.simulateError(key, new IOException("simulated by the cache inspector")));
    restore.setOnAction(event -> onSelected(devtools::restore));
    onSelection = List.of(refetch, invalidate, reset, remove, loading, error);
    offline.setOnAction(event -> devtools.setOffline(offline.isSelected()));
    Button clear = new Button("Clear cache");
    clear.setOnAction(event -> devtools.clearCache());
    ToolBar actions = new ToolBar(filter, refetch, invalidate, reset, remove, loading, error, restore, offline, clear);

    TabPane details = new TabPane(new Tab("Summary", querySummary), new Tab("Timeline", timelineTable));
    details.getTabs().forEach(tab -> tab.setClosable(false));
    SplitPane queriesSplit = new SplitPane(queryTable, details);
    queriesSplit.setOrientation(javafx.geometry.Orientation.VERTICAL);
    queriesSplit.setDividerPositions(0.65);
    BorderPane queriesTab = new BorderPane(queriesSplit);
    queriesTab.setTop(actions);

    runTable.getColumns().addAll(List.of(
        column("ID", 50, run -> String.valueOf(run.id())),
        column("Name", 140, MutationState::name),
        column("Key", 140, run -> run.mutationKey() == null ? "\u2014" : run.mutationKey().toString()),
        column("Status", 80, run -> word(run.status())),
        column("Variables", 220, run -> text(run.variables())),
        column("Result", 140, run -> text(run.result())),
        column("Error", 160, run -> text(run.error())),
        column("Submitted", 90, run -> RelativeTime.ago(now - run.submittedAt()))));
    runTable.getSelectionModel().selectedItemProperty().addListener((value, was, is) -> runSelected());
    runSummary.setEditable(false);
    runSummary.setWrapText(true);
    SplitPane runsSplit = new SplitPane(runTable, runSummary);
    runsSplit.setOrientation(javafx.geometry.Orientation.VERTICAL);
    runsSplit.setDividerPositions(0.65);

    TabPane tabs = new TabPane(new Tab("Queries", queriesTab), new Tab("Mutations", runsSplit));
    tabs.getTabs().forEach(tab -> tab.setClosable(false));
    setCenter(tabs);

    this.timer = tickEverySecond ? new Timeline(new KeyFrame(Duration.seconds(1), event -> tick())) : null;
    if (timer != null) {
      timer.setCycleCount(Animation.INDEFINITE);
    }
    this.showing = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
    showing.addListener(showingChanged);
    refresh();
  }

  /**
   * Opens an inspector of {@code client} in a new window over {@code owner}; closing the
   * window, or Esc in it, stops the inspector. Call on the FX Application Thread.
   *
   * @param owner the window it belongs to, or null for none
   * @param client the client to inspect
   * @return the window, shown
   * @throws NullPointerException if {@code client} is null
   * @throws IllegalStateException if called off the FX Application Thread
   */
  public static Stage showWindow(@Nullable Window owner, QueryClient client) {
    Objects.requireNonNull(client, "client == null");
    FxExecutor.checkOnFxThread("FxCacheInspector.showWindow");
    Stage stage = new Stage();
    stage.setTitle(TITLE);
    if (owner != null) {
      stage.initOwner(owner);
    }
    Scene scene = new Scene(new FxCacheInspector(client), 1100, 720);
    scene.setOnKeyPressed(event -> {
      if (event.getCode() == KeyCode.ESCAPE) {
        stage.hide();
      }
    });
    stage.setScene(scene);
    stage.show();
    return stage;
  }

  /**
   * Binds {@link #SHORTCUT Ctrl+Shift+I} in {@code scene} to opening an inspector of
   * {@code client} with {@link #showWindow}, or bringing the one it opened to the front. Call
   * on the FX Application Thread.
   *
   * @param scene the scene to bind the keys in
   * @param client the client to inspect
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called off the FX Application Thread
   */
  public static void installShortcut(Scene scene, QueryClient client) {
    Objects.requireNonNull(scene, "scene == null");
    Objects.requireNonNull(client, "client == null");
    FxExecutor.checkOnFxThread("FxCacheInspector.installShortcut");
    Stage[] opened = new Stage[1];
    scene.getAccelerators().put(SHORTCUT, () -> {
      if (opened[0] != null && opened[0].isShowing()) {
        opened[0].toFront();
      } else {
        opened[0] = showWindow(scene.getWindow(), client);
      }
    });
  }

  /**
   * Shows only the queries whose key, state or status contains {@code text}, ignoring case
   * (all of them for a blank text), as typing in the filter field does.
   *
   * @param text the text to look for
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalStateException if called off the FX Application Thread
   */
  public void setFilter(String text) {
    Objects.requireNonNull(text, "text == null");
    FxExecutor.checkOnFxThread("FxCacheInspector.setFilter");
    filter.setText(text);
  }

  /** Connects while in a showing window, disconnects when not. */
  private void follow() {
    if (Boolean.TRUE.equals(showing.getValue())) {
      connect();
    } else {
      disconnect();
    }
  }

  /** Listens to the cache and refreshes now. FX thread. */
  void connect() {
    if (subscription == null) {
      timeline.connect();
      subscription = client.onCacheChange(this::cacheChanged);
      if (timer != null) {
        timer.play();
      }
      refresh();
    }
  }

  /** Stops listening to the cache. FX thread. */
  void disconnect() {
    timeline.disconnect();
    AutoCloseable open = subscription;
    subscription = null;
    if (timer != null) {
      timer.stop();
    }
    if (open != null) {
      try {
        open.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop listening to the cache", e);
      }
    }
  }

  private void cacheChanged() {
    if (refreshQueued.compareAndSet(false, true)) {
      Platform.runLater(() -> {
        refreshQueued.set(false);
        if (subscription != null) {
          refresh();
        }
      });
    }
  }

  /** Reads the cache and brings both tables and the summaries up to it. FX thread. */
  void refresh() {
    now = ticker.read();
    String wanted = filter.getText() == null ? "" : filter.getText().strip().toLowerCase(Locale.ROOT);
    List<CachedQuery<?>> shown = client.getQueries(QueryFilter.all()).stream()
        .filter(query -> wanted.isEmpty() || matches(query, wanted))
        .sorted(java.util.Comparator.comparing(query -> query.key().toString()))
        .collect(Collectors.toList());
    queries.show(shown);
    runs.show(client.getMutations(MutationFilter.all()));
    offline.setSelected(!client.isOnline());
    querySelected();
    runSelected();
  }

  /** Once a second: the ages move. */
  private void tick() {
    refresh();
    queryTable.refresh();
    runTable.refresh();
  }

  private static boolean matches(CachedQuery<?> query, String wanted) {
    return query.key().toString().toLowerCase(Locale.ROOT).contains(wanted)
        || QueryHealth.of(query).label().contains(wanted)
        || word(query.state().status()).contains(wanted);
  }

  private void querySelected() {
    CachedQuery<?> query = queryTable.getSelectionModel().getSelectedItem();
    onSelection.forEach(button -> button.setDisable(query == null));
    restore.setDisable(query == null || !devtools.isSimulating(query.key()));
    String text = query == null ? "" : InspectorText.query(query);
    if (!text.equals(querySummary.getText())) {
      querySummary.setText(text);
    }
    List<QueryEvent<?>> events = query == null ? List.of() : timeline.events(query.key());
    if (!events.equals(timelineTable.getItems())) {
      timelineTable.getItems().setAll(events);
    } else {
      timelineTable.refresh(); // the ages moved
    }
  }

  private void runSelected() {
    MutationState<?, ?, ?> run = runTable.getSelectionModel().getSelectedItem();
    String text = run == null ? "" : InspectorText.run(run, timeline.patchesBy(run.runName()), now);
    if (!text.equals(runSummary.getText())) {
      runSummary.setText(text);
    }
  }

  private Button action(String name, Consumer<QueryKey<?>> onKey) {
    Button button = new Button(name);
    button.setDisable(true);
    button.setOnAction(event -> onSelected(onKey));
    return button;
  }

  private void onSelected(Consumer<QueryKey<?>> onKey) {
    CachedQuery<?> query = queryTable.getSelectionModel().getSelectedItem();
    if (query != null) {
      onKey.accept(query.key());
    }
  }

  private String updated(CachedQuery<?> query) {
    var state = query.state();
    if (state.dataUpdateCount() == 0 && state.errorUpdateCount() == 0) {
      return "\u2014";
    }
    long at = state.errorUpdatedAt() - state.dataUpdatedAt() > 0 && state.errorUpdateCount() > 0
        ? state.errorUpdatedAt()
        : state.dataUpdatedAt();
    return RelativeTime.ago(now - at);
  }

  /** A state cell: a dot of the state's colour, then its word. */
  private static final class HealthCell extends javafx.scene.control.TableCell<CachedQuery<?>, String> {
    @Override
    protected void updateItem(@Nullable String label, boolean empty) {
      super.updateItem(label, empty);
      if (empty || label == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      setText(label);
      javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(5, colour(QueryHealth.valueOf(label.toUpperCase(Locale.ROOT))));
      setGraphic(dot);
    }
  }

  /** The colour of a state, as in the Swing inspector. */
  static javafx.scene.paint.Color colour(QueryHealth health) {
    switch (health) {
      case FETCHING:
        return javafx.scene.paint.Color.web("#1565c0");
      case PAUSED:
        return javafx.scene.paint.Color.web("#6a1b9a");
      case ERROR:
        return javafx.scene.paint.Color.web("#c62828");
      case INACTIVE:
        return javafx.scene.paint.Color.web("#757575");
      case STALE:
        return javafx.scene.paint.Color.web("#b08800");
      case FRESH:
        return javafx.scene.paint.Color.web("#2e7d32");
      default:
        throw new AssertionError(health);
    }
  }

  private static <R> TableColumn<R, String> column(String name, double width, Function<R, String> text) {
    TableColumn<R, String> column = new TableColumn<>(name);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String text(@Nullable Object value) {
    return value == null ? "\u2014" : String.valueOf(value);
  }

  TableView<CachedQuery<?>> queryTable() {
    return queryTable;
  }

  TableView<MutationState<?, ?, ?>> runTable() {
    return runTable;
  }

  TableView<QueryEvent<?>> timelineTable() {
    return timelineTable;
  }

  TextArea runSummary() {
    return runSummary;
  }

  TextArea querySummary() {
    return querySummary;
  }

  Button restoreButton() {
    return restore;
  }

  ToggleButton offlineButton() {
    return offline;
  }

  List<Button> selectionActions() {
    return onSelection;
  }
}
