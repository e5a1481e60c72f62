package dev.querycache.internal.runtime;

import dev.querycache.Scheduler;
import dev.querycache.Ticker;
import dev.querycache.Toaster;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What every part of the engine runs on: the seams the application chose (the ticker, the
 * scheduler, the fetch executor, the notify executor through the {@link Notifier}, the
 * toaster), connectivity, the client-wide sequence that orders fetch starts against mutation
 * successes, the cache listeners, and whether the client is closed.
 *
 * <p>It knows none of the parts that use it (queries, runs, the stores): they are given it,
 * and the engine's root puts them together. Thread-safe.
 */
public final class EngineRuntime {
  public final Ticker ticker;
  public final Scheduler scheduler;
  public final Executor fetchExecutor;
  private final @Nullable ExecutorService ownedFetchExecutor;
  public final Notifier notifier;
  public final Toaster toaster;
  public final OnlineManager online;
  /** Whether a window of the application has focus. */
  public final FocusManager focus = new FocusManager();
  private final CopyOnWriteArrayList<Notifier.Channel> cacheListeners = new CopyOnWriteArrayList<>();
  /** The stream of query transitions (see {@code QueryClient.onQueryEvent}). */
  public final QueryEvents events = new QueryEvents();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean closed;

  /**
   * A runtime over the application's seams; with a null {@code fetchExecutor}, it owns a
   * pool of up to eight daemon threads and stops it at {@link #close()}.
   */
  public EngineRuntime(
      Ticker ticker,
      Scheduler scheduler,
      @Nullable Executor fetchExecutor,
      Executor notifyExecutor,
      BooleanSupplier isNotifyThread,
      Toaster toaster,
      boolean online) {
    this.ticker = ticker;
    this.scheduler = scheduler;
    if (fetchExecutor != null) {
      this.fetchExecutor = fetchExecutor;
      this.ownedFetchExecutor = null;
    } else {
      ExecutorService pool = defaultFetchExecutor();
      this.fetchExecutor = pool;
      this.ownedFetchExecutor = pool;
    }
    this.notifier = new Notifier(notifyExecutor, isNotifyThread);
    this.toaster = toaster;
    this.online = new OnlineManager(online);
  }

  public long now() {
    return ticker.read();
  }

  /**
   * The next number of the client-wide sequence that orders fetch starts against mutation
   * successes (a fetch started after a success brings data that includes it).
   */
  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  // ---- cache listeners ---------------------------------------------------------------------

  /** Registers a cache listener; closing the result unregisters it. */
  public AutoCloseable addCacheListener(Runnable listener) {
    Notifier.Channel channel = new Notifier.Channel(listener, "a cache listener");
    cacheListeners.add(channel);
    return () -> cacheListeners.remove(channel);
  }

  /** Whether anybody listens for removals: a cache listener or an event listener. */
  public boolean hasCacheListeners() {
    return !cacheListeners.isEmpty() || events.isOn();
  }

  /** Something in the cache changed: wake the cache listeners (coalesced). */
  public void cacheChanged() {
    if (!cacheListeners.isEmpty()) {
      for (Notifier.Channel channel : cacheListeners) {
        notifier.schedule(channel);
      }
    }
  }

  // ---- closing -----------------------------------------------------------------------------

  public boolean isClosed() {
    return closed;
  }

  /** Fails fast when the client is closed. */
  public void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  public static IllegalStateException closedException() {
    return new IllegalStateException("this QueryClient is closed: build a new one to fetch, write or observe");
  }

  /** Marks the runtime closed; true the first time only. */
  public synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /**
   * Stops the fetch pool the runtime owns, if any: running functions are interrupted; queued
   * ones never run, so their tasks are cancelled, which ends their attempts instead of leaving
   * them pending.
   */
  public void close() {
    if (ownedFetchExecutor != null) {
      for (Runnable dropped : ownedFetchExecutor.shutdownNow()) {
        if (dropped instanceof Future<?>) {
          ((Future<?>) dropped).cancel(false);
        }
      }
    }
  }

  /** Up to eight daemon threads named {@code query-cache-fetch-N}, owned and stopped by the runtime. */
  private static ExecutorService defaultFetchExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            8,
            8,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "query-cache-fetch-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
