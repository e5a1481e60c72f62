package dev.querycache.test;

import dev.querycache.CachedQuery;
import dev.querycache.QueryClient;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryState;
import dev.querycache.collection.QueryCollection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Records every visible change of the queries a test cares about, so that the test asserts
 * the sequence a screen went through, not only where it ended:
 *
 * <pre>{@code
 * TransitionRecorder recorder = new TransitionRecorder(client);
 * TransitionLog<Page> screen = recorder.observe(pageOptions, page -> page.isRead("n1") ? "n1 read" : "n1 unread");
 * ... mutate, fail the server, complete the refetch ...
 * screen.assertSequence("loading", "fetched: n1 unread", "optimistic: n1 read",
 *     "rolled back: n1 unread", "refetched: n1 unread");
 * }</pre>
 *
 * <p>Three ways to record:
 *
 * <ul>
 *   <li>{@link #observe(QueryOptions, Function)} opens an observer with those options, exactly
 *       as a screen would: it fetches when the data is missing or stale, keeps the query in the
 *       cache, makes it active (so that invalidations refetch it), and records each result it
 *       receives, and the query's removal ({@code removeQueries}), after which the observer
 *       follows the empty query that replaces it.
 *   <li>{@link #watch(QueryKey, Function)} records one key without touching it: no observer,
 *       no fetch; it follows the cache through {@link QueryClient#onCacheChange(Runnable)}. It
 *       also records the query's removal.
 *   <li>{@link #watch(QueryFilter, Function)} records, in the same passive way, every query the
 *       filter selects, including those that appear later, and the removal of those it saw.
 *   <li>{@link #rows(QueryCollection, Function)} records the row changes of a keyed
 *       collection, row by row, as a table receives them (a {@link RowLog}).
 * </ul>
 *
 * <p>One transition is recorded per change of a query's state that reaches listeners. The
 * client batches notifications: the changes made by one operation (a whole {@code mutate}, one
 * settled server call) reach listeners as one change, carrying the final state; a
 * {@link Transition}'s label names what that change did. Changes of staleness by time alone
 * are not state changes and are not recorded. Read each key's transitions with
 * {@link #of(QueryKey)}, all of them in order with {@link #transitions()}.
 *
 * <p>Describe functions turn data into the words a test asserts ("n1 read"); without one, the
 * data's {@code toString()} is used. A describe function that throws is recorded as such and
 * does not stop the recording.
 *
 * <p>{@link #close()} closes the observers and stops the recording. Thread-safe; recording
 * runs on the client's notify executor.
 *
 * @since 0.1.0
 */
public final class TransitionRecorder implements AutoCloseable {
  private final QueryClient client;
  private final Object lock = new Object();
  private final Object polling = new Object(); // one poll at a time, so states are recorded in order
  private final Map<QueryKey<?>, TransitionLog<?>> logs = new LinkedHashMap<>(); // guarded by lock
  private final Set<QueryKey<?>> registered = new HashSet<>(); // keys observed or watched; guarded by lock
  private final List<QueryKey<?>> watchedKeys = new ArrayList<>(); // guarded by lock
  private final List<FilterWatch> watchedFilters = new ArrayList<>(); // guarded by lock
  private final List<QueryObserver<?>> observers = new ArrayList<>(); // guarded by lock
  private final Set<QueryKey<?>> observedKeys = new HashSet<>(); // guarded by lock
  private final List<Transition<?>> all = new ArrayList<>(); // guarded by lock
  private @Nullable AutoCloseable cacheListener; // guarded by lock
  private @Nullable AutoCloseable removalListener; // guarded by lock
  private final List<AutoCloseable> rowListeners = new ArrayList<>(); // guarded by lock
  private boolean closed; // guarded by lock

  /** A filter being watched, and the describe function of the logs it feeds. */
  private static final class FilterWatch {
    final QueryFilter filter;
    final Function<Object, ?> describe;

    FilterWatch(QueryFilter filter, Function<Object, ?> describe) {
      this.filter = filter;
      this.describe = describe;
    }
  }

  /**
   * A recorder of {@code client}'s queries, recording nothing until told what to record.
   *
   * @param client the client to record
   * @throws NullPointerException if {@code client} is null
   */
  public TransitionRecorder(QueryClient client) {
    this.client = Objects.requireNonNull(client, "client == null");
  }

  /**
   * Opens an observer with {@code options}, as a screen would, and records every result it
   * receives; the data is described with its {@code toString()}.
   *
   * @param options the options of the query, as the screen passes them
   * @param <T> the type of the data
   * @return the log of the options' key
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalStateException if the key is already observed or watched by this recorder,
   *     or the recorder is closed
   */
  public <T> TransitionLog<T> observe(QueryOptions<T> options) {
    return observe(options, String::valueOf);
  }

  /**
   * Opens an observer with {@code options}, as a screen would, and records every result it
   * receives, describing the data with {@code describe}. The observer stays open until the
   * recorder is closed.
   *
   * @param options the options of the query, as the screen passes them
   * @param describe turns the data into the words the test asserts
   * @param <T> the type of the data
   * @return the log of the options' key
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the key is already observed or watched by this recorder,
   *     or the recorder is closed
   */
  public <T> TransitionLog<T> observe(QueryOptions<T> options, Function<? super T, ?> describe) {
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(describe, "describe == null");
    TransitionLog<T> log = register(options.key(), describe);
    QueryObserver<T> observer;
    try {
      observer = client.observe(options, result -> {
        if (isOpen()) {
          log.record(result.state());
        }
      });
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        registered.remove(options.key());
      }
      throw e;
    }
    synchronized (lock) {
      observers.add(observer);
      observedKeys.add(options.key());
      if (removalListener == null) {
        removalListener = client.onQueryEvent(this::recordRemovalOfObserved);
      }
    }
    return log;
  }

  /**
   * Records the changes of {@code collection}'s rows, each row described with its
   * {@code toString()}; see {@link #rows(QueryCollection, Function)}.
   *
   * @param collection the collection
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return the log of the collection's rows, empty
   * @throws NullPointerException if {@code collection} is null
   * @throws IllegalStateException if the recorder is closed
   */
  public <K, R> RowLog<K, R> rows(QueryCollection<K, R> collection) {
    return rows(collection, String::valueOf);
  }

  /**
   * Records the changes of {@code collection}'s rows from now on, one entry per change of what
   * it shows, describing each row with {@code describe} (see {@link RowLog}). The collection is
   * listened to until the recorder is closed.
   *
   * @param collection the collection
   * @param describe turns a row into the words the test asserts
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return the log of the collection's rows, empty
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the recorder is closed
   */
  public <K, R> RowLog<K, R> rows(QueryCollection<K, R> collection, Function<? super R, ?> describe) {
    Objects.requireNonNull(collection, "collection == null");
    Objects.requireNonNull(describe, "describe == null");
    RowLog<K, R> log = new RowLog<>(collection, describe);
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the recorder is closed");
      }
      rowListeners.add(collection.onChange(changes -> {
        if (isOpen()) {
          log.record(changes);
        }
      }));
    }
    return log;
  }

  /**
   * Records {@code key}'s changes without observing it; the data is described with its
   * {@code toString()}.
   *
   * @param key the key
   * @param <T> the type of the data
   * @return the log of the key, holding the current state if the query is cached
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the key is already observed or watched by this recorder,
   *     or the recorder is closed
   */
  public <T> TransitionLog<T> watch(QueryKey<T> key) {
    return watch(key, String::valueOf);
  }

  /**
   * Records {@code key}'s changes without observing it (no fetch, no effect on the query),
   * describing the data with {@code describe}.
   *
   * @param key the key
   * @param describe turns the data into the words the test asserts
   * @param <T> the type of the data
   * @return the log of the key, holding the current state if the query is cached
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the key is already observed or watched by this recorder,
   *     or the recorder is closed
   */
  public <T> TransitionLog<T> watch(QueryKey<T> key, Function<? super T, ?> describe) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(describe, "describe == null");
    TransitionLog<T> log = register(key, describe);
    synchronized (lock) {
      watchedKeys.add(key);
      listenToCache();
    }
    poll();
    return log;
  }

  /**
   * Records the changes of every query {@code filter} selects, now or later, without observing
   * them; the data is described with its {@code toString()}.
   *
   * @param filter which queries
   * @throws NullPointerException if {@code filter} is null
   * @throws IllegalStateException if the recorder is closed
   */
  public void watch(QueryFilter filter) {
    watch(filter, String::valueOf);
  }

  /**
   * Records the changes of every query {@code filter} selects, now or later, without observing
   * them, describing the data with {@code describe}. A query that stops matching (without
   * leaving the cache) is no longer recorded; one that leaves the cache is recorded as
   * removed. Keys observed or watched one by one keep their own recording.
   *
   * @param filter which queries
   * @param describe turns any selected query's data into the words the test asserts
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the recorder is closed
   */
  public void watch(QueryFilter filter, Function<Object, ?> describe) {
    Objects.requireNonNull(filter, "filter == null");
    Objects.requireNonNull(describe, "describe == null");
    synchronized (lock) {
      checkOpen();
      watchedFilters.add(new FilterWatch(filter, describe));
      listenToCache();
    }
    poll();
  }

  /**
   * The log of one key: of a key observed or watched, of a key a watched filter selected, or,
   * if a filter is watched, an empty log that fills if the filter selects the key later.
   *
   * @param key the key
   * @param <T> the type of the data
   * @return the live log
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if nothing recorded or could record the key; the message
   *     lists the recorded keys
   */
  @SuppressWarnings("unchecked") // a key's log holds the key's data type
  public <T> TransitionLog<T> of(QueryKey<T> key) {
    Objects.requireNonNull(key, "key == null");
    synchronized (lock) {
      TransitionLog<?> log = logs.get(key);
      if (log != null) {
        return (TransitionLog<T>) log;
      }
      if (watchedFilters.isEmpty()) {
        throw new IllegalArgumentException(
            "nothing records " + key + ": observe or watch it first; recorded keys: " + logs.keySet());
      }
      TransitionLog<T> created = newLog(key, null);
      logs.put(key, created);
      return created;
    }
  }

  /**
   * Every transition of every key, in the order recorded.
   *
   * @return an immutable list
   */
  public List<Transition<?>> transitions() {
    synchronized (lock) {
      return List.copyOf(all);
    }
  }

  /**
   * Closes the observers this recorder opened and stops recording. The logs stay readable.
   * Idempotent.
   */
  @Override
  public void close() {
    List<QueryObserver<?>> toClose;
    List<AutoCloseable> listeners;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(observers);
      listeners = new ArrayList<>();
      if (cacheListener != null) {
        listeners.add(cacheListener);
      }
      if (removalListener != null) {
        listeners.add(removalListener);
      }
      listeners.addAll(rowListeners);
      rowListeners.clear();
      cacheListener = null;
      removalListener = null;
    }
    toClose.forEach(QueryObserver::close);
    for (AutoCloseable listener : listeners) {
      try {
        listener.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop listening to the cache", e);
      }
    }
  }

  /**
   * Lists every key's transitions, for failure messages.
   *
   * @return one block per key, one line per transition
   */
  @Override
  public String toString() {
    List<TransitionLog<?>> snapshot;
    synchronized (lock) {
      snapshot = List.copyOf(logs.values());
    }
    if (snapshot.isEmpty()) {
      return "TransitionRecorder (nothing recorded)";
    }
    StringBuilder out = new StringBuilder("TransitionRecorder\n");
    snapshot.forEach(out::append);
    return out.toString();
  }

  // ---- internals -----------------------------------------------------------------------------

  private boolean isOpen() {
    synchronized (lock) {
      return !closed;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the recorder is closed");
    }
  }

  @SuppressWarnings("unchecked") // a key's log holds the key's data type
  private <T> TransitionLog<T> register(QueryKey<T> key, Function<? super T, ?> describe) {
    synchronized (lock) {
      checkOpen();
      if (!registered.add(key)) {
        throw new IllegalStateException(key + " is already observed or watched by this recorder; use of(key)");
      }
      TransitionLog<T> log = (TransitionLog<T>) logs.get(key);
      if (log == null) {
        log = newLog(key, describe);
        logs.put(key, log);
      } else {
        log.describeWith(describe); // made earlier by of(key), or fed by a filter until now
      }
      return log;
    }
  }

  private <T> TransitionLog<T> newLog(QueryKey<T> key, @Nullable Function<? super T, ?> describe) {
    return new TransitionLog<>(key, describe, lock, all::add);
  }

  /**
   * An observed query left the cache ({@code removeQueries}, or anything else that removes
   * it): its log says so before the observer's next result, from the query that replaces it.
   */
  private void recordRemovalOfObserved(QueryEvent<?> event) {
    if (event.kind() != QueryEvent.Kind.REMOVED) {
      return;
    }
    TransitionLog<?> log;
    synchronized (lock) {
      if (closed || !observedKeys.contains(event.key())) {
        return;
      }
      log = logs.get(event.key());
    }
    if (log != null) {
      log.recordRemoved();
    }
  }

  private void listenToCache() {
    if (cacheListener == null) {
      cacheListener = client.onCacheChange(this::poll);
    }
  }

  /** Reads the watched keys and filters and records what changed. */
  private void poll() {
    synchronized (polling) {
      pollNow();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // logs hold their key's data type
  private void pollNow() {
    List<QueryKey<?>> keys;
    List<FilterWatch> filters;
    synchronized (lock) {
      if (closed) {
        return;
      }
      keys = List.copyOf(watchedKeys);
      filters = List.copyOf(watchedFilters);
    }
    for (QueryKey<?> key : keys) {
      TransitionLog log = logOf(key);
      Optional<? extends QueryState<?>> state = client.getQueryState(key);
      if (state.isPresent()) {
        log.record(state.get());
      } else {
        log.recordRemoved();
      }
    }
    if (filters.isEmpty()) {
      return;
    }
    Set<QueryKey<?>> seen = new HashSet<>();
    for (FilterWatch watch : filters) {
      for (CachedQuery<?> query : client.getQueries(watch.filter)) {
        if (!seen.add(query.key()) || isRegistered(query.key())) {
          continue;
        }
        TransitionLog log = filterLog(query.key(), watch.describe);
        log.record(query.state());
      }
    }
    List<TransitionLog<?>> fedByFilters;
    synchronized (lock) {
      fedByFilters = new ArrayList<>();
      for (TransitionLog<?> log : logs.values()) {
        if (!registered.contains(log.key()) && !seen.contains(log.key()) && log.isPresent()) {
          fedByFilters.add(log);
        }
      }
    }
    for (TransitionLog<?> log : fedByFilters) {
      if (client.getQueryState(log.key()).isEmpty()) {
        log.recordRemoved();
      }
    }
  }

  private boolean isRegistered(QueryKey<?> key) {
    synchronized (lock) {
      return registered.contains(key);
    }
  }

  private TransitionLog<?> logOf(QueryKey<?> key) {
    synchronized (lock) {
      return Objects.requireNonNull(logs.get(key));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a filter's describe function takes any data
  private TransitionLog<?> filterLog(QueryKey<?> key, Function<Object, ?> describe) {
    synchronized (lock) {
      TransitionLog log = logs.get(key);
      if (log == null) {
        log = newLog((QueryKey) key, describe);
        logs.put(key, log);
      } else {
        log.describeIfUnset(describe);
      }
      return log;
    }
  }
}
