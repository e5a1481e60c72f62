package dev.querycache.swing;

import dev.querycache.InfiniteQueryOptions;
import dev.querycache.InfiniteQueryResult;
import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import java.awt.Window;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;

/**
 * Where a Swing application starts with query-cache: a client whose listeners run on the
 * EDT, observers that live as long as the component that shows them, and refetch on window
 * focus.
 *
 * <pre>{@code
 * QueryClient client = SwingQueries.clientBuilder().build();
 * JLabel unread = new JLabel();
 * SwingQueries.observe(unread, client, unreadCountOptions,
 *     result -> unread.setText(result.isSuccess() ? "Unread: " + result.data() : "..."));
 * SwingQueries.installFocusRefetch(frame, client);
 * }</pre>
 *
 * <p>For tables and lists, see {@link QueryTableModel} and {@link QueryListModel}, which
 * bind through {@link #observe} and fire fine-grained row events.
 *
 * <p>{@link #clientBuilder()} may be called from any thread; the other methods touch
 * components and must be called on the EDT.
 *
 * @since 0.1.0
 */
public final class SwingQueries {
  private SwingQueries() {}

  /**
   * Starts building a client whose listeners, mutation callbacks (after {@code onMutate}),
   * toasts and mutation futures' completions run on the EDT, through a new
   * {@link EdtExecutor} (a burst of changes costs a handful of EDT events, not one per
   * observer). The client knows the EDT, so {@code get()} or {@code join()} there on a
   * mutation's unfinished future fails fast instead of freezing the application. Everything
   * else has the core's defaults and can still be set.
   *
   * @return a builder with the notify executor set
   */
  public static QueryClientBuilder clientBuilder() {
    return QueryClient.builder().notifyExecutor(new EdtExecutor(), SwingUtilities::isEventDispatchThread);
  }

  /**
   * Observes {@code options}' query for as long as {@code component} is displayable: the
   * observer opens when the component becomes displayable (at once if it already is) and
   * closes when it stops being displayable, and again each time. See
   * {@link ComponentBinding}.
   *
   * <p>The listener runs on the EDT, first with the current result soon after the observer
   * opens, then once per change (or per burst of changes, with the latest result).
   *
   * @param component the component whose lifetime bounds the observation
   * @param client the client to observe
   * @param options what to observe and fetch
   * @param listener receives results on the EDT
   * @param <T> the type of the data
   * @return the binding; closing it unbinds early
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT
   */
  public static <T> ComponentBinding observe(
      JComponent component,
      QueryClient client,
      QueryOptions<T> options,
      Consumer<? super QueryResult<T>> listener) {
    Objects.requireNonNull(component, "component == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    EdtExecutor.checkOnEdt("SwingQueries.observe");
    return ComponentBinding.bind(component, sink -> client.observe(options, sink)::close, listener);
  }

  /**
   * Observes an infinite query for as long as {@code pane} is displayable and loads its next
   * page when the user scrolls near the end; see {@link InfiniteScroll}. The listener shows
   * the pages in the pane's view (through a row model that appends, such as a
   * {@link QueryTableModel}, whose {@link QueryTableModel#bindInfinite} does this for a table).
   *
   * @param pane the scroll pane whose view shows the pages
   * @param client the client to observe
   * @param options the infinite query
   * @param listener receives results on the EDT
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return the binding; closing it unbinds early
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT
   */
  public static <P, Q> InfiniteScroll observeInfinite(
      JScrollPane pane,
      QueryClient client,
      InfiniteQueryOptions<P, Q> options,
      Consumer<? super InfiniteQueryResult<P, Q>> listener) {
    Objects.requireNonNull(pane, "pane == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    EdtExecutor.checkOnEdt("SwingQueries.observeInfinite");
    return InfiniteScroll.install(pane, client, options, listener);
  }

  /**
   * Observes {@code options}' query for as long as {@code component} is displayable, as
   * {@link #observe(JComponent, QueryClient, QueryOptions, Consumer)} does, showing
   * {@code select}'s projection of the data: a badge that shows the unread count of a page
   * is told only what the count is. See
   * {@link QueryClient#observe(QueryOptions, Function, Consumer)} for the function's rules
   * (memoized per piece of data, structurally shared, a failure makes the result an error).
   *
   * @param component the component whose lifetime bounds the observation
   * @param client the client to observe
   * @param options what to observe and fetch
   * @param select the projection to show; runs on the client's notify executor
   * @param listener receives results of the projection on the EDT
   * @param <T> the type of the query's data
   * @param <R> the type of the projection
   * @return the binding; closing it unbinds early
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT
   */
  public static <T, R> ComponentBinding observe(
      JComponent component,
      QueryClient client,
      QueryOptions<T> options,
      Function<? super T, ? extends R> select,
      Consumer<? super QueryResult<R>> listener) {
    Objects.requireNonNull(component, "component == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(select, "select == null");
    Objects.requireNonNull(listener, "listener == null");
    EdtExecutor.checkOnEdt("SwingQueries.observe");
    return ComponentBinding.bind(component, sink -> client.<T, R>observe(options, select, sink)::close, listener);
  }

  /**
   * Tells {@code client} when the application gains and loses focus through
   * {@code window}'s activation events, so that observed stale queries refetch when the
   * user comes back. See {@link FocusRefetch} for the rules.
   *
   * @param window a top-level window of the application
   * @param client the client to tell
   * @return the installed listener; closing it uninstalls
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT
   */
  public static FocusRefetch installFocusRefetch(Window window, QueryClient client) {
    Objects.requireNonNull(window, "window == null");
    Objects.requireNonNull(client, "client == null");
    EdtExecutor.checkOnEdt("SwingQueries.installFocusRefetch");
    return FocusRefetch.install(window, client);
  }
}
