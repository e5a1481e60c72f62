package dev.querycache.javafx;

import dev.querycache.InfiniteQueryOptions;
import dev.querycache.InfiniteQueryResult;
import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import dev.querycache.QueryOptions;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.stage.Window;

/**
 * Where a JavaFX application starts with query-cache: a client whose listeners, mutation
 * callbacks and toasts run on the FX Application Thread, and queries observed as properties
 * for as long as their node is on screen.
 *
 * <pre>{@code
 * QueryClient client = FxQueries.clientBuilder().build();
 * Label unread = new Label();
 * QueryProperty<Integer> count = FxQueries.observe(unread, client, unreadCountOptions);
 * unread.textProperty().bind(count.data().asString("Unread: %d"));
 * }</pre>
 *
 * <p>{@link #clientBuilder()} may be called from any thread; the other methods touch nodes
 * and properties and must be called on the FX Application Thread.
 *
 * @since 0.1.0
 */
public final class FxQueries {
  private FxQueries() {}

  /**
   * Starts building a client whose listeners, mutation callbacks (after {@code onMutate}),
   * toasts and mutation futures' completions run on the FX Application Thread, through a new
   * {@link FxExecutor} (a burst of changes costs a handful of {@code runLater} runnables, not
   * one per observer). The client knows the FX thread, so {@code get()} or {@code join()} there
   * on a mutation's unfinished future fails fast instead of freezing the application.
   * Everything else has the core's defaults and can still be set.
   *
   * @return a builder with the notify executor set
   */
  public static QueryClientBuilder clientBuilder() {
    return QueryClient.builder().notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread);
  }

  /**
   * Observes {@code options}' query for as long as {@code node} is in a scene whose window is
   * showing, as a {@link QueryProperty}: it starts when the window shows (at once if it
   * does), stops when the node leaves or the window hides, and starts again each time.
   *
   * @param node the node whose place on screen bounds the observation
   * @param client the client to observe
   * @param options what to observe and fetch
   * @param <T> the type of the data
   * @return the property; {@code close()} stops it for good
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public static <T> QueryProperty<T> observe(Node node, QueryClient client, QueryOptions<T> options) {
    Objects.requireNonNull(node, "node == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    FxExecutor.checkOnFxThread("FxQueries.observe");
    return QueryProperty.observe(node, client, options);
  }

  /**
   * Observes {@code options}' query for as long as {@code node} is showing, as
   * {@link #observe(Node, QueryClient, QueryOptions)} does, with a property of
   * {@code select}'s projection of the data: a label bound to the unread count of a page
   * changes only when the count does. See
   * {@link QueryClient#observe(QueryOptions, Function, java.util.function.Consumer)} for the
   * function's rules (memoized per piece of data, structurally shared, a failure makes the
   * result an error).
   *
   * @param node the node whose place on screen bounds the observation
   * @param client the client to observe
   * @param options what to observe and fetch
   * @param select the projection to show; runs on the client's notify executor
   * @param <T> the type of the query's data
   * @param <R> the type of the projection
   * @return the property; {@code close()} stops it for good
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public static <T, R> QueryProperty<R> observe(
      Node node, QueryClient client, QueryOptions<T> options, Function<? super T, ? extends R> select) {
    Objects.requireNonNull(node, "node == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(select, "select == null");
    FxExecutor.checkOnFxThread("FxQueries.observe");
    return QueryProperty.observe(node, client, options, select);
  }

  /**
   * Observes an infinite query while {@code control} is in a showing window, and loads its
   * next page when the user scrolls near the end; see {@link InfiniteScroll}. The listener
   * shows the pages in the control (a {@link QueryList} does it for you:
   * {@link QueryList#bindInfinite}).
   *
   * @param control the list or table that shows the pages
   * @param client the client to observe
   * @param options the infinite query
   * @param listener receives results on the FX Application Thread
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return the binding; {@code close()} stops it for good
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public static <P, Q> InfiniteScroll observeInfinite(Control control, QueryClient client,
      InfiniteQueryOptions<P, Q> options, Consumer<? super InfiniteQueryResult<P, Q>> listener) {
    Objects.requireNonNull(control, "control == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    FxExecutor.checkOnFxThread("FxQueries.observeInfinite");
    return InfiniteScroll.install(control, client, options, listener);
  }

  /**
   * Observes {@code options}' query from now until the property is closed, whatever is on
   * screen: for a view model that outlives its nodes.
   *
   * @param client the client to observe
   * @param options what to observe and fetch
   * @param <T> the type of the data
   * @return the property, observing; {@code close()} stops it
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public static <T> QueryProperty<T> observe(QueryClient client, QueryOptions<T> options) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    FxExecutor.checkOnFxThread("FxQueries.observe");
    return QueryProperty.observe(null, client, options);
  }

  /**
   * Tells {@code client} when the application gains and loses focus, through the focus of all
   * its windows, so that observed stale queries refetch when the user comes back. See
   * {@link FocusRefetch} for the rules.
   *
   * @param client the client to tell
   * @return the installed follower; closing it uninstalls
   * @throws NullPointerException if {@code client} is null
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public static FocusRefetch installFocusRefetch(QueryClient client) {
    Objects.requireNonNull(client, "client == null");
    FxExecutor.checkOnFxThread("FxQueries.installFocusRefetch");
    return FocusRefetch.install(Window.getWindows(), client);
  }
}
