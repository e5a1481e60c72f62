package dev.querycache.collection;

/**
 * Where a {@link Transaction} is in its life: {@code PENDING} while it takes writes,
 * {@code PERSISTING} while its handlers run, then {@code COMPLETED} or {@code FAILED}.
 *
 * @since 0.1.0
 */
public enum TransactionState {
  /** It takes writes; nothing is sent yet. */
  PENDING,
  /** Its handlers are persisting its changes; the rows show them meanwhile. */
  PERSISTING,
  /** The handlers succeeded; the rows keep the changes until server data that includes them lands. */
  COMPLETED,
  /** A handler failed, or it was rolled back: its changes left the rows. */
  FAILED;

  /**
   * Whether the state is final.
   *
   * @return true for {@code COMPLETED} and {@code FAILED}
   */
  public boolean isSettled() {
    return this == COMPLETED || this == FAILED;
  }
}
