package dev.querycache.internal.ui;

import dev.querycache.UndoOffer;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a toast is due to go, whatever toolkit shows it. A success or error toast stays for
 * its lifetime, counted from when it was shown; while it is <em>pinned</em> (its details are
 * open) it stays, and unpinning starts the lifetime again. An undo toast stays while its offer
 * is available; once the undo is taken it goes when the undo settles (the toaster's own
 * business), not when the window ends. Times are readings of the toaster's ticker, in
 * nanoseconds. Not thread-safe: confined to the UI thread, like the toast.
 */
public final class ToastLifetime {
  private final @Nullable UndoOffer offer;
  private final long lifetimeNanos;
  private long since;
  private boolean pinned;
  private boolean undoTaken;

  private ToastLifetime(@Nullable UndoOffer offer, long lifetimeNanos, long since) {
    this.offer = offer;
    this.lifetimeNanos = lifetimeNanos;
    this.since = since;
  }

  /**
   * The lifetime of a success or error toast shown at {@code now}.
   *
   * @param lifetime how long it stays; positive
   * @param now the ticker's reading when it is shown
   * @return the lifetime
   * @throws NullPointerException if {@code lifetime} is null
   * @throws IllegalArgumentException if {@code lifetime} is zero or negative
   */
  public static ToastLifetime timed(Duration lifetime, long now) {
    Objects.requireNonNull(lifetime, "lifetime == null");
    if (lifetime.isZero() || lifetime.isNegative()) {
      throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
    }
    return new ToastLifetime(null, saturatedNanos(lifetime), now);
  }

  /**
   * The lifetime of an undo toast: as long as {@code offer} is available.
   *
   * @param offer the undo offer the toast shows
   * @return the lifetime
   * @throws NullPointerException if {@code offer} is null
   */
  public static ToastLifetime untilUndoEnds(UndoOffer offer) {
    return new ToastLifetime(Objects.requireNonNull(offer, "offer == null"), 0, 0);
  }

  /** Holds the toast open (its details are shown): it does not go by itself. */
  public void pin() {
    pinned = true;
  }

  /**
   * Lets the toast go again, its lifetime starting anew at {@code now}.
   *
   * @param now the ticker's reading
   */
  public void unpin(long now) {
    pinned = false;
    since = now;
  }

  /** The undo was taken: the toast goes when the undo settles, not when the window ends. */
  public void undoTaken() {
    undoTaken = true;
  }

  /**
   * Whether the toast is due to be dismissed at {@code now}.
   *
   * @param now the ticker's reading
   * @return for a timed toast, whether its lifetime ran out unpinned; for an undo toast,
   *     whether its offer is gone and the undo was not taken
   */
  public boolean isDue(long now) {
    UndoOffer undo = offer;
    if (undo != null) {
      return !undoTaken && !undo.isAvailable();
    }
    return !pinned && now - since >= lifetimeNanos;
  }

  /**
   * The countdown of an undo offer: whole seconds left, rounded up.
   *
   * @param remaining the time left
   * @return such as {@code "42 s"}
   */
  public static String countdownText(Duration remaining) {
    long nanos = Math.max(0, saturatedNanos(remaining));
    long seconds = nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
    return seconds + " s";
  }

  private static long saturatedNanos(Duration duration) {
    return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.isNegative() ? 0 : duration.toNanos();
  }

  @Override
  public String toString() {
    return "ToastLifetime{" + (offer != null ? "until the undo ends" : pinned ? "pinned" : "timed") + "}";
  }
}
