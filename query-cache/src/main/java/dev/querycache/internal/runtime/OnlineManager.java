package dev.querycache.internal.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether the client believes the network is reachable, and the operations waiting for it:
 * a fetch or a mutation that found the client offline parks here and resumes when the client
 * is back online.
 *
 * <p>Parked operations resume in the order they parked, every mutation before every fetch
 * (as TanStack Query resumes paused mutations before it refetches): a write made offline
 * reaches the server before the reads that follow the reconnection go out.
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

  /**
   * Sets the connectivity. When it comes back, returns the parked operations to resume, in
   * order (mutations first), and forgets them; null when it did not come back.
   */
  public @Nullable List<Retryer<?>> setOnline(boolean now) {
    boolean regained;
    synchronized (this) {
      regained = now && !online;
      online = now;
    }
    if (!regained) {
      return null;
    }
    synchronized (this) {
      List<Retryer<?>> resumed = new ArrayList<>(mutations.size() + fetches.size());
      resumed.addAll(mutations);
      resumed.addAll(fetches);
      mutations.clear();
      fetches.clear();
      return resumed;
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
