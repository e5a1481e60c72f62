package dev.querycache.collection;

import java.util.Objects;

/**
 * An update or a delete named a key the collection does not show: nothing was applied.
 *
 * @since 0.1.0
 */
public final class UnknownKeyException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final transient Object key;

  /**
   * The refusal of a write to {@code key}, which the collection {@code collection} names does
   * not show.
   *
   * @param key the key not there
   * @param collection the collection's name
   * @throws NullPointerException if an argument is null
   */
  public UnknownKeyException(Object key, String collection) {
    super(collection + " has no row " + Objects.requireNonNull(key, "key == null")
        + ": it is not loaded yet, or was deleted; check contains(key) first; nothing was applied");
    this.key = key;
  }

  /**
   * The key not there.
   *
   * @return the key
   */
  public Object key() {
    return key;
  }
}
