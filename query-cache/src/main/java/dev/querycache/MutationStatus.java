package dev.querycache;

/**
 * Where a mutation run is in its cycle.
 *
 * @since 0.1.0
 */
public enum MutationStatus {
  /** Not run yet (the state of a {@link Mutation} that was never called). */
  IDLE,
  /** Started: patched (if optimistic), running or waiting its turn, and not yet settled. */
  PENDING,
  /** The server accepted the write and the settle steps are done. */
  SUCCESS,
  /** The write failed (or a callback of the success path threw); its layers are gone. */
  ERROR
}
