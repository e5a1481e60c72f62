package dev.querycache.collection;

import java.util.Objects;

/**
 * An id that should be a row id minted by the client (see {@code RowIds}) is not one: nothing was
 * applied. The message names the id, what it was given as, and what is wrong with it.
 *
 * @since 0.1.0
 */
public final class MalformedRowIdException extends CollectionException {
  private static final long serialVersionUID = 1L;

  private final String id;

  /**
   * The refusal of {@code id}, given as {@code argument}, because of {@code problem}.
   *
   * @param id the malformed id
   * @param argument what the id was given as, such as {@code "the key of a new message"}
   * @param problem what is wrong with it, such as {@code "it has 36 characters, not 40"}
   * @throws NullPointerException if an argument is null
   */
  public MalformedRowIdException(String id, String argument, String problem) {
    super(Objects.requireNonNull(argument, "argument == null") + " is \"" + Objects.requireNonNull(id, "id == null")
        + "\", not a row id: " + Objects.requireNonNull(problem, "problem == null")
        + "; a row id is 40 lowercase hexadecimal characters, as RowIds.mint() and Gesture.begin() make them;"
        + " nothing was applied");
    this.id = id;
  }

  /**
   * The malformed id.
   *
   * @return the id as it was given
   */
  public String id() {
    return id;
  }
}
