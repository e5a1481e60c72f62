package dev.querycache.internal.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether the client believes the network is reachable, and the operations waiting for it:
 * a fetch or a mutation that found the client offline parks here and resumes when the client
 * is back online.
 *
 * <p>Parked operations come back in the order they parked, the mutations apart from the
 * fetches: the engine resumes the mutations first and the fetches only once those mutations
 * have settled (as TanStack Query resumes its paused mutations and waits for them before it
 * refetches), so a write made offline reaches the server, and its answer the cache, before
 * the reads that follow the reconnection go out.
 */
public final class OnlineManager {
  private volatile boolean online;
  private final LinkedHashSet<Retryer<?>> mutations = new LinkedHashSet<>(); // guarded by this
  private final LinkedHashSet<Retryer<?>> fetches = new LinkedHashSet<>(); // guarded by this

  OnlineManager(boolean online) {
    this.online = online;
  }

  public boolean isOnline() {
    return online;
  }

  /** The operations that waited for the network, each kind in the order it parked. */
  public record Parked(List<Retryer<?>> mutations, List<Retryer<?>> fetches) {}

  /**
   * Sets the connectivity. When it comes back, returns the parked operations to resume and
   * forgets them; null when it did not come back.
   */
  public @Nullable Parked setOnline(boolean now) {
    boolean regained;
    synchronized (this) {
      regained = now && !online;
      online = now;
    }
    if (!regained) {
      return null;
    }
    synchronized (this) {
      Parked parked = new Parked(List.copyOf(mutations), List.copyOf(fetches));
      mutations.clear();
      fetches.clear();
      return parked;
    }
  }

  /**
   * Parks again operations handed out by {@link #setOnline} that could not resume because the
   * client went offline again meanwhile; cancelled ones are dropped.
   */
  public void parkAgain(List<Retryer<?>> operations) {
    for (Retryer<?> retryer : operations) {
      if (!retryer.isCancelled()) {
        park(retryer);
      }
    }
  }

  /** Holds an operation that found the client offline until it is back online. */
  void park(Retryer<?> retryer) {
    synchronized (this) {
      (retryer.isMutation() ? mutations : fetches).add(retryer);
    }
    if (online && unpark(retryer)) {
      retryer.resume(); // came back online while parking
    }
  }

  /** Forgets a parked operation; returns whether it was parked. */
  synchronized boolean unpark(Retryer<?> retryer) {
    return mutations.remove(retryer) || fetches.remove(retryer);
  }
}
