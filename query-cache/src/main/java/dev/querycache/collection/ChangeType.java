package dev.querycache.collection;

/**
 * What a {@link PendingChange} does to its row.
 *
 * @since 0.1.0
 */
public enum ChangeType {
  /** A new row: its original is null, its modified the row. */
  INSERT,
  /** A changed row: its original is the row before, its modified the row after. */
  UPDATE,
  /** A row taken away: its original is the row before, its modified null. */
  DELETE
}
