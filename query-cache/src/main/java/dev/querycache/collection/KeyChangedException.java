package dev.querycache.collection;

import java.util.Objects;

/**
 * An update's function returned a row with another key: keys never change. Delete the row and
 * insert one with the new key instead. Nothing was applied.
 *
 * @since 0.1.0
 */
public final class KeyChangedException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final transient Object key;
  private final transient Object newKey;

  /**
   * The refusal of an update of {@code key} whose row came back with {@code newKey}.
   *
   * @param key the row's key
   * @param newKey the key of the row the update returned
   * @param collection the collection's name
   * @throws NullPointerException if an argument is null
   */
  public KeyChangedException(Object key, Object newKey, String collection) {
    super("an update of row " + Objects.requireNonNull(key, "key == null") + " of " + collection
        + " returned a row whose key is " + Objects.requireNonNull(newKey, "newKey == null")
        + ": a key never changes; delete the row and insert one with the new key; nothing was applied");
    this.key = key;
    this.newKey = newKey;
  }

  /**
   * The row's key.
   *
   * @return the key the update named
   */
  public Object key() {
    return key;
  }

  /**
   * The key of the row the update returned.
   *
   * @return the other key
   */
  public Object newKey() {
    return newKey;
  }
}
