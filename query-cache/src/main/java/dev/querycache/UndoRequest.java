package dev.querycache;

/**
 * What the reverse operation of an undoable mutation gets: the id the server gave the
 * original write, and the original variables.
 *
 * @param mutationId the server's id of the write to undo
 * @param variables the variables of the write to undo
 * @param <V> the variables' type
 * @since 0.1.0
 */
public record UndoRequest<V>(String mutationId, V variables) {
  /**
   * Checks the components.
   *
   * @param mutationId see {@link #mutationId()}
   * @param variables see {@link #variables()}
   * @throws NullPointerException if an argument is null
   */
  public UndoRequest {
    java.util.Objects.requireNonNull(mutationId, "mutationId == null");
    java.util.Objects.requireNonNull(variables, "variables == null");
  }
}
