package dev.querycache.javafx;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.internal.ui.LatestValue;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyObjectPropertyBase;
import javafx.scene.Node;
import org.jspecify.annotations.Nullable;

/**
 * An observed query as a JavaFX property: its value is the query's latest
 * {@link QueryResult}, and {@link #data()}, {@link #loading()}, {@link #fetching()},
 * {@link #error()}, {@link #stale()} and {@link #success()} are bindings of its parts, so that
 * screens bind instead of listening:
 *
 * <pre>{@code
 * QueryProperty<Integer> unread = FxQueries.observe(label, client, unreadCountOptions);
 * label.textProperty().bind(unread.data().asString("Unread: %d"));
 * spinner.visibleProperty().bind(unread.loading());
 * }</pre>
 *
 * <p>Made by {@link FxQueries#observe(Node, QueryClient, QueryOptions)}, it observes while its
 * node is in a scene whose window is showing: it starts when the window shows (at once if it
 * does), stops when the node leaves the scene or the window hides, and starts again when it
 * comes back. While stopped it keeps its last value and holds nothing of the client, so a
 * node that is dropped is garbage like any other. {@link #close()} stops it for good. Made by
 * {@link FxQueries#observe(QueryClient, QueryOptions)}, it observes until closed.
 *
 * <p>When it starts observing, its value becomes the query's current result at once (the data
 * already cached shows in the same pulse); then each change arrives on the FX Application
 * Thread, the latest of a burst once. Confined to the FX Application Thread, like every
 * property.
 *
 * @param <T> the type of the data
 * @since 0.1.0
 */
public final class QueryProperty<T> extends ReadOnlyObjectPropertyBase<QueryResult<T>> implements AutoCloseable {
  private final QueryKey<?> key;
  /** Opens an observer that gives its results to the consumer it is passed. */
  private final Function<Consumer<QueryResult<T>>, QueryObserver<T>> open;
  private final @Nullable Node node;
  /** Observes while the node's window shows (always, without a node), until closed. */
  private final WhileShowing lifetime;
  private QueryResult<T> result;
  private @Nullable QueryObserver<T> observer;
  private @Nullable LatestValue<QueryResult<T>> handOver;
  private @Nullable ObjectBinding<@Nullable T> data;
  private @Nullable BooleanBinding loading;
  private @Nullable BooleanBinding fetching;
  private @Nullable ObjectBinding<@Nullable Throwable> error;
  private @Nullable BooleanBinding stale;
  private @Nullable BooleanBinding success;

  private QueryProperty(QueryKey<?> key, Function<Consumer<QueryResult<T>>, QueryObserver<T>> open, @Nullable Node node) {
    this.key = key;
    this.open = open;
    this.node = node;
    this.result = new QueryResult<>(key, QueryState.initial(), true);
    this.lifetime = new WhileShowing(node, this::start, this::stop);
  }

  /** See {@link FxQueries#observe(Node, QueryClient, QueryOptions)}; on the FX thread. */
  static <T> QueryProperty<T> observe(@Nullable Node node, QueryClient client, QueryOptions<T> options) {
    return observe(node, options.key(), sink -> client.observe(options, sink));
  }

  /** See {@link FxQueries#observe(Node, QueryClient, QueryOptions, Function)}; on the FX thread. */
  static <T, R> QueryProperty<R> observe(
      @Nullable Node node, QueryClient client, QueryOptions<T> options, Function<? super T, ? extends R> select) {
    return observe(node, options.key(), sink -> client.observe(options, select, sink));
  }

  private static <T> QueryProperty<T> observe(
      @Nullable Node node, QueryKey<?> key, Function<Consumer<QueryResult<T>>, QueryObserver<T>> open) {
    QueryProperty<T> property = new QueryProperty<>(key, open, node);
    property.lifetime.start();
    return property;
  }

  /**
   * The query's latest result, or, before it first observed, a pending result without data.
   *
   * @return the result; never null
   */
  @Override
  public QueryResult<T> get() {
    return result;
  }

  /**
   * The node whose scene and window decide when it observes.
   *
   * @return the node, or null for a property that observes until closed
   */
  @Override
  public @Nullable Object getBean() {
    return node;
  }

  /**
   * Its name: the query's key.
   *
   * @return such as {@code "query [\"todos\"]"}
   */
  @Override
  public String getName() {
    return "query " + key;
  }

  /**
   * The data, or null while there is none; follows the result.
   *
   * @return a binding of {@link QueryResult#data()}
   */
  public ObjectBinding<@Nullable T> data() {
    if (data == null) {
      data = Bindings.createObjectBinding(() -> result.data(), this);
    }
    return data;
  }

  /**
   * Whether the first fetch runs with no data yet (a spinner's visibility).
   *
   * @return a binding of {@link QueryResult#isLoading()}
   */
  public BooleanBinding loading() {
    if (loading == null) {
      loading = Bindings.createBooleanBinding(() -> result.isLoading(), this);
    }
    return loading;
  }

  /**
   * Whether any fetch runs, the first or a refetch.
   *
   * @return a binding of {@link QueryResult#isFetching()}
   */
  public BooleanBinding fetching() {
    if (fetching == null) {
      fetching = Bindings.createBooleanBinding(() -> result.isFetching(), this);
    }
    return fetching;
  }

  /**
   * The error of the last failed fetch, or null; follows the result.
   *
   * @return a binding of {@link QueryResult#error()}
   */
  public ObjectBinding<@Nullable Throwable> error() {
    if (error == null) {
      error = Bindings.createObjectBinding(() -> result.error(), this);
    }
    return error;
  }

  /**
   * Whether the data is stale (older than the stale time, or invalidated).
   *
   * @return a binding of {@link QueryResult#isStale()}
   */
  public BooleanBinding stale() {
    if (stale == null) {
      stale = Bindings.createBooleanBinding(() -> result.isStale(), this);
    }
    return stale;
  }

  /**
   * Whether the query has data (a content pane's visibility).
   *
   * @return a binding of {@link QueryResult#isSuccess()}
   */
  public BooleanBinding success() {
    if (success == null) {
      success = Bindings.createBooleanBinding(() -> result.isSuccess(), this);
    }
    return success;
  }

  /**
   * Whether it observes the query now.
   *
   * @return true while observing
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public boolean isObserving() {
    FxExecutor.checkOnFxThread("QueryProperty.isObserving");
    return observer != null;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public boolean isClosed() {
    FxExecutor.checkOnFxThread("QueryProperty.isClosed");
    return lifetime.isEnded();
  }

  /**
   * Stops observing for good, and stops following the node; the value stays the last one.
   * Calling it again does nothing.
   *
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  @Override
  public void close() {
    FxExecutor.checkOnFxThread("QueryProperty.close");
    lifetime.end();
  }

  private void start() {
    LatestValue<QueryResult<T>> values = new LatestValue<>(Platform::isFxApplicationThread, Platform::runLater, this::receive);
    handOver = values;
    QueryObserver<T> opened = open.apply(values::offer);
    observer = opened;
    receive(opened.result());
  }

  private void stop() {
    LatestValue<QueryResult<T>> values = handOver;
    QueryObserver<T> open = observer;
    handOver = null;
    observer = null;
    if (values != null) {
      values.close();
    }
    if (open != null) {
      open.close();
    }
  }

  /** A new result, on the FX thread: the value changes, and whoever listens hears of it. */
  private void receive(QueryResult<T> next) {
    if (!next.equals(result)) {
      result = next;
      fireValueChangedEvent();
    }
  }

  @Override
  public String toString() {
    return "QueryProperty{" + key + (lifetime.isEnded() ? ", closed}" : observer != null ? ", observing}" : ", waiting}");
  }
}
