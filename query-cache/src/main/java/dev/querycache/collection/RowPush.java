package dev.querycache.collection;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One row as the server pushed it (over Server-Sent Events, a WebSocket, a message queue):
 * upserted or deleted, at the server's revision of that row, and, when the server knows it, the
 * write key of the write that made the change ({@link Transaction#writeKey()}). Hand a batch to
 * {@link QueryCollection#applyPush(java.util.List)}:
 *
 * <pre>{@code
 * messages.applyPush(List.of(
 *     RowPush.upsert(message, event.revision(), event.writeKey()),
 *     RowPush.delete(otherId, event.revision())));
 * }</pre>
 *
 * <p>The revision orders the changes of one row: a push at a revision the collection has seen
 * for that row, or an older one, is dropped. A server's global change sequence serves, as does
 * a per-row version that grows with each change.
 *
 * <p>Immutable; any thread. Equal when its kind, row or key, revision and write key are.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 * @since 0.1.0
 */
public final class RowPush<K, R> {
  private final @Nullable R row;
  private final @Nullable K key;
  private final long revision;
  private final @Nullable String writeKey;

  private RowPush(@Nullable R row, @Nullable K key, long revision, @Nullable String writeKey) {
    this.row = row;
    this.key = key;
    this.revision = revision;
    this.writeKey = writeKey;
  }

  /**
   * The server has {@code row} (new or changed) at {@code revision}; the push carries no
   * write key.
   *
   * @param row the row as the server has it; its key is the collection's key of it
   * @param revision the server's revision of the row
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return the push
   * @throws NullPointerException if {@code row} is null
   */
  public static <K, R> RowPush<K, R> upsert(R row, long revision) {
    return upsert(row, revision, null);
  }

  /**
   * The server has {@code row} (new or changed) at {@code revision}, from the write whose write
   * key is {@code writeKey}: the client that made the write recognises its own change (its
   * echo) by it.
   *
   * @param row the row as the server has it; its key is the collection's key of it
   * @param revision the server's revision of the row
   * @param writeKey the write key the server received with the write; null if it has none
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return the push
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code writeKey} is blank
   */
  public static <K, R> RowPush<K, R> upsert(R row, long revision, @Nullable String writeKey) {
    return new RowPush<>(Objects.requireNonNull(row, "row == null"), null, revision, checked(writeKey));
  }

  /**
   * The server deleted the row of {@code key} at {@code revision}; the push carries no write
   * key.
   *
   * @param key the row's key
   * @param revision the server's revision of the deletion
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return the push
   * @throws NullPointerException if {@code key} is null
   */
  public static <K, R> RowPush<K, R> delete(K key, long revision) {
    return delete(key, revision, null);
  }

  /**
   * The server deleted the row of {@code key} at {@code revision}, for the write whose write
   * key is {@code writeKey}.
   *
   * @param key the row's key
   * @param revision the server's revision of the deletion
   * @param writeKey the write key the server received with the write; null if it has none
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return the push
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code writeKey} is blank
   */
  public static <K, R> RowPush<K, R> delete(K key, long revision, @Nullable String writeKey) {
    return new RowPush<>(null, Objects.requireNonNull(key, "key == null"), revision, checked(writeKey));
  }

  private static @Nullable String checked(@Nullable String writeKey) {
    if (writeKey != null && writeKey.isBlank()) {
      throw new IllegalArgumentException("writeKey is blank: give the key the server received with the write, or null");
    }
    return writeKey;
  }

  /**
   * Whether the server deleted the row.
   *
   * @return true for a deletion, false for an upsert
   */
  public boolean isDelete() {
    return row == null;
  }

  /**
   * The row the server has.
   *
   * @return the row, or empty for a deletion
   */
  public Optional<R> row() {
    return Optional.ofNullable(row);
  }

  /**
   * The key of the deleted row. An upsert's key is its row's, which the collection's key
   * function gives.
   *
   * @return the key, or empty for an upsert
   */
  public Optional<K> deletedKey() {
    return Optional.ofNullable(key);
  }

  /**
   * The server's revision of the row.
   *
   * @return the revision
   */
  public long revision() {
    return revision;
  }

  /**
   * The write key of the write that made the change, if the server sent it.
   *
   * @return the write key, or empty
   */
  public Optional<String> writeKey() {
    return Optional.ofNullable(writeKey);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RowPush<?, ?> that
        && revision == that.revision
        && Objects.equals(row, that.row)
        && Objects.equals(key, that.key)
        && Objects.equals(writeKey, that.writeKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(row, key, revision, writeKey);
  }

  /** Such as {@code RowPush{upsert Message[...] at 12 by 0192f3...}} or {@code RowPush{delete m-1 at 13}}. */
  @Override
  public String toString() {
    return "RowPush{" + (row != null ? "upsert " + row : "delete " + key) + " at " + revision
        + (writeKey != null ? " by " + writeKey : "") + "}";
  }
}
