package dev.querycache.collection;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * One gesture of the user (a message sent, an invite accepted) that creates rows: its id, minted
 * by the client ({@link RowIds}), and its time, read once. Every row the gesture creates is
 * keyed by {@link #id()}, in each collection it writes to, so that its rows roll back together
 * and the server's rows land on them; a second row of the gesture in the same collection is
 * keyed by {@link #id(int) id(1)}, a third by {@code id(2)}, each derived from the gesture's id.
 * Stamp the rows with {@link #now()}, so that they all say the same time.
 *
 * <pre>{@code
 * Gesture send = Gesture.begin();
 * messages.insert(new Message(send.id(), channel, text, send.now()));
 * }</pre>
 *
 * <p>Immutable; any thread.
 *
 * @since 0.1.0
 */
public final class Gesture {
  private final String id;
  private final Instant now;

  private Gesture(String id, Instant now) {
    this.id = id;
    this.now = now;
  }

  /**
   * A gesture beginning now, by the system clock.
   *
   * @return a gesture with a new id
   */
  public static Gesture begin() {
    return begin(Clock.systemUTC());
  }

  /**
   * A gesture beginning now by {@code clock} (a fixed clock in tests), read once for its id and
   * its time.
   *
   * @param clock the clock to read
   * @return a gesture with a new id
   * @throws NullPointerException if {@code clock} is null
   */
  public static Gesture begin(Clock clock) {
    Instant now = Objects.requireNonNull(clock, "clock == null").instant();
    return new Gesture(RowIds.mintAt(now.toEpochMilli()), now);
  }

  /**
   * The gesture's id: the key of its row in each collection it writes to, and its writes'
   * idempotency key.
   *
   * @return a row id of {@value RowIds#LENGTH} lowercase hexadecimal characters
   */
  public String id() {
    return id;
  }

  /**
   * The key of the gesture's row number {@code row} in one collection: {@link #id()} for row 0,
   * then ids derived from it (see {@link RowIds#derive}), the same every time.
   *
   * @param row the row's number within the gesture and the collection, from 0
   * @return its key
   * @throws IllegalArgumentException if {@code row} is negative
   */
  public String id(int row) {
    return RowIds.derive(id, row);
  }

  /**
   * When the gesture began: one time for all its rows.
   *
   * @return the instant read when it began
   */
  public Instant now() {
    return now;
  }

  /** Such as {@code Gesture{0192f3a4c1b2000007d3e1..., 2026-12-07T13:30:00Z}}. */
  @Override
  public String toString() {
    return "Gesture{" + id + ", " + now + "}";
  }
}
