package dev.querycache.internal.query;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A fetch to wait for, whether the caller must start it, and the fetch it replaced, whose
 * waiters it inherits. {@link #begin()} does both, outside every lock: handing over runs the
 * replaced fetch's cancellation callbacks, which are the application's code.
 */
public final class FetchTicket<T> {
  private final Fetch<T> fetch;
  private final boolean isNew;
  private final @Nullable Fetch<T> superseded;

  FetchTicket(Fetch<T> fetch, boolean isNew, @Nullable Fetch<T> superseded) {
    this.fetch = fetch;
    this.isNew = isNew;
    this.superseded = superseded;
  }

  /** Hands the replaced fetch's waiters over and starts the new fetch; outside any lock. */
  public void begin() {
    if (superseded != null) {
      superseded.handOver(fetch);
    }
    if (isNew) {
      fetch.start();
    }
  }

  public CompletableFuture<T> promise() {
    return fetch.promise();
  }
}
