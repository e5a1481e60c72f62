package dev.querycache.collection;

import java.util.Objects;

/**
 * An update's function returned the very row it was given, and the row is not a record: a
 * mutable bean changed in place with its setters, most likely. The collection cannot tell
 * what changed, nor bring the row back if the server refuses, and the row it shows may
 * already have changed without a row event. Give the collection's builder a
 * {@linkplain CollectionBuilder#copier copier} (such as {@code Task::new}), so that each update
 * gets a copy to change, or return a new row. No transaction was started.
 *
 * @since 0.1.0
 */
public final class RowChangedInPlaceException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final transient Object key;

  /**
   * The refusal of an update of {@code key} whose function returned the row it was given.
   *
   * @param key the row's key
   * @param collection the collection's name
   * @throws NullPointerException if an argument is null
   */
  public RowChangedInPlaceException(Object key, String collection) {
    super("an update of row " + Objects.requireNonNull(key, "key == null") + " of "
        + Objects.requireNonNull(collection, "collection == null")
        + " returned the row it was given, which is not a record: give the collection's builder copier(...),"
        + " such as copier(Task::new), so that each update changes a copy, or return a new row;"
        + " no transaction was started, but a row changed in place may show the change without a row event");
    this.key = key;
  }

  /**
   * The row's key.
   *
   * @return the key the update named
   */
  public Object key() {
    return key;
  }
}
