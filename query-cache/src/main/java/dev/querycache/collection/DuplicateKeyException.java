package dev.querycache.collection;

import java.util.Objects;

/**
 * An insert named a key the collection already shows (confirmed by the server or inserted by a
 * pending transaction), or named one key twice: nothing was applied.
 *
 * @since 0.1.0
 */
public final class DuplicateKeyException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final transient Object key;

  /**
   * The refusal of an insert of {@code key} into the collection {@code collection} names.
   *
   * @param key the key already there
   * @param collection the collection's name
   * @throws NullPointerException if an argument is null
   */
  public DuplicateKeyException(Object key, String collection) {
    super(collection + " already has a row " + Objects.requireNonNull(key, "key == null")
        + ": insert rows with new keys (a client-minted id, such as a UUID), or update the row; nothing was applied");
    this.key = key;
  }

  /**
   * The key already there.
   *
   * @return the key
   */
  public Object key() {
    return key;
  }
}
