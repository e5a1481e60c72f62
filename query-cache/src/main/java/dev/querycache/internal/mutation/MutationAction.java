package dev.querycache.internal.mutation;

import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.internal.query.QueryAction;
import org.jspecify.annotations.Nullable;

/**
 * The transitions of a mutation run's state, and the reducer: every change to a run's
 * {@link MutationState} is one of these actions, and each says in {@link #reduce} what state
 * follows. With {@link QueryAction}, the two state machines of the library read each in one
 * file; the order in which a run's steps dispatch them (and run the callbacks between) is in
 * {@link MutationRun}.
 *
 * <p>The order a run goes through: {@link Mutated} once its mutate step gave a context;
 * {@link Paused} while it waits (for its scope, for the network); {@link AttemptFailed} per
 * failed attempt; then {@link Succeeded} or {@link Failed} after the callbacks of that path
 * (as in TanStack Query, the status changes after the callbacks), or {@link Cancelled} when
 * the client's close cut it short.
 *
 * @param <V> the variables
 * @param <R> the result
 * @param <C> the context
 */
public sealed interface MutationAction<V, R, C> {
  /**
   * The state after this action. Pure.
   *
   * @param s the state before
   */
  MutationState<V, R, C> reduce(MutationState<V, R, C> s);

  /** {@code onMutate} returned the run's context. */
  record Mutated<V, R, C>(@Nullable C context) implements MutationAction<V, R, C> {
    @Override
    public MutationState<V, R, C> reduce(MutationState<V, R, C> s) {
      Draft<V, R, C> next = new Draft<>(s);
      next.context = context;
      return next.build();
    }
  }

  /** The run waits (for the earlier runs of its scope, for the network), or goes on. */
  record Paused<V, R, C>(boolean paused) implements MutationAction<V, R, C> {
    @Override
    public MutationState<V, R, C> reduce(MutationState<V, R, C> s) {
      Draft<V, R, C> next = new Draft<>(s);
      next.isPaused = paused;
      return next.build();
    }
  }

  /** An attempt of the mutation function failed; {@code failureCount} attempts so far. */
  record AttemptFailed<V, R, C>(int failureCount, Throwable reason) implements MutationAction<V, R, C> {
    @Override
    public MutationState<V, R, C> reduce(MutationState<V, R, C> s) {
      Draft<V, R, C> next = new Draft<>(s);
      next.failureCount = failureCount;
      next.failureReason = reason;
      return next.build();
    }
  }

  /** The server accepted the write and the success path's callbacks ran. */
  record Succeeded<V, R, C>(R result) implements MutationAction<V, R, C> {
    @Override
    public MutationState<V, R, C> reduce(MutationState<V, R, C> s) {
      return Draft.settled(s, MutationStatus.SUCCESS, result, null);
    }
  }

  /** The run failed and the error path's callbacks ran. */
  record Failed<V, R, C>(Throwable error) implements MutationAction<V, R, C> {
    @Override
    public MutationState<V, R, C> reduce(MutationState<V, R, C> s) {
      return Draft.settled(s, MutationStatus.ERROR, null, error);
    }
  }

  /** The client's close cut the run short: an error state whose error is the cancellation. */
  record Cancelled<V, R, C>(Throwable cause) implements MutationAction<V, R, C> {
    @Override
    public MutationState<V, R, C> reduce(MutationState<V, R, C> s) {
      return Draft.settled(s, MutationStatus.ERROR, null, cause);
    }
  }

  /**
   * A state being derived from another: starts as a copy, each rule sets what it changes,
   * {@link #build()} makes the immutable state. A run's identity (its id, key, variables and
   * submission time) never changes.
   */
  final class Draft<V, R, C> {
    private final MutationState<V, R, C> from;
    MutationStatus status;
    @Nullable C context;
    @Nullable R result;
    @Nullable Throwable error;
    int failureCount;
    @Nullable Throwable failureReason;
    boolean isPaused;

    Draft(MutationState<V, R, C> from) {
      this.from = from;
      status = from.status();
      context = from.context();
      result = from.result();
      error = from.error();
      failureCount = from.failureCount();
      failureReason = from.failureReason();
      isPaused = from.isPaused();
    }

    /** {@code s} settled in {@code status}, with its result or its error. */
    static <V, R, C> MutationState<V, R, C> settled(
        MutationState<V, R, C> s, MutationStatus status, @Nullable R result, @Nullable Throwable error) {
      Draft<V, R, C> next = new Draft<>(s);
      next.status = status;
      next.result = result;
      next.error = error;
      return next.build();
    }

    MutationState<V, R, C> build() {
      return new MutationState<>(
          from.id(), from.name(), from.mutationKey(), status, from.variables(), context, result, error, from.submittedAt(),
          failureCount, failureReason, isPaused);
    }
  }
}
