package dev.querycache.test;

import java.util.concurrent.CompletableFuture;

/**
 * One recorded call of a {@link ControllableMutation}: its variables and its outcome, which
 * stays pending until the test settles it with {@link #resolve(Object)} or
 * {@link #fail(Throwable)}.
 *
 * <p>Settling hands the outcome to the client on the calling thread: with a client built by
 * {@link VirtualTime#clientBuilder()}, the mutation's success or error path (rollback,
 * callbacks, toast, settle invalidation and the refetches it starts) has run by the time the
 * method returns, up to the first refetch that waits on a server of its own.
 *
 * <p>Thread-safe.
 *
 * @param <V> the variables
 * @param <R> the server's result
 * @since 0.1.0
 */
public final class MutationCall<V, R> {
  private final int index;
  private final V variables;
  private final Settlement<R> settlement;

  MutationCall(int index, V variables) {
    this.index = index;
    this.variables = variables;
    this.settlement = new Settlement<>("call #" + index + " of the mutation function (variables " + variables + ")");
  }

  /**
   * The call's number, counting from 0 in call order.
   *
   * @return the index
   */
  public int index() {
    return index;
  }

  /**
   * The variables the call was made with.
   *
   * @return the variables
   */
  public V variables() {
    return variables;
  }

  /**
   * Whether the test has not settled the call yet.
   *
   * @return {@code true} until {@link #resolve} or {@link #fail} is called
   */
  public boolean isPending() {
    return settlement.isPending();
  }

  /**
   * Answers the call with {@code result}: the server accepted the write.
   *
   * @param result the server's result; not null (use a placeholder such as {@code true})
   * @throws NullPointerException if {@code result} is null
   * @throws IllegalStateException if the call was already settled
   */
  public void resolve(R result) {
    settlement.resolve(result);
  }

  /**
   * Fails the call with {@code error}: the server refused the write or could not be reached.
   *
   * @param error the failure the mutation sees
   * @throws NullPointerException if {@code error} is null
   * @throws IllegalStateException if the call was already settled
   */
  public void fail(Throwable error) {
    settlement.fail(error);
  }

  CompletableFuture<R> future() {
    return settlement.future();
  }

  /**
   * Describes the call for failure messages.
   *
   * @return such as {@code #1 n3: failed with java.io.IOException: 503}
   */
  @Override
  public String toString() {
    return "#" + index + " " + variables + ": " + settlement.outcome();
  }
}
