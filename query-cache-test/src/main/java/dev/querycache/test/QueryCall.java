package dev.querycache.test;

import dev.querycache.CancellationSignal;
import dev.querycache.QueryContext;
import dev.querycache.QueryKey;
import java.util.concurrent.CompletableFuture;

/**
 * One recorded call of a {@link ControllableQuery}: the key it fetches, its cancellation
 * signal, and its outcome, which stays pending until the test settles it with
 * {@link #resolve(Object)} or {@link #fail(Throwable)}.
 *
 * <p>Settling hands the outcome to the client on the calling thread: with a client built by
 * {@link VirtualTime#clientBuilder()}, the data has landed (or the failure been handled, a
 * retry scheduled) and the observers been told by the time the method returns. A call whose
 * fetch was {@linkplain #isCancelled() cancelled} can still be settled, as a server that
 * ignores the cancellation would answer; the client discards that late answer.
 *
 * <p>Thread-safe.
 *
 * @param <T> the type of the data
 * @since 0.1.0
 */
public final class QueryCall<T> {
  private final int index;
  private final QueryContext<T> context;
  private final Settlement<T> settlement;

  QueryCall(int index, QueryContext<T> context) {
    this.index = index;
    this.context = context;
    this.settlement = new Settlement<>("call #" + index + " of the query function for " + context.key());
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
   * The key being fetched.
   *
   * @return the key
   */
  public QueryKey<T> key() {
    return context.key();
  }

  /**
   * The context the client passed to the query function.
   *
   * @return the context
   */
  public QueryContext<T> context() {
    return context;
  }

  /**
   * The fetch's cancellation signal.
   *
   * @return the signal
   */
  public CancellationSignal signal() {
    return context.signal();
  }

  /**
   * Whether the client cancelled this fetch ({@code cancelQueries}, a replacing refetch, an
   * optimistic mutation's first step, the query's removal).
   *
   * @return {@code true} once cancelled
   */
  public boolean isCancelled() {
    return context.signal().isCancelled();
  }

  /**
   * Whether the test has not settled the call yet (cancellation does not settle it).
   *
   * @return {@code true} until {@link #resolve} or {@link #fail} is called
   */
  public boolean isPending() {
    return settlement.isPending();
  }

  /**
   * Answers the call with {@code value}, as the server would.
   *
   * @param value the data; not null (a query function never returns null)
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalStateException if the call was already settled
   */
  public void resolve(T value) {
    settlement.resolve(value);
  }

  /**
   * Fails the call with {@code error}, as a failed request would.
   *
   * @param error the failure the client sees
   * @throws NullPointerException if {@code error} is null
   * @throws IllegalStateException if the call was already settled
   */
  public void fail(Throwable error) {
    settlement.fail(error);
  }

  CompletableFuture<T> future() {
    return settlement.future();
  }

  /**
   * Describes the call for failure messages.
   *
   * @return such as {@code #0 ["todos"]: pending (cancelled)}
   */
  @Override
  public String toString() {
    return "#" + index + " " + context.key() + ": " + settlement.outcome() + (isCancelled() ? " (cancelled)" : "");
  }
}
