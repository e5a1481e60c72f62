package dev.querycache.collection;

import java.util.Objects;

/**
 * Why a transaction failed without its own handler failing: it relied on another transaction
 * that failed. It updated or deleted a row that the other one inserted and the server had not
 * confirmed yet, so when the other one failed, the row was gone; or it was queued by
 * {@link PacedWrites} after the other one with changes to the same rows. Its changes left the
 * rows with it, and its handler was not called if it had not been yet. The cause is what made
 * the other transaction fail.
 *
 * @since 0.1.0
 */
public final class DependentTransactionException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final String failedTransaction;

  /**
   * The failure of {@code transaction}, which relied on {@code failedTransaction}, which failed
   * with {@code cause}.
   *
   * @param transaction the id of the transaction that failed with it
   * @param failedTransaction the id of the transaction it relied on
   * @param cause what made that one fail
   * @throws NullPointerException if an argument is null
   */
  public DependentTransactionException(String transaction, String failedTransaction, Throwable cause) {
    this(transaction, failedTransaction,
        "it wrote a row " + failedTransaction + " inserted, so its changes left the rows too", cause);
  }

  /**
   * The failure of {@code transaction}, which relied on {@code failedTransaction} in the way
   * {@code reliance} says, and which failed with {@code cause}.
   *
   * @param transaction the id of the transaction that failed with it
   * @param failedTransaction the id of the transaction it relied on
   * @param reliance how it relied on it, such as "it was queued after it with changes to the same rows"
   * @param cause what made that one fail
   * @throws NullPointerException if an argument is null
   */
  public DependentTransactionException(String transaction, String failedTransaction, String reliance, Throwable cause) {
    super(Objects.requireNonNull(transaction, "transaction == null") + " relied on "
        + Objects.requireNonNull(failedTransaction, "failedTransaction == null") + ", which failed: "
        + Objects.requireNonNull(reliance, "reliance == null"));
    initCause(Objects.requireNonNull(cause, "cause == null"));
    this.failedTransaction = failedTransaction;
  }

  /**
   * The id of the transaction this one relied on, which failed first.
   *
   * @return the id
   */
  public String failedTransaction() {
    return failedTransaction;
  }
}
