package dev.querycache;

import dev.querycache.collection.ActionWrites;
import dev.querycache.collection.CollectionBuilder;
import dev.querycache.collection.OptimisticAction;
import dev.querycache.collection.OptimisticActionBuilder;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.PacedWritesBuilder;
import dev.querycache.collection.Pacing;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionBuilder;
import dev.querycache.internal.Engine;
import dev.querycache.internal.collection.CollectionDraft;
import dev.querycache.internal.collection.OptimisticActionDraft;
import dev.querycache.internal.collection.PacedWritesDraft;
import dev.querycache.internal.collection.TransactionDraft;
import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.query.ObserverCore;
import dev.querycache.internal.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The query cache's front door: reads and writes cached server data, fetches it, observes
 * it, invalidates it. One client per application (or per test), shared by every screen.
 *
 * <pre>{@code
 * QueryClient client = SwingQueries.clientBuilder().build();      // Swing: deliveries on the EDT
 * QueryOptions<List<Todo>> todos = QueryOptions.of(QueryKey.of("todos"), ctx -> api.todos());
 * QueryObserver<List<Todo>> observer = client.observe(todos, result -> render(result));
 * client.setQueryData(QueryKey.of("todos"), List.of(newTodo));   // a local write
 * client.invalidateQueries(QueryFilter.prefix("todos"));         // refetch what is shown
 * }</pre>
 *
 * <p><b>Threads.</b> Every method is thread-safe, none blocks on the network, and the UI
 * thread may call any of them. Blocking functions run on the fetch executor; listeners,
 * mutation callbacks after {@code onMutate}, toasts and mutation futures' completions on the
 * notify executor (see {@link QueryClientBuilder#notifyExecutor(java.util.concurrent.Executor,
 * java.util.function.BooleanSupplier)}
 * and the guide's Threads page); timers on the {@link Scheduler}. The state transitions of
 * one query are atomic, and every operation is a notification {@linkplain #batch(Runnable) batch}.
 *
 * <p><b>Misses.</b> Reads return {@link Optional}: a query may not be cached (never fetched,
 * or garbage-collected after its gc time).
 *
 * @since 0.1.0
 */
public final class QueryClient implements AutoCloseable {
  final Engine engine;

  QueryClient(QueryClientBuilder builder) {
    this.engine = new Engine(builder.engineConfig(), run -> new RunScope(this, run));
  }

  /**
   * Starts building a client; everything has a default (system time, a daemon fetch pool,
   * synchronous notification).
   *
   * @return a builder
   */
  public static QueryClientBuilder builder() {
    return new QueryClientBuilder();
  }

  /**
   * A client with every default.
   * @return a new client
   */
  public static QueryClient create() {
    return builder().build();
  }

  // ---- reading and writing ---------------------------------------------------------------

  /**
   * The data cached under {@code key}.
   *
   * @param key the exact key
   * @param <T> the type of the data
   * @return the data, or empty if the query is not cached or has no data yet
   * @throws NullPointerException if {@code key} is null
   */
  public <T> Optional<T> getQueryData(QueryKey<T> key) {
    Objects.requireNonNull(key, "key == null");
    Query<T> query = engine.queries.cache.get(key);
    return query == null ? Optional.empty() : Optional.ofNullable(query.state().data());
  }

  /**
   * The whole state of the query cached under {@code key}.
   *
   * @param key the exact key
   * @param <T> the type of the data
   * @return the state, or empty if the query is not cached
   * @throws NullPointerException if {@code key} is null
   */
  public <T> Optional<QueryState<T>> getQueryState(QueryKey<T> key) {
    Objects.requireNonNull(key, "key == null");
    Query<T> query = engine.queries.cache.get(key);
    return query == null ? Optional.empty() : Optional.of(query.state());
  }

  /**
   * Writes {@code data} under {@code key}, creating the query if needed. The write is
   * immediate: observers are told (unless the data equals what was there), the data counts
   * as fresh from now, and a fetch in flight goes on (its result lands when it arrives).
   *
   * <p>With optimistic layers on the query, {@code data} becomes the confirmed data: the
   * layers of runs that already succeeded leave (data written after a success is taken to
   * include it, as a fetch started after it would: the server's answer written in
   * {@code onSuccess}, a push), and the pending runs' patches are applied again on top.
   *
   * @param key the exact key
   * @param data the new data
   * @param <T> the type of the data
   * @return the data now stored: {@code data}, or the old reference if equal (structural
   *     sharing)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   * @throws IllegalArgumentException if the data does not fit the data class of the key or of
   *     the query cached under it ({@link QueryKey#withDataType}); nothing is written
   */
  public <T> T setQueryData(QueryKey<T> key, T data) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(data, "data == null");
    engine.runtime.checkOpen();
    return engine.queries.writes.set(key, data);
  }

  /**
   * Writes the result of {@code updater} applied to the current data (null if none): the
   * updater form of TanStack's {@code setQueryData}, named apart so that Java can tell a value
   * from a function. A null result leaves the cache unchanged and creates nothing. If another
   * thread changes the data while the updater runs, the updater runs again on the newer data,
   * so no concurrent update is lost: keep it free of side effects. It runs on the calling
   * thread, outside any lock.
   *
   * <p>With optimistic layers on the query, the updater is given the confirmed data with the
   * changes of the runs that already succeeded (what the server is believed to hold), its
   * result replaces those runs' layers as {@link #setQueryData} does, and the pending runs'
   * patches are applied again on top.
   *
   * @param key the exact key
   * @param updater maps the current data (or null) to the new data (or null for no change)
   * @param <T> the type of the data
   * @return the data now stored, or empty if there is none
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   * @throws IllegalArgumentException if the data does not fit the data class of the key or of
   *     the query cached under it ({@link QueryKey#withDataType}); nothing is written
   */
  public <T> Optional<T> updateQueryData(QueryKey<T> key, UnaryOperator<@Nullable T> updater) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(updater, "updater == null");
    engine.runtime.checkOpen();
    return engine.queries.writes.update(key, updater);
  }

  /**
   * The data of every query {@code filter} selects that has data.
   *
   * @param filter which queries
   * @return an immutable map from key to data, in no particular order
   * @throws NullPointerException if {@code filter} is null
   */
  public Map<QueryKey<?>, Object> getQueriesData(QueryFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return engine.queries.dataOf(filter);
  }

  /**
   * Applies {@code updater} to the data of every query {@code filter} selects that has data,
   * as {@link #updateQueryData(QueryKey, UnaryOperator)} does for one. The updater runs on
   * every selected query first and the writes follow, so an updater that throws (a
   * {@link ClassCastException} from a query holding another type than the caller vouched for,
   * say) changes no query: the exception propagates with the cache as it was. Only a query
   * changed by another thread in between has the updater run again on its newer data.
   * Observers hear of all the changes as one batch.
   *
   * @param filter which queries
   * @param updater maps data to new data (or null to leave a query unchanged)
   * @param <T> the type of the selected queries' data
   * @return the new data by key, for the queries that changed
   * @throws NullPointerException if an argument is null
   * @throws RuntimeException whatever the updater throws, with no query changed
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   * @throws IllegalArgumentException if the data does not fit the data class of the key or of
   *     the query cached under it ({@link QueryKey#withDataType}); nothing is written
   */
  public <T> Map<QueryKey<?>, T> setQueriesData(QueryFilter filter, UnaryOperator<T> updater) {
    Objects.requireNonNull(filter, "filter == null");
    Objects.requireNonNull(updater, "updater == null");
    engine.runtime.checkOpen();
    return engine.queries.writes.updateAll(filter, updater);
  }

  // ---- fetching --------------------------------------------------------------------------

  /**
   * Returns the data of {@code options}' key: the cached data if it is fresh by the options'
   * stale time, else the result of a fetch (joining one in flight). The query is cached
   * either way. As in TanStack Query, an imperative fetch does not retry unless a retry
   * policy was set for it: by these options, a {@linkplain #setQueryDefaults prefix default}
   * or the client's {@linkplain QueryClientBuilder#defaults defaults} (a fetch in flight that it joins
   * keeps its own policy).
   *
   * @param options what to fetch and how
   * @param <T> the type of the data
   * @return a future of the data; it fails with the query function's error (its last one if
   *     retries were asked for), or with a {@link java.util.concurrent.CancellationException}
   *     if the fetch is cancelled. Completes on the thread that completes the fetch.
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public <T> CompletableFuture<T> fetchQuery(QueryOptions<T> options) {
    Objects.requireNonNull(options, "options == null");
    engine.runtime.checkOpen();
    return engine.queries.fetchUnlessFresh(options);
  }

  /**
   * Like {@link #fetchQuery(QueryOptions)}, for warming the cache: the future never fails.
   *
   * @param options what to fetch and how
   * @return a future that completes (normally) when the data is cached or the fetch failed
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public CompletableFuture<Void> prefetchQuery(QueryOptions<?> options) {
    return fetchQuery(options).handle((data, error) -> null);
  }

  /**
   * Returns the cached data if there is any, fresh or stale, else fetches it.
   *
   * @param options what to fetch and how
   * @param <T> the type of the data
   * @return a future of the data, failing as {@link #fetchQuery(QueryOptions)}'s does
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public <T> CompletableFuture<T> ensureQueryData(QueryOptions<T> options) {
    return ensureQueryData(options, false);
  }

  /**
   * As {@link #ensureQueryData(QueryOptions)}; with {@code revalidateIfStale}, cached data
   * that is stale by {@code options} is returned at once and refetched in the background (as
   * {@link #prefetchQuery}), as TanStack Query's {@code revalidateIfStale}.
   *
   * @param options what to fetch and how
   * @param revalidateIfStale whether to refetch stale cached data in the background
   * @param <T> the type of the data
   * @return a future of the data
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public <T> CompletableFuture<T> ensureQueryData(QueryOptions<T> options, boolean revalidateIfStale) {
    Objects.requireNonNull(options, "options == null");
    engine.runtime.checkOpen();
    Optional<T> cached = getQueryData(options.key());
    if (cached.isEmpty()) {
      return fetchQuery(options);
    }
    if (revalidateIfStale) {
      prefetchQuery(options); // answers at once with the cached data if it is fresh
    }
    return CompletableFuture.completedFuture(cached.get());
  }

  /**
   * Marks every query {@code filter} selects invalid (stale whatever its stale time), then
   * refetches the active ones among them whose observers are enabled; a fetch already in
   * flight for a query with data is replaced, since it may have started before the change
   * that made the data invalid. Inactive queries refetch when next observed.
   *
   * @param filter which queries
   * @return a future that completes when those refetches end, successfully or not; it never
   *     fails
   * @throws NullPointerException if {@code filter} is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public CompletableFuture<Void> invalidateQueries(QueryFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    engine.runtime.checkOpen();
    return engine.queries.invalidateAll(List.of(filter), false);
  }

  /**
   * Marks every query {@code filter} selects invalid, then refetches those {@code type}
   * names, replacing or joining fetches in flight as {@code how} says (TanStack Query's
   * {@code refetchType}, {@code cancelRefetch} and {@code throwOnError}). Static queries are
   * marked and never refetched.
   *
   * @param filter which queries
   * @param type which of them refetch at once
   * @param how fetches in flight and failures
   * @return a future that completes when those refetches end; it fails only with
   *     {@code how.throwOnError()}, with a refetch's failure
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public CompletableFuture<Void> invalidateQueries(QueryFilter filter, RefetchType type, RefetchOptions how) {
    Objects.requireNonNull(filter, "filter == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(how, "how == null");
    engine.runtime.checkOpen();
    return engine.queries.invalidateAll(List.of(filter), false, type, how);
  }

  /**
   * Refetches every query {@code filter} selects that can fetch (has a function, and is
   * either unobserved or has an enabled observer). Fetches in flight for queries with data
   * are replaced.
   *
   * @param filter which queries
   * @return a future that completes when the refetches end; it never fails
   * @throws NullPointerException if {@code filter} is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public CompletableFuture<Void> refetchQueries(QueryFilter filter) {
    return refetchQueries(filter, RefetchOptions.defaults());
  }

  /**
   * As {@link #refetchQueries(QueryFilter)}, replacing or joining fetches in flight, and
   * failing or not, as {@code how} says.
   *
   * @param filter which queries
   * @param how fetches in flight and failures
   * @return a future that completes when the refetches end; it fails only with
   *     {@code how.throwOnError()}, with a refetch's failure
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public CompletableFuture<Void> refetchQueries(QueryFilter filter, RefetchOptions how) {
    Objects.requireNonNull(filter, "filter == null");
    Objects.requireNonNull(how, "how == null");
    engine.runtime.checkOpen();
    return engine.queries.refetch(filter, how);
  }

  /**
   * Cancels the fetches in flight of every query {@code filter} selects. Each cancelled
   * query's fetch status goes back to what it was before that fetch began (idle, with its
   * earlier failure count); its data, status and error are untouched (a fetch changes them
   * only when it lands, and a cancelled one never lands: its late result is discarded even if
   * the query function ignored the signal). Cancellation is silent: it is not an error.
   * Those waiting on the fetch get a {@link java.util.concurrent.CancellationException}.
   *
   * @param filter which queries
   * @throws NullPointerException if {@code filter} is null
   */
  public void cancelQueries(QueryFilter filter) {
    cancelQueries(filter, true);
  }

  /**
   * As {@link #cancelQueries(QueryFilter)}; with {@code revert} false, a cancelled query does
   * not go back to its state before the fetch: it ends in error, holding a
   * {@link java.util.concurrent.CancellationException} (its data, if any, stays), as
   * TanStack Query's {@code revert: false}; its waiters get the cancellation either way.
   *
   * @param filter which queries
   * @param revert whether each cancelled query goes back to its state before the fetch
   * @throws NullPointerException if {@code filter} is null
   */
  public void cancelQueries(QueryFilter filter, boolean revert) {
    Objects.requireNonNull(filter, "filter == null");
    engine.queries.cancel(filter, revert);
  }

  /**
   * Removes every query {@code filter} selects from the cache, cancelling its fetch. Observers
   * of a removed query stay open and move to a new, empty query for the same key (they do not
   * fetch by themselves until told to).
   *
   * @param filter which queries
   * @throws NullPointerException if {@code filter} is null
   */
  public void removeQueries(QueryFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    engine.queries.remove(filter);
  }

  /**
   * Puts every query {@code filter} selects back in its initial state (no data, pending),
   * cancelling its fetch, then refetches the active ones as
   * {@link #invalidateQueries(QueryFilter)} does.
   *
   * @param filter which queries
   * @return a future that completes when the refetches end; it never fails
   * @throws NullPointerException if {@code filter} is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public CompletableFuture<Void> resetQueries(QueryFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    engine.runtime.checkOpen();
    return engine.queries.reset(filter);
  }

  /**
   * How many queries {@code filter} selects are fetching now (not paused).
   *
   * @param filter which queries
   * @return the count
   * @throws NullPointerException if {@code filter} is null
   */
  public int isFetching(QueryFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return engine.queries.fetchingCount(filter);
  }

  /**
   * Snapshots of the queries {@code filter} selects, for inspectors and debugging.
   *
   * @param filter which queries
   * @return an immutable list, in no particular order
   * @throws NullPointerException if {@code filter} is null
   */
  public List<CachedQuery<?>> getQueries(QueryFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return engine.queries.snapshots(filter);
  }

  // ---- observing -------------------------------------------------------------------------

  /**
   * Opens an observer of {@code options}' key that calls {@code listener} with each new
   * result, and fetches if the data is missing or stale (unless disabled). Close it when the
   * screen goes away.
   *
   * @param options what to observe, fetch and how
   * @param listener receives results on the notify executor
   * @param <T> the type of the data
   * @return the open observer
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public <T> QueryObserver<T> observe(QueryOptions<T> options, Consumer<? super QueryResult<T>> listener) {
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    return open(options, null, listener);
  }

  /**
   * Opens an observer, as {@link #observe(QueryOptions, Consumer)} does, that shows
   * {@code select}'s projection of the data instead of the data: the unread count of a page,
   * one row of a list, a sorted or filtered view. TanStack Query's {@code select}.
   *
   * <ul>
   *   <li>The function runs on the notify executor (or on the thread reading
   *       {@link QueryObserver#result()}), never under a lock of the library, once per piece
   *       of data: again only when the data changes (the cache keeps the reference of data a
   *       refetch left equal) or the observer gets another function. Pass a function kept in
   *       a field, not a new lambda per {@code setOptions}, to keep the memo.
   *   <li>Its projection is structurally shared with the one before (unless the options turn
   *       {@code structuralSharing} off): an equal projection keeps the old reference, so a
   *       screen can tell by identity that nothing it shows changed.
   *   <li>It also projects placeholder data.
   *   <li>If it throws, or gives {@code null}, the observer's result is an error holding that
   *       failure (a {@link NullPointerException} for {@code null}) with the last projection
   *       it gave as the data; the query and other observers are unaffected, and the next
   *       data runs the function again. While there is no data it does not run.
   * </ul>
   *
   * @param options what to observe, fetch and how
   * @param select the projection to show; must not give {@code null}
   * @param listener receives results of the projection on the notify executor
   * @param <T> the type of the query's data
   * @param <R> the type of the projection
   * @return the open observer, showing the projection
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public <T, R> QueryObserver<R> observe(
      QueryOptions<T> options, Function<? super T, ? extends R> select, Consumer<? super QueryResult<R>> listener) {
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(select, "select == null");
    Objects.requireNonNull(listener, "listener == null");
    return open(options, select, listener);
  }

  /**
   * Opens an observer of an infinite query, which loads more pages on demand
   * ({@link InfiniteQueryObserver#fetchNextPage()}) and tells whether there are more; it
   * fetches the first page if there is none, as {@link #observe(QueryOptions, Consumer)}
   * does. Close it when the screen goes away.
   *
   * @param options what to observe, how to fetch a page and how to find the next one
   * @param listener receives results on the notify executor
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return the open observer
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is {@linkplain #close() closed}
   */
  public <P, Q> InfiniteQueryObserver<P, Q> observeInfinite(
      InfiniteQueryOptions<P, Q> options, Consumer<? super InfiniteQueryResult<P, Q>> listener) {
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(listener, "listener == null");
    engine.runtime.checkOpen();
    InfiniteQueryObserver<P, Q> observer = new InfiniteQueryObserver<>(engine.queries, options, listener);
    observer.open();
    return observer;
  }

  @SuppressWarnings("unchecked") // the core gives the listener results of what select gives (T if none)
  private <T, R> QueryObserver<R> open(
      QueryOptions<T> options, @Nullable Function<? super T, ? extends R> select, Consumer<? super QueryResult<R>> listener) {
    engine.runtime.checkOpen();
    Consumer<? super QueryResult<?>> shown = (Consumer<? super QueryResult<?>>) (Consumer<?>) listener;
    ObserverCore<T> core = new ObserverCore<>(engine.queries, options, select, shown);
    core.open();
    return new QueryObserver<>(core);
  }

  // ---- mutations -------------------------------------------------------------------------

  /**
   * Starts building a mutation whose function blocks (it runs on the fetch executor).
   *
   * @param function the write
   * @param <V> the variables
   * @param <R> the server's result
   * @return a builder for a plain mutation; see {@link MutationBuilder#optimistic} for an
   *     optimistic one
   * @throws NullPointerException if {@code function} is null
   */
  public <V, R> MutationBuilder<V, R, Void> mutation(MutationFunction<V, R> function) {
    Objects.requireNonNull(function, "function == null");
    return new MutationBuilder<>(this, MutationConfig.Draft.blocking(function));
  }

  /**
   * Starts building a mutation whose blocking function answers nothing, such as
   * {@code api::delete} for {@code void delete(String id)}: a run succeeds when it returns, its
   * future completes with {@code null}, and {@code onSuccess} gets {@code null}.
   *
   * @param function the write
   * @param <V> the variables
   * @return a builder for a plain mutation; see {@link MutationBuilder#optimistic} for an
   *     optimistic one
   * @throws NullPointerException if {@code function} is null
   */
  public <V> MutationBuilder<V, Void, Void> voidMutation(VoidMutationFunction<V> function) {
    Objects.requireNonNull(function, "function == null");
    return new MutationBuilder<>(this, MutationConfig.Draft.resultless(function));
  }

  /**
   * Starts building a mutation whose function returns a stage (it must not block).
   *
   * @param function the write
   * @param <V> the variables
   * @param <R> the server's result
   * @return a builder for a plain mutation; see {@link MutationBuilder#optimistic} for an
   *     optimistic one
   * @throws NullPointerException if {@code function} is null
   */
  public <V, R> MutationBuilder<V, R, Void> asyncMutation(AsyncMutationFunction<V, R> function) {
    Objects.requireNonNull(function, "function == null");
    return new MutationBuilder<>(this, MutationConfig.Draft.async(function));
  }

  /**
   * Starts building a keyed collection of {@code source}'s rows: the rows of a query whose
   * data is a list, by key, with inserts, updates and deletes that show at once and persist
   * through the collection's handlers, each in a transaction (see {@link QueryCollection}).
   * The collection observes the query from {@code build()} until it is closed.
   *
   * @param source the query of the rows
   * @param keyOf a row's key: never null, never changed by an update
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return a builder
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is closed
   */
  public <K, R> CollectionBuilder<K, R> collection(QueryOptions<List<R>> source, Function<? super R, ? extends K> keyOf) {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(keyOf, "keyOf == null");
    engine.runtime.checkOpen();
    return new CollectionDraft<>(engine.mutations, source, keyOf, options -> observe(options, result -> {}));
  }

  /**
   * Starts building a transaction: writes to rows of this client's collections and to plain
   * queries that show at once, merge row by row, and persist together through the handler
   * given to the builder (see {@link Transaction}).
   *
   * @return a builder
   * @throws IllegalStateException if the client is closed
   */
  public TransactionBuilder transaction() {
    engine.runtime.checkOpen();
    return new TransactionDraft(engine.mutations);
  }

  /**
   * Starts building an optimistic action (TanStack DB's {@code createOptimisticAction}): each
   * call shows {@code writes} for its variables at once, in a transaction of its own, then
   * persists them through the handler given to the builder (see {@link OptimisticAction}).
   *
   * @param writes what a call shows, written synchronously through the transaction's handle
   * @param <V> the type of the variables
   * @return a builder
   * @throws NullPointerException if {@code writes} is null
   * @throws IllegalStateException if the client is closed
   */
  public <V> OptimisticActionBuilder<V> optimisticAction(ActionWrites<V> writes) {
    Objects.requireNonNull(writes, "writes == null");
    engine.runtime.checkOpen();
    return new OptimisticActionDraft<>(engine.mutations, writes);
  }

  /**
   * Starts building paced writes (TanStack DB's {@code createPacedMutations}): each call shows
   * {@code writes} for its variables at once, and {@code pacing} decides when they are sent: a
   * debounce or a throttle gathers a burst of calls into one transaction, a queue sends each
   * call's transaction in turn; one transaction persists at a time (see {@link PacedWrites}).
   *
   * @param pacing how the calls are sent
   * @param writes what a call shows, written synchronously through the transaction's handle
   * @param <V> the type of the variables
   * @return a builder
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the client is closed
   */
  public <V> PacedWritesBuilder<V> pacedWrites(Pacing pacing, ActionWrites<V> writes) {
    Objects.requireNonNull(pacing, "pacing == null");
    Objects.requireNonNull(writes, "writes == null");
    engine.runtime.checkOpen();
    return new PacedWritesDraft<>(engine.mutations, pacing, writes);
  }

  /**
   * How many runs {@code filter} selects are pending.
   *
   * @param filter which runs
   * @return the count
   * @throws NullPointerException if {@code filter} is null
   */
  public int isMutating(MutationFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return engine.mutations.runs.find(filter.pending()).size();
  }

  /**
   * The states of the runs {@code filter} selects, oldest first: the pending ones and the
   * settled ones within their mutation's gc time (5 minutes by default; see
   * {@link AbstractMutationBuilder#gcTime}). For UIs that render pending items
   * ({@code getMutations(MutationFilter.key(k).pending())}) and for inspectors.
   *
   * @param filter which runs
   * @return an immutable list
   * @throws NullPointerException if {@code filter} is null
   */
  public List<MutationState<?, ?, ?>> getMutations(MutationFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return List.copyOf(engine.mutations.runs.find(filter));
  }

  /**
   * The client as seen by one plugin: keys in the plugin's shape and mutations that
   * invalidate the plugin's queries on success.
   *
   * @param name the plugin's name, the first part of its keys
   * @return the plugin scope
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public PluginScope plugin(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a plugin name must not be blank");
    }
    return new PluginScope(this, name);
  }

  /**
   * Calls {@code listener} whenever anything in the cache changes: a query's state (data,
   * status, fetch status, layers), a query added or removed, a mutation run's state. Calls
   * are coalesced like observers' (a burst of changes is one call) and run on the notify
   * executor; the listener reads what it needs with {@link #getQueries} and
   * {@link #getMutations}. Meant for inspectors and devtools.
   *
   * @param listener called after changes
   * @return closing it stops the calls
   * @throws NullPointerException if {@code listener} is null
   */
  public AutoCloseable onCacheChange(Runnable listener) {
    Objects.requireNonNull(listener, "listener == null");
    return engine.queries.addCacheListener(listener);
  }

  /**
   * Calls {@code listener} with every transition of a cached query's state from now on, one
   * {@link QueryEvent} each, uncoalesced, in order, on the notify executor, and with the
   * events of queries entering and leaving the cache and of their observers (see
   * {@link QueryEvent} for what is reported and how). For devtools' timelines, for tests that
   * read a cache's history, and for code that limits the cache by its own rule.
   *
   * @param listener called with each event
   * @return closing it stops the calls (events already queued for it are dropped)
   * @throws NullPointerException if {@code listener} is null
   */
  public AutoCloseable onQueryEvent(Consumer<? super QueryEvent<?>> listener) {
    return engine.queries.addEventListener(listener);
  }

  // ---- defaults --------------------------------------------------------------------------

  /**
   * Sets default settings for every query whose key {@code prefix} matches (partially, as a
   * prefix filter does). Several prefixes may match one key: they apply in the order they
   * were first set, later ones winning; setting a prefix again replaces its settings in
   * place. Options passed with a call win over every default. Affects queries resolved from
   * now on.
   *
   * @param prefix the key prefix
   * @param settings the defaults
   * @throws NullPointerException if an argument is null
   */
  public void setQueryDefaults(QueryKey<?> prefix, QuerySettings settings) {
    Objects.requireNonNull(prefix, "prefix == null");
    Objects.requireNonNull(settings, "settings == null");
    engine.queries.defaults.set(prefix, settings);
  }

  /**
   * The defaults that apply to {@code key}: the client's, then each matching prefix's.
   *
   * @param key a key
   * @return the merged settings (unset means built-in default)
   * @throws NullPointerException if {@code key} is null
   */
  public QuerySettings getQueryDefaults(QueryKey<?> key) {
    Objects.requireNonNull(key, "key == null");
    return engine.queries.defaults.get(key);
  }

  // ---- focus, connectivity, batching ------------------------------------------------------

  /**
   * Tells the client whether the application's window has focus. Regaining it refetches the
   * observed queries whose observers' {@code refetchOnWindowFocus} rule says so (by default,
   * the stale ones). The UI modules call this from window events.
   *
   * @param focused whether a window of the application is focused
   */
  public void focusChanged(boolean focused) {
    engine.focusChanged(focused);
  }

  /**
   * Whether the client believes a window has focus.
   *
   * @return the last value given to {@link #focusChanged(boolean)} (initially true)
   */
  public boolean isFocused() {
    return engine.runtime.focus.isFocused();
  }

  /**
   * Tells the client whether the network is reachable. Going offline pauses fetches at their
   * next attempt ({@link FetchStatus#PAUSED}); coming back resumes them and refetches the
   * observed queries whose {@code refetchOnReconnect} rule says so.
   *
   * @param online whether the server can be reached
   */
  public void onlineChanged(boolean online) {
    engine.onlineChanged(online);
  }

  /**
   * Whether the client believes the network is reachable.
   *
   * @return the last value given to {@link #onlineChanged(boolean)} (initially true unless
   *     built otherwise)
   */
  public boolean isOnline() {
    return engine.runtime.online.isOnline();
  }

  /**
   * Runs {@code changes} as one notification batch: every observer affected by the changes is
   * told once, after {@code changes} returns, with the latest result.
   *
   * @param changes calls on this client
   * @throws NullPointerException if {@code changes} is null
   */
  public void batch(Runnable changes) {
    Objects.requireNonNull(changes, "changes == null");
    engine.runtime.notifier.batch(changes);
  }

  /**
   * Shuts the client down, settling everything at once. Every pending mutation run ends
   * cancelled: its layers are removed and its future fails, on the notify executor, with a
   * {@link java.util.concurrent.CancellationException}; no callback, toast or settle
   * invalidation follows (a run whose function already answered finishes its settle, without
   * refetching). Every fetch in flight or paused offline is cancelled, and the fetch pool the
   * client created is stopped (one given to the builder is left running; the client's tasks
   * on it are interrupted).
   *
   * <p>After close the cache stays readable, and {@code cancelQueries}, {@code removeQueries},
   * {@code batch} and the focus and connectivity notices still work; every call that would
   * write, fetch, observe or run a mutation throws an {@link IllegalStateException}.
   * Idempotent; thread-safe.
   */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return engine.runtime.isClosed();
  }

  /**
   * The client's source of time, which every timestamp in a {@link QueryState} reads: for
   * showing how old data is ("updated 3 s ago") on the same clock.
   *
   * @return the ticker the client was built with
   */
  public Ticker ticker() {
    return engine.runtime.ticker;
  }
}
