package dev.querycache.collection;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Row ids minted by the client: the id a new row is shown with at once, which the server keeps
 * (it inserts the row under it), so that the server's answer or broadcast lands on the same
 * row instead of replacing it. The id doubles as the write's idempotency key: a retry sends
 * the same id, and a server that already has that row can say so.
 *
 * <p>An id is 40 lowercase hexadecimal characters: 11 of milliseconds since the epoch, 5 of a
 * sequence within the millisecond, then 24 of random bits (96, from {@link SecureRandom}). So
 * ids sort by the time they were minted, text order being time order; ids minted by one
 * process are all distinct and increasing, whatever the threads (the time part never goes
 * back, even when the wall clock does); and two processes minting in the same millisecond
 * collide only if 96 random bits do. The time part lasts until the year 2527.
 *
 * <p>All methods are thread-safe and may be called on any thread.
 *
 * @since 0.1.0
 */
public final class RowIds {
  /** The length of a row id, in characters. */
  public static final int LENGTH = 40;

  private static final int SEQUENCE_BITS = 20;
  private static final int TIME_AND_SEQUENCE_DIGITS = 16;
  private static final int RANDOM_BYTES = 12;
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The last time and sequence handed out: milliseconds, then the sequence in the low 20 bits. */
  private static final AtomicLong LAST = new AtomicLong();

  private RowIds() {}

  /**
   * Mints a new id, its time read from the system clock.
   *
   * @return a new row id, greater than every id this process minted before
   */
  public static String mint() {
    return mintAt(System.currentTimeMillis());
  }

  /**
   * Mints a new id, its time read from {@code clock} (a fixed clock in tests).
   *
   * @param clock where the time part is read
   * @return a new row id, greater than every id this process minted before
   * @throws NullPointerException if {@code clock} is null
   */
  public static String mint(Clock clock) {
    return mintAt(Objects.requireNonNull(clock, "clock == null").millis());
  }

  /** An id whose time part is {@code millis}, or later if an id was minted later already. */
  static String mintAt(long millis) {
    long floor = Math.max(0, millis) << SEQUENCE_BITS;
    // The later of the millisecond's first and the last one's successor (a full sequence
    // carries into the next millisecond), compared unsigned: the time part uses the top bit.
    long timeAndSequence =
        LAST.accumulateAndGet(floor, (last, first) -> Long.compareUnsigned(first, last + 1) > 0 ? first : last + 1);
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return HEX.toHexDigits(timeAndSequence) + HEX.formatHex(random);
  }

  /**
   * Whether {@code id} is a well-formed row id: 40 characters, each a digit or a lowercase
   * letter from {@code a} to {@code f}.
   *
   * @param id what to check; null is not an id
   * @return true if it is one
   */
  public static boolean isValid(@Nullable String id) {
    return id != null && problem(id) == null;
  }

  /**
   * Returns {@code id} if it is a well-formed row id.
   *
   * @param id the id to check
   * @param argument what the id is, for the message (such as {@code "the key of a new message"})
   * @return {@code id}
   * @throws NullPointerException if an argument is null
   * @throws MalformedRowIdException if {@code id} is not a row id; the message names it and says
   *     what is wrong
   */
  public static String requireValid(String id, String argument) {
    Objects.requireNonNull(argument, "argument == null");
    Objects.requireNonNull(id, () -> argument + " == null");
    String problem = problem(id);
    if (problem != null) {
      throw new MalformedRowIdException(id, argument, problem);
    }
    return id;
  }

  /** What is wrong with {@code id}, or null. */
  private static @Nullable String problem(String id) {
    if (id.length() != LENGTH) {
      return "it has " + id.length() + " characters, not " + LENGTH;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return "its character " + (i + 1) + " is '" + c + "', not a digit or a lowercase letter from a to f";
      }
    }
    return null;
  }

  /**
   * The id of a further row of the gesture {@code id} names, in a collection that has a row of
   * that gesture already: row 0 is {@code id} itself; row {@code n} keeps its time part and
   * takes its random part from a hash of {@code id} and {@code n}. So the same gesture derives
   * the same ids every time (a retry sends the same ones), and they sort with the gesture.
   *
   * @param id the gesture's id
   * @param row the row's number within the gesture and the collection, from 0
   * @return the row's id: {@code id} for row 0, else a different, well-formed id
   * @throws NullPointerException if {@code id} is null
   * @throws MalformedRowIdException if {@code id} is not a row id
   * @throws IllegalArgumentException if {@code row} is negative
   */
  public static String derive(String id, int row) {
    requireValid(id, "id");
    if (row < 0) {
      throw new IllegalArgumentException("row is " + row + ": rows of a gesture are numbered from 0");
    }
    if (row == 0) {
      return id;
    }
    byte[] hash = Hashing.sha256().hashString(id + "#" + row, StandardCharsets.US_ASCII).asBytes();
    return id.substring(0, TIME_AND_SEQUENCE_DIGITS) + HEX.formatHex(hash, 0, RANDOM_BYTES);
  }

  /**
   * When {@code id} was minted, to the millisecond (later, if ids were minted faster than a
   * million per millisecond).
   *
   * @param id a row id
   * @return the instant of its time part
   * @throws NullPointerException if {@code id} is null
   * @throws MalformedRowIdException if {@code id} is not a row id
   */
  public static Instant timeOf(String id) {
    requireValid(id, "id");
    long timeAndSequence = HexFormat.fromHexDigitsToLong(id, 0, TIME_AND_SEQUENCE_DIGITS);
    return Instant.ofEpochMilli(timeAndSequence >>> SEQUENCE_BITS);
  }
}
