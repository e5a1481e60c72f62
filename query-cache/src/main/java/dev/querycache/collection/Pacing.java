package dev.querycache.collection;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link PacedWrites} sends its calls: TanStack DB's strategies. Each call shows at once;
 * the pacing decides when what it wrote is sent, and one transaction of the paced writes
 * persists at a time (a call made meanwhile waits, and with a debounce or a throttle joins the
 * transaction that waits).
 *
 * <ul>
 *   <li>{@link #debounce(Duration) debounce(wait)}: calls join one transaction, sent
 *       {@code wait} after the last of them (a text field's edits, sent when the typing
 *       pauses).
 *   <li>{@link #throttle(Duration) throttle(wait)}: the first call is sent at once, the calls
 *       in the next {@code wait} join one transaction sent when it ends, and so on: at most one
 *       send per {@code wait} (a slider dragged).
 *   <li>{@link #queue() queue()}: every call is a transaction of its own, sent in order, each
 *       once the one before settled; if one fails, the later queued calls that changed the same
 *       rows fail with it, and the others go on.
 * </ul>
 *
 * <p>The edges of a debounce or a throttle can be changed: {@link #withLeading(boolean)} sends
 * the first call of a burst at once, {@link #withTrailing(boolean)}{@code (false)} drops the
 * calls the leading edge does not send (their transactions fail with a
 * {@link CallDroppedException}, and nothing of them is shown or sent). Time is the client's
 * ticker and scheduler: virtual in tests. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Pacing {
  /** The kinds of pacing. */
  public enum Strategy {
    /** Sent after a pause in the calls. */
    DEBOUNCE,
    /** Sent at most once per interval. */
    THROTTLE,
    /** Each call sent in turn. */
    QUEUE
  }

  private final Strategy strategy;
  private final Duration wait;
  private final boolean leading;
  private final boolean trailing;

  private Pacing(Strategy strategy, Duration wait, boolean leading, boolean trailing) {
    this.strategy = strategy;
    this.wait = wait;
    this.leading = leading;
    this.trailing = trailing;
  }

  /**
   * Calls join one transaction, sent {@code wait} after the last call (trailing edge only).
   *
   * @param wait the pause that sends; zero or positive
   * @return the pacing
   * @throws NullPointerException if {@code wait} is null
   * @throws IllegalArgumentException if {@code wait} is negative
   */
  public static Pacing debounce(Duration wait) {
    return new Pacing(Strategy.DEBOUNCE, requireWait(wait, "wait"), false, true);
  }

  /**
   * At most one send per {@code wait}: a call outside the interval is sent at once, and the
   * calls inside it join one transaction sent when it ends (leading and trailing edges).
   *
   * @param wait the interval; zero or positive
   * @return the pacing
   * @throws NullPointerException if {@code wait} is null
   * @throws IllegalArgumentException if {@code wait} is negative
   */
  public static Pacing throttle(Duration wait) {
    return new Pacing(Strategy.THROTTLE, requireWait(wait, "wait"), true, true);
  }

  /**
   * Every call a transaction of its own, sent in order as soon as the one before settled.
   *
   * @return the pacing
   */
  public static Pacing queue() {
    return new Pacing(Strategy.QUEUE, Duration.ZERO, false, true);
  }

  /**
   * Every call a transaction of its own, sent in order once the one before settled, at least
   * {@code gap} after the one before was sent.
   *
   * @param gap the least time between two sends; zero or positive
   * @return the pacing
   * @throws NullPointerException if {@code gap} is null
   * @throws IllegalArgumentException if {@code gap} is negative
   */
  public static Pacing queue(Duration gap) {
    return new Pacing(Strategy.QUEUE, requireWait(gap, "gap"), false, true);
  }

  private static Duration requireWait(Duration wait, String argument) {
    Objects.requireNonNull(wait, argument + " == null");
    if (wait.isNegative()) {
      throw new IllegalArgumentException(argument + " is negative: " + wait);
    }
    return wait;
  }

  /**
   * This debounce or throttle with its leading edge on or off: on, the first call of a burst
   * (after {@code wait} of quiet, or outside the throttle's interval) is sent at once.
   *
   * @param leading whether the leading edge sends
   * @return the changed pacing
   * @throws IllegalStateException if this is a queue, or both edges would be off
   */
  public Pacing withLeading(boolean leading) {
    return withEdges(leading, trailing);
  }

  /**
   * This debounce or throttle with its trailing edge on or off: off, a call the leading edge
   * does not send is dropped (its transaction fails with a {@link CallDroppedException}, and
   * nothing of it is shown or sent).
   *
   * @param trailing whether the trailing edge sends
   * @return the changed pacing
   * @throws IllegalStateException if this is a queue, or both edges would be off
   */
  public Pacing withTrailing(boolean trailing) {
    return withEdges(leading, trailing);
  }

  private Pacing withEdges(boolean leading, boolean trailing) {
    if (strategy == Strategy.QUEUE) {
      throw new IllegalStateException("a queue has no edges: it sends every call in turn");
    }
    if (!leading && !trailing) {
      throw new IllegalStateException("a " + this + " with neither a leading nor a trailing edge would never send");
    }
    return new Pacing(strategy, wait, leading, trailing);
  }

  /**
   * The kind of pacing.
   *
   * @return the strategy
   */
  public Strategy strategy() {
    return strategy;
  }

  /**
   * The debounce's pause, the throttle's interval, or the queue's gap.
   *
   * @return the duration
   */
  public Duration waitTime() {
    return wait;
  }

  /**
   * Whether the leading edge sends (always false for a queue).
   *
   * @return whether the first call of a burst is sent at once
   */
  public boolean leading() {
    return leading;
  }

  /**
   * Whether the trailing edge sends (always true for a queue).
   *
   * @return whether the calls after the leading edge are sent
   */
  public boolean trailing() {
    return trailing;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Pacing that && strategy == that.strategy && wait.equals(that.wait)
        && leading == that.leading && trailing == that.trailing;
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, wait, leading, trailing);
  }

  /** Such as {@code debounce(PT0.5S)}, or {@code throttle(PT0.2S, leading)}. */
  @Override
  public String toString() {
    String name = strategy.name().toLowerCase(Locale.ROOT);
    if (strategy == Strategy.QUEUE) {
      return wait.isZero() ? name + "()" : name + "(" + wait + ")";
    }
    String edges = leading && trailing ? "leading and trailing" : leading ? "leading" : "trailing";
    return name + "(" + wait + ", " + edges + ")";
  }
}
