package dev.querycache.internal.mutation;

import org.jspecify.annotations.Nullable;

/**
 * What the admission chain and its stages see of a run: the scope it queues in and a way to
 * mark it waiting for its turn. A {@link MutationRun} is one; a stage's unit tests use their
 * own.
 */
public interface Admissible {
  /** The variables the run was called with. */
  Object variables();

  /** The scope whose runs go one after another, or null for none. */
  @Nullable String scopeId();

  /**
   * The run waits for its turn in a stage ({@code true}), or its turn came ({@code false});
   * returns false, changing nothing, if the run settled meanwhile (it must not go on then).
   */
  boolean waiting(boolean waiting);
}
