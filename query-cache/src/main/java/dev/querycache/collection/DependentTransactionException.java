package dev.querycache.collection;

import java.util.Objects;

/**
 * Why a transaction failed without its own handler failing: it relied on another transaction
 * that failed. It updated or deleted a row that the other one inserted and the server had not
 * confirmed yet, so when the other one failed, the row was gone, and this transaction's
 * changes left the rows with it. The cause is what made the other transaction fail.
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
    super(Objects.requireNonNull(transaction, "transaction == null") + " relied on "
        + Objects.requireNonNull(failedTransaction, "failedTransaction == null") + ", which failed: it wrote a row "
        + failedTransaction + " inserted, so its changes left the rows too");
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
