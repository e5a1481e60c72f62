package dev.querycache.collection;

/**
 * A write to a {@link QueryCollection} was refused when it was called, before anything was
 * shown or sent: the subclasses say why, and their messages say what to do instead.
 *
 * @since 0.1.0
 */
public class CollectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal that says {@code message}.
   *
   * @param message what was refused, and what to do instead
   */
  public CollectionException(String message) {
    super(message);
  }
}
