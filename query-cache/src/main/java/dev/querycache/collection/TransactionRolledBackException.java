package dev.querycache.collection;

import java.util.Objects;

/**
 * What a transaction's {@link Transaction#isPersisted()} future fails with when the application
 * rolled it back with {@link Transaction#rollback()}: its changes left the rows and queries.
 *
 * @since 0.1.0
 */
public final class TransactionRolledBackException extends CollectionException {
  private static final long serialVersionUID = 1L;

  /**
   * The rollback of the transaction {@code transaction} names.
   *
   * @param transaction the transaction's id
   * @throws NullPointerException if {@code transaction} is null
   */
  public TransactionRolledBackException(String transaction) {
    super(Objects.requireNonNull(transaction, "transaction == null") + " was rolled back: its changes left the rows");
  }
}
