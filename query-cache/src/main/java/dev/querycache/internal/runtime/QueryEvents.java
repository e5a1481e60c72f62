package dev.querycache.internal.runtime;

import dev.querycache.QueryEvent;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The client's stream of {@link QueryEvent}s. A query records each transition while it holds
 * its monitor (so one query's events queue in the order they happened), and asks for delivery
 * once it has let go: each listener then gets its events on the notify executor, in order,
 * outside every lock, isolated from what it throws. With no listener, recording is one read of
 * an empty list. A listener whose executor falls behind keeps its newest {@link #MAX_PENDING}
 * events, and is told with a log line how many it lost.
 */
public final class QueryEvents {
  /** The most events a listener may have waiting; older ones are dropped beyond it. */
  public static final int MAX_PENDING = 10_000;

  private static final System.Logger LOG = System.getLogger(QueryEvents.class.getName());

  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  /** Whether anybody listens: recording costs nothing when not. */
  public boolean isOn() {
    return !listeners.isEmpty();
  }

  /** Queues {@code event} for every listener. Called under the query's monitor. */
  public void record(QueryEvent<?> event) {
    for (Listener listener : listeners) {
      listener.offer(event);
    }
  }

  /** Delivers what is queued, on {@code notifier}'s executor. Called outside every lock. */
  public void deliver(Notifier notifier) {
    for (Listener listener : listeners) {
      if (listener.pending.get() > 0) {
        notifier.schedule(listener.channel);
      }
    }
  }

  /**
   * Adds a listener of the events recorded from now on; closing the result removes it (events
   * already queued for it are dropped).
   */
  public AutoCloseable subscribe(Consumer<? super QueryEvent<?>> consumer) {
    Listener listener = new Listener(Objects.requireNonNull(consumer, "listener == null"));
    listeners.add(listener);
    return () -> {
      listeners.remove(listener);
      listener.closed = true;
    };
  }

  /** One listener: its queue, and the channel that drains it. */
  private static final class Listener {
    final Queue<QueryEvent<?>> queue = new ConcurrentLinkedQueue<>();
    final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final Consumer<? super QueryEvent<?>> consumer;
    final Notifier.Channel channel;
    volatile boolean closed;

    Listener(Consumer<? super QueryEvent<?>> consumer) {
      this.consumer = consumer;
      this.channel = new Notifier.Channel(this::drain, "a query event listener");
    }

    void offer(QueryEvent<?> event) {
      queue.add(event);
      if (pending.incrementAndGet() > MAX_PENDING && queue.poll() != null) {
        pending.decrementAndGet();
        dropped.incrementAndGet();
      }
    }

    /** On the notify executor: hands over every queued event, in order. */
    void drain() {
      int lost = dropped.getAndSet(0);
      if (lost > 0) {
        LOG.log(System.Logger.Level.WARNING,
            "a query event listener fell behind and lost its {0} oldest events", lost);
      }
      QueryEvent<?> event;
      while (!closed && (event = queue.poll()) != null) {
        pending.decrementAndGet();
        QueryEvent<?> next = event;
        Callbacks.run("a query event listener", null, () -> consumer.accept(next));
      }
    }
  }
}
