package dev.querycache.internal.ui;

import dev.querycache.QueryEvent;
import dev.querycache.QueryKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a cache inspector remembers of each query's history, whatever the toolkit: the last
 * {@link #PER_QUERY} {@link QueryEvent}s of each of the last {@link #QUERIES} queries that
 * changed, read from the client's event stream ({@code QueryClient.onQueryEvent}) while
 * connected, and which queries each of the last {@link #QUERIES} mutation runs patched.
 * Events arrive on the client's notify executor and are handed to the UI thread in bursts;
 * {@code changed} then hears which keys got events. Confined to the UI thread but for the
 * listener.
 */
public final class QueryTimeline {
  /** How many events are kept per query, the newest. */
  public static final int PER_QUERY = 200;
  /** How many queries have a history, the ones that changed last. */
  public static final int QUERIES = 1_000;

  private final Function<Consumer<? super QueryEvent<?>>, AutoCloseable> subscribe;
  private final Executor uiThread;
  private final Consumer<Set<QueryKey<?>>> changed;
  private final Queue<QueryEvent<?>> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final Map<QueryKey<?>, Deque<QueryEvent<?>>> byKey =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<QueryKey<?>, Deque<QueryEvent<?>>> eldest) {
          return size() > QUERIES;
        }
      };
  /** Which queries each mutation run patched, and what became of its layers there. */
  private final Map<String, Map<QueryKey<?>, List<QueryEvent.Kind>>> patchesBy =
      new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<QueryKey<?>, List<QueryEvent.Kind>>> eldest) {
          return size() > QUERIES;
        }
      };
  private @Nullable AutoCloseable subscription;

  /**
   * A timeline of a client's queries.
   *
   * @param subscribe the client's {@code onQueryEvent}
   * @param uiThread runs a task on the UI thread, later
   * @param changed told on the UI thread, after each burst, which keys got events
   */
  public QueryTimeline(
      Function<Consumer<? super QueryEvent<?>>, AutoCloseable> subscribe, Executor uiThread, Consumer<Set<QueryKey<?>>> changed) {
    this.subscribe = Objects.requireNonNull(subscribe, "subscribe == null");
    this.uiThread = Objects.requireNonNull(uiThread, "uiThread == null");
    this.changed = Objects.requireNonNull(changed, "changed == null");
  }

  /** Starts keeping events (from now on). UI thread. */
  public void connect() {
    if (subscription == null) {
      subscription = subscribe.apply(this::arrive);
    }
  }

  /** Stops keeping events; what was kept stays. UI thread. */
  public void disconnect() {
    AutoCloseable open = subscription;
    subscription = null;
    arrived.clear();
    if (open != null) {
      try {
        open.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop listening to the query events", e);
      }
    }
  }

  /**
   * On the notify executor: queue the event, and a drain on the EDT if none is queued. An
   * observer's new result is not kept: one per delivery, it would push the transitions out.
   */
  private void arrive(QueryEvent<?> event) {
    if (event.kind() == QueryEvent.Kind.OBSERVER_RESULT_UPDATED) {
      return;
    }
    arrived.add(event);
    if (drainQueued.compareAndSet(false, true)) {
      uiThread.execute(this::drain);
    }
  }

  /** Files what arrived under its key. UI thread. */
  void drain() {
    drainQueued.set(false);
    if (subscription == null) {
      arrived.clear();
      return;
    }
    Set<QueryKey<?>> keys = new LinkedHashSet<>();
    QueryEvent<?> event;
    while ((event = arrived.poll()) != null) {
      Deque<QueryEvent<?>> events = byKey.computeIfAbsent(event.key(), key -> new ArrayDeque<>());
      if (events.size() == PER_QUERY) {
        events.removeFirst();
      }
      events.addLast(event);
      keys.add(event.key());
      String by = event.by();
      if (by != null) {
        patchesBy.computeIfAbsent(by, run -> new LinkedHashMap<>())
            .computeIfAbsent(event.key(), key -> new ArrayList<>())
            .add(event.kind());
      }
    }
    if (!keys.isEmpty()) {
      changed.accept(keys);
    }
  }

  /**
   * The queries that the mutation run {@code by} patched, with what became of its layers on
   * each (added, rolled back, folded), in order.
   *
   * @param by the run, as {@link QueryEvent#by()} names it: {@code "archive #12"}
   * @return the patched keys, in the order the run first patched them; empty if none
   */
  public Map<QueryKey<?>, List<QueryEvent.Kind>> patchesBy(String by) {
    return patchesBy.getOrDefault(by, Map.of());
  }

  /**
   * The events kept of {@code key}, the newest first.
   *
   * @param key a query key
   * @return its events; empty if none were kept
   */
  public List<QueryEvent<?>> events(QueryKey<?> key) {
    Deque<QueryEvent<?>> events = byKey.get(key);
    if (events == null) {
      return List.of();
    }
    List<QueryEvent<?>> newestFirst = new ArrayList<>(events);
    Collections.reverse(newestFirst);
    return newestFirst;
  }
}
