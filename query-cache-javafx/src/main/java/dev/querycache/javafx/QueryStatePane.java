package dev.querycache.javafx;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.internal.ui.ScreenState;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * Shows what a query screen should show at each moment: a spinner while the first load runs,
 * an error with a "Retry" button when it failed, a message when the data is empty, and the
 * content when there is data. A {@link StackPane} over four views, one visible at a time.
 *
 * <pre>{@code
 * QueryList<Todo> todos = new QueryList<>(Todo::id);
 * TableView<Todo> table = new TableView<>(todos);
 * QueryStatePane<List<Todo>> pane = new QueryStatePane<>(table, List::isEmpty, "No todos yet");
 * pane.bind(client, todosQuery, todos, list -> list); // one observer drives both, while shown
 * }</pre>
 *
 * <p>Which view a result selects:
 *
 * <ul>
 *   <li>data present: {@link View#EMPTY} if the empty predicate holds for it, else
 *       {@link View#CONTENT}, also while a refetch runs and after a refetch failed;
 *   <li>no data, the last fetch failed and none runs: {@link View#ERROR}, with the error's
 *       message and "Retry";
 *   <li>no data otherwise: {@link View#LOADING}, a spinner and "Loading…", or "Waiting for the
 *       network…" while the fetch is paused.
 * </ul>
 *
 * <p>Style classes: {@code query-state-pane}, and {@code query-state-loading},
 * {@code query-state-error}, {@code query-state-empty} on the views. It starts in the loading
 * view. Confined to the FX Application Thread.
 *
 * @param <T> the type of the query's data
 * @since 0.1.0
 */
public final class QueryStatePane<T> extends StackPane {
  /** The views of the pane. */
  public enum View {
    /** No data yet: a spinner. */
    LOADING,
    /** No data, the last fetch failed and none runs: the error and a "Retry" button. */
    ERROR,
    /** Data that the empty predicate calls empty: a message. */
    EMPTY,
    /** Data: the content node. */
    CONTENT
  }

  static final String DEFAULT_EMPTY_TEXT = "Nothing to show";

  private final Node content;
  private final Predicate<? super T> isEmpty;
  private final VBox loading;
  private final Label loadingText = new Label("Loading\u2026");
  private final VBox error;
  private final Label errorText = new Label();
  private final Button retry = new Button("Retry");
  private final Label empty;
  private final ReadOnlyObjectWrapper<View> view = new ReadOnlyObjectWrapper<>(this, "view", View.LOADING);
  private @Nullable Runnable onRetry;
  private @Nullable QueryProperty<T> binding;
  private @Nullable InfiniteScroll infinite;

  /**
   * A pane over {@code content} in which no data counts as empty.
   *
   * @param content what to show when there is data
   * @throws NullPointerException if {@code content} is null
   */
  public QueryStatePane(Node content) {
    this(content, data -> false, DEFAULT_EMPTY_TEXT);
  }

  /**
   * A pane over {@code content} that shows {@code emptyText} for data that {@code isEmpty}
   * calls empty.
   *
   * @param content what to show when there is data
   * @param isEmpty whether data counts as empty (such as {@code List::isEmpty})
   * @param emptyText the empty view's message
   * @throws NullPointerException if an argument is null
   */
  public QueryStatePane(Node content, Predicate<? super T> isEmpty, String emptyText) {
    this.content = Objects.requireNonNull(content, "content == null");
    this.isEmpty = Objects.requireNonNull(isEmpty, "isEmpty == null");
    Objects.requireNonNull(emptyText, "emptyText == null");
    getStyleClass().add("query-state-pane");
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setMaxSize(48, 48);
    loading = centered("query-state-loading", spinner, loadingText);
    errorText.setWrapText(true);
    retry.setOnAction(event -> retry());
    retry.setVisible(false);
    error = centered("query-state-error", errorText, retry);
    this.empty = new Label(emptyText);
    empty.getStyleClass().add("query-state-empty");
    getChildren().addAll(loading, error, empty, content);
    showOnly(View.LOADING);
  }

  /**
   * Shows the view {@code result} calls for (see the class comment).
   *
   * @param result the query's latest result
   * @throws NullPointerException if {@code result} is null
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public void show(QueryResult<T> result) {
    Objects.requireNonNull(result, "result == null");
    FxExecutor.checkOnFxThread("QueryStatePane.show");
    View next = View.valueOf(ScreenState.of(result, isEmpty).name());
    if (next == View.ERROR) {
      errorText.setText(ScreenState.errorText(result.error()));
    } else if (next == View.LOADING) {
      loadingText.setText(ScreenState.loadingText(result));
    }
    if (next != view.get()) {
      showOnly(next);
    }
  }

  /**
   * Drives the pane from {@code options}' query for as long as the pane is in a showing window
   * (see {@link FxQueries#observe(Node, QueryClient, QueryOptions)}); "Retry" refetches the
   * query. Fill the content from the returned property, such as
   * {@code label.textProperty().bind(property.data().asString())}.
   *
   * @param client the client
   * @param options what to observe and fetch
   * @return the query as a property; closing it unbinds the pane
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread, or if the pane
   *     is bound already (close that property first)
   */
  public QueryProperty<T> bind(QueryClient client, QueryOptions<T> options) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    FxExecutor.checkOnFxThread("QueryStatePane.bind");
    checkUnbound();
    return observe(client, options, null);
  }

  /**
   * Drives the pane and {@code list} (the rows of a table or list in the content) from one
   * observer of {@code options}' query, for as long as the pane is in a showing window: the
   * list shows {@code rows} of each data (no rows while there is none), then the pane shows
   * the result; "Retry" refetches the query.
   *
   * @param client the client
   * @param options what to observe and fetch
   * @param list the rows inside the content
   * @param rows the rows of the query's data ({@code list -> list} for a list of rows)
   * @param <R> the type of the rows
   * @return the query as a property; closing it unbinds both
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread, or if the pane
   *     or the list is bound already
   */
  public <R> QueryProperty<T> bind(
      QueryClient client,
      QueryOptions<T> options,
      QueryList<R> list,
      Function<? super T, ? extends List<? extends R>> rows) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(list, "list == null");
    Objects.requireNonNull(rows, "rows == null");
    FxExecutor.checkOnFxThread("QueryStatePane.bind");
    checkUnbound();
    list.checkUnbound();
    return observe(client, options, property -> list.adopt(property, result -> {
      T data = result.data();
      return data == null ? null : rows.apply(data);
    }));
  }

  /** Observes the query; {@code first} hears of each result before the pane shows it. */
  private QueryProperty<T> observe(
      QueryClient client, QueryOptions<T> options, @Nullable Consumer<QueryProperty<T>> first) {
    setOnRetry(() -> client.refetchQueries(QueryFilter.exact(options.key())));
    QueryProperty<T> property = QueryProperty.observe(this, client, options);
    if (first != null) {
      first.accept(property); // its listener comes first: the rows change before the view
    }
    property.addListener((value, was, is) -> show(is));
    binding = property;
    show(property.get());
    return property;
  }

  /** Records {@code scroll} as what drives the pane (an infinite query's). FX thread. */
  void adopt(InfiniteScroll scroll) {
    infinite = scroll;
  }

  /** Throws if a binding drives the pane. FX thread. */
  void checkUnbound() {
    QueryProperty<T> current = binding;
    InfiniteScroll scroll = infinite;
    if ((current != null && !current.isClosed()) || (scroll != null && !scroll.isClosed())) {
      throw new IllegalStateException(
          "this QueryStatePane is bound already: a second binding would add a second observer;"
              + " close the first QueryProperty before binding the pane again");
    }
  }

  /**
   * Sets what "Retry" does in the error view; without one the button is hidden.
   * {@link #bind} sets it to refetch the query.
   *
   * @param retry the retry, or null for none
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public void setOnRetry(@Nullable Runnable retry) {
    FxExecutor.checkOnFxThread("QueryStatePane.setOnRetry");
    this.onRetry = retry;
    this.retry.setVisible(retry != null);
  }

  /**
   * The view shown now, as a property.
   *
   * @return the view's property
   */
  public ReadOnlyObjectProperty<View> viewProperty() {
    return view.getReadOnlyProperty();
  }

  /**
   * The view shown now.
   *
   * @return the view
   */
  public View getView() {
    return view.get();
  }

  /**
   * The content node given to the constructor.
   *
   * @return the content
   */
  public Node content() {
    return content;
  }

  Label errorText() {
    return errorText;
  }

  Label loadingText() {
    return loadingText;
  }

  Button retryButton() {
    return retry;
  }

  private void showOnly(View next) {
    loading.setVisible(next == View.LOADING);
    error.setVisible(next == View.ERROR);
    empty.setVisible(next == View.EMPTY);
    content.setVisible(next == View.CONTENT);
    view.set(next);
  }

  private void retry() {
    Runnable action = onRetry;
    if (action != null) {
      action.run();
    }
  }

  private static VBox centered(String styleClass, Node... parts) {
    VBox column = new VBox(8, parts);
    column.setAlignment(Pos.CENTER);
    column.getStyleClass().add(styleClass);
    return column;
  }
}
