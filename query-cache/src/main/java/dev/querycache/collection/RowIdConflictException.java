package dev.querycache.collection;

import java.util.Objects;

/**
 * The server refused a new row because a different row holds its id: another write made it
 * (the server knows it by another write key). A handler throws it when its server says so
 * (for example, HTTP 409 naming another write key); the transaction fails with it, its new
 * rows leave the collection, and the error toast shows. Minting the id again does not help a
 * row that is already on the server: it is a different gesture only if the user makes it
 * again.
 *
 * <p>A server that has seen the write key before (a retry of the same gesture, whose first
 * attempt reached it) is not in conflict: it answers as it did the first time, and the handler
 * returns normally.
 *
 * @since 0.1.0
 */
public final class RowIdConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String collection;

  /**
   * The conflict of the new row {@code id} of the collection {@code collection} names.
   *
   * @param id the id the server holds for a different row
   * @param collection the collection's name
   * @throws NullPointerException if an argument is null
   */
  public RowIdConflictException(String id, String collection) {
    super("the server holds a different row under the id " + Objects.requireNonNull(id, "id == null") + " of "
        + Objects.requireNonNull(collection, "collection == null")
        + ", made by another write: the new row was taken away; a new gesture mints a new id");
    this.id = id;
    this.collection = collection;
  }

  /**
   * The id the server holds for a different row.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The name of the collection the new row was to join.
   *
   * @return the collection's name
   */
  public String collection() {
    return collection;
  }
}
