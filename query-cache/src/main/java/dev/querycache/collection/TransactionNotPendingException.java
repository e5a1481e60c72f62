package dev.querycache.collection;

import java.util.Objects;

/**
 * {@link Transaction#mutate} or {@link Transaction#commit} was called on a transaction that is
 * no longer pending: it is persisting, completed or failed. Nothing was applied. Write in a
 * new transaction instead, or build it with {@code autoCommit(false)} and commit it once, after
 * its last {@code mutate}.
 *
 * @since 0.1.0
 */
public final class TransactionNotPendingException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final TransactionState state;

  /**
   * The refusal of {@code operation} on the transaction {@code transaction} names, which is
   * {@code state}.
   *
   * @param transaction the transaction's id
   * @param operation what was called, such as {@code "mutate"}
   * @param state the transaction's state
   * @throws NullPointerException if an argument is null
   */
  public TransactionNotPendingException(String transaction, String operation, TransactionState state) {
    super(Objects.requireNonNull(operation, "operation == null") + " on " + Objects.requireNonNull(transaction, "transaction == null")
        + ", which is " + Objects.requireNonNull(state, "state == null").name().toLowerCase(java.util.Locale.ROOT)
        + ": a transaction takes writes only while pending; write in a new transaction, or build it with"
        + " autoCommit(false) and commit it after its last mutate; nothing was applied");
    this.state = state;
  }

  /**
   * The transaction's state when it refused.
   *
   * @return the state
   */
  public TransactionState state() {
    return state;
  }
}
