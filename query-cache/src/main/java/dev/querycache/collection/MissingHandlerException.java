package dev.querycache.collection;

import java.util.Objects;

/**
 * An insert, update or delete was called on a collection that has no handler to persist it
 * ({@code onInsert}, {@code onUpdate} or {@code onDelete}): nothing was applied.
 *
 * @since 0.1.0
 */
public final class MissingHandlerException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final ChangeType type;

  /**
   * The refusal of a {@code type} on the collection {@code collection} names.
   *
   * @param type the operation called
   * @param collection the collection's name
   * @throws NullPointerException if an argument is null
   */
  public MissingHandlerException(ChangeType type, String collection) {
    super(message(type, collection));
    this.type = type;
  }

  private static String message(ChangeType type, String collection) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(collection, "collection == null");
    String handler = switch (type) {
      case INSERT -> "onInsert";
      case UPDATE -> "onUpdate";
      case DELETE -> "onDelete";
    };
    String what = switch (type) {
      case INSERT -> "an insert";
      case UPDATE -> "an update";
      case DELETE -> "a delete";
    };
    return collection + " has no " + handler + " handler, so it cannot persist " + what
        + ": give the collection's builder " + handler + "(...) or " + handler + "Async(...); nothing was applied";
  }

  /**
   * The operation that has no handler.
   *
   * @return the change's type
   */
  public ChangeType type() {
    return type;
  }
}
