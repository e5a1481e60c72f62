package dev.querycache.swing;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.internal.ui.ScreenState;
import java.awt.CardLayout;
import java.awt.Component;
import java.awt.GridBagLayout;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import org.jspecify.annotations.Nullable;

/**
 * Shows what a query screen should show at each moment: a spinner while the first load runs,
 * an error with a "Retry" button when it failed, a message when the data is empty, and the
 * content when there is data. A {@link JPanel} with a {@link CardLayout} over four views.
 *
 * <pre>{@code
 * QueryTableModel<Todo> model = new QueryTableModel<>(Todo::id, columns);
 * QueryStatePanel<List<Todo>> panel =
 *     new QueryStatePanel<>(new JScrollPane(new JTable(model)), List::isEmpty, "No todos yet");
 * panel.bind(client, todosQuery, model, todos -> todos); // one observer drives both, while shown
 * frame.add(panel);
 * }</pre>
 *
 * <p>For other content, {@link #bind(QueryClient, QueryOptions, Consumer)} hands each new data
 * to a consumer of yours. A panel takes one binding at a time.
 *
 * <p>Which view a result selects ({@link #viewFor}):
 *
 * <ul>
 *   <li>data present: {@link View#EMPTY} if the empty predicate holds for it, else
 *       {@link View#CONTENT}, also while a refetch runs and after a refetch failed (data
 *       already shown is more use than an error page);
 *   <li>no data and the last fetch failed, with no fetch running: {@link View#ERROR}, showing
 *       the error's message and "Retry";
 *   <li>no data otherwise (also while a retry runs): {@link View#LOADING}, an indeterminate
 *       progress bar and "Loading…", or "Waiting for the network…" while the fetch is paused.
 * </ul>
 *
 * <p>It starts in the loading view. Confined to the Event Dispatch Thread.
 *
 * @param <T> the type of the query's data
 * @since 0.1.0
 */
public final class QueryStatePanel<T> extends JPanel {
  private static final long serialVersionUID = 1L;

  /** The views of the panel. */
  public enum View {
    /** No data yet: a spinner. */
    LOADING,
    /** No data, the last fetch failed and none runs: the error and a "Retry" button. */
    ERROR,
    /** Data that the empty predicate calls empty: a message. */
    EMPTY,
    /** Data: the content component. */
    CONTENT
  }

  static final String DEFAULT_EMPTY_TEXT = "Nothing to show";

  private final CardLayout cards = new CardLayout();
  private final JComponent content;
  private final transient Predicate<? super T> isEmpty;
  private final JLabel loadingText = new JLabel("Loading\u2026");
  private final JLabel errorText = new JLabel();
  private final JButton retry = new JButton("Retry");
  private final JLabel emptyText;
  private transient @Nullable Runnable onRetry;
  private transient @Nullable ComponentBinding binding;
  private transient @Nullable InfiniteScroll infinite;
  private View view = View.LOADING;

  /**
   * A panel over {@code content} whose data counts as empty when it is an empty collection
   * or map, with the text "Nothing to show". Call on the EDT.
   *
   * @param content what to show when there is data
   * @throws NullPointerException if {@code content} is null
   * @throws IllegalStateException if called off the EDT
   */
  public QueryStatePanel(JComponent content) {
    this(content, QueryStatePanel::isEmptyContainer, DEFAULT_EMPTY_TEXT);
  }

  /**
   * A panel over {@code content} that shows {@code emptyText} when {@code isEmpty} holds for
   * the data. Call on the EDT.
   *
   * @param content what to show when there is data
   * @param isEmpty whether data counts as empty, such as {@code List::isEmpty}
   * @param emptyText what to say then
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called off the EDT
   */
  public QueryStatePanel(JComponent content, Predicate<? super T> isEmpty, String emptyText) {
    EdtExecutor.checkOnEdt("new QueryStatePanel");
    this.content = Objects.requireNonNull(content, "content == null");
    this.isEmpty = Objects.requireNonNull(isEmpty, "isEmpty == null");
    this.emptyText = new JLabel(Objects.requireNonNull(emptyText, "emptyText == null"));
    setLayout(cards);

    JProgressBar spinner = new JProgressBar();
    spinner.setIndeterminate(true);
    spinner.setName("queryState.spinner");
    loadingText.setName("queryState.loadingText");
    add(centered("queryState.loading", spinner, loadingText), View.LOADING.name());

    errorText.setName("queryState.errorText");
    retry.setName("queryState.retry");
    retry.setVisible(false);
    retry.addActionListener(event -> retry());
    add(centered("queryState.error", errorText, retry), View.ERROR.name());

    this.emptyText.setName("queryState.emptyText");
    add(centered("queryState.empty", this.emptyText), View.EMPTY.name());

    add(content, View.CONTENT.name());
    cards.show(this, View.LOADING.name());
  }

  /**
   * Switches to the view {@code result} calls for (see the class comment). Call on the EDT.
   *
   * @param result the query's latest result
   * @throws NullPointerException if {@code result} is null
   * @throws IllegalStateException if called off the EDT
   */
  public void show(QueryResult<T> result) {
    Objects.requireNonNull(result, "result == null");
    EdtExecutor.checkOnEdt("QueryStatePanel.show");
    View next = viewFor(result);
    if (next == View.ERROR) {
      errorText.setText(ScreenState.errorText(result.error()));
    } else if (next == View.LOADING) {
      loadingText.setText(ScreenState.loadingText(result));
    }
    if (next != view) {
      view = next;
      cards.show(this, next.name());
    }
  }

  /**
   * Drives the panel from {@code options}' query for as long as the panel is displayable
   * (through {@link SwingQueries#observe(JComponent, QueryClient, QueryOptions, Consumer)
   * SwingQueries.observe}): each result is {@linkplain #show shown}, new data is first handed
   * to {@code onData} (to fill the content), and "Retry" refetches the query
   * ({@link QueryClient#refetchQueries} with {@link QueryFilter#exact}). Call on the EDT.
   *
   * @param client the client
   * @param options what to observe and fetch
   * @param onData fills the content with the data, on the EDT; called once per new data
   *     (also when empty)
   * @return the binding; closing it unbinds before the panel goes away
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called off the EDT, or if the panel is bound already
   *     (close that binding first)
   */
  public ComponentBinding bind(QueryClient client, QueryOptions<T> options, Consumer<? super T> onData) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(onData, "onData == null");
    EdtExecutor.checkOnEdt("QueryStatePanel.bind");
    checkUnbound();
    Object[] lastData = new Object[1];
    return observe(client, options, data -> {
      if (data != null && data != lastData[0]) {
        lastData[0] = data;
        onData.accept(data);
      }
    });
  }

  /**
   * Drives the panel and {@code model} (the table inside the content) from one observer of
   * {@code options}' query, for as long as the panel is displayable: the model shows
   * {@code rows} of each data, with its fine-grained row events (no rows while there is no
   * data), then the panel {@linkplain #show shows} the result; "Retry" refetches the query.
   * The model counts as bound until the binding closes. Call on the EDT.
   *
   * @param client the client
   * @param options what to observe and fetch
   * @param model the table model inside the content
   * @param rows the rows of the query's data ({@code list -> list} for a list of rows)
   * @param <R> the type of the rows
   * @return the binding of both; closing it unbinds both before the panel goes away
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called off the EDT, or if the panel or the model is
   *     bound already (close that binding first)
   */
  public <R> ComponentBinding bind(
      QueryClient client,
      QueryOptions<T> options,
      QueryTableModel<R> model,
      Function<? super T, ? extends List<? extends R>> rows) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(rows, "rows == null");
    EdtExecutor.checkOnEdt("QueryStatePanel.bind");
    checkUnbound();
    model.checkUnbound();
    return model.adopt(observe(client, options, data -> model.showRowsOf(data, rows)));
  }

  /** Records {@code scroll} as what drives the panel (an infinite query's). EDT. */
  void adopt(InfiniteScroll scroll) {
    infinite = scroll;
  }

  /** Throws if a binding drives the panel. EDT. */
  void checkUnbound() {
    ComponentBinding current = binding;
    InfiniteScroll scroll = infinite;
    if ((current != null && !current.isClosed()) || (scroll != null && !scroll.isClosed())) {
      throw new IllegalStateException(
          "this QueryStatePanel is bound already: a second binding would add a second observer;"
              + " close the first binding before binding the panel again");
    }
  }

  /** Observes the query, handing each result's data to {@code data} before showing it. EDT. */
  private ComponentBinding observe(QueryClient client, QueryOptions<T> options, Consumer<? super @Nullable T> data) {
    setOnRetry(() -> client.refetchQueries(QueryFilter.exact(options.key())));
    ComponentBinding bound = SwingQueries.observe(this, client, options, result -> {
      data.accept(result.data());
      show(result);
    });
    binding = bound;
    return bound;
  }

  /**
   * Sets what "Retry" does in the error view; without one the button is hidden.
   * {@link #bind} sets it to refetch the query. Call on the EDT.
   *
   * @param retry the retry, or null for none
   * @throws IllegalStateException if called off the EDT
   */
  public void setOnRetry(@Nullable Runnable retry) {
    EdtExecutor.checkOnEdt("QueryStatePanel.setOnRetry");
    this.onRetry = retry;
    this.retry.setVisible(retry != null);
  }

  /**
   * The view shown now.
   *
   * @return the view
   */
  public View view() {
    return view;
  }

  /**
   * The content component given to the constructor.
   *
   * @return the content
   */
  public JComponent content() {
    return content;
  }

  /**
   * The view a result calls for (see the class comment).
   *
   * @param result a result
   * @return its view
   */
  View viewFor(QueryResult<T> result) {
    return View.valueOf(ScreenState.of(result, isEmpty).name());
  }

  private void retry() {
    Runnable action = onRetry;
    if (action != null) {
      action.run();
    }
  }

  private static boolean isEmptyContainer(Object data) {
    return data instanceof Collection<?> && ((Collection<?>) data).isEmpty()
        || data instanceof Map<?, ?> && ((Map<?, ?>) data).isEmpty();
  }

  private static JPanel centered(String name, JComponent... parts) {
    JPanel column = new JPanel();
    column.setOpaque(false);
    column.setLayout(new BoxLayout(column, BoxLayout.Y_AXIS));
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        column.add(Box.createVerticalStrut(8));
      }
      parts[i].setAlignmentX(Component.CENTER_ALIGNMENT);
      column.add(parts[i]);
    }
    JPanel view = new JPanel(new GridBagLayout());
    view.setName(name);
    view.add(column);
    return view;
  }
}
