package dev.querycache.test;

import dev.querycache.PageContext;
import dev.querycache.PageDirection;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One recorded call of a {@link ControllablePages}: the page asked for (its parameter and
 * direction), its cancellation signal, and its outcome, pending until the test settles it.
 * Settling hands the page to the client on the calling thread, as {@link QueryCall} does: with
 * a client built by {@link VirtualTime#clientBuilder()}, the fetch has gone on (to the next
 * page of a refetch, or to its end) by the time the method returns. Thread-safe.
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
public final class PageCall<P, Q> {
  private final int index;
  private final PageContext<Q> context;
  private final Settlement<P> settlement;

  PageCall(int index, PageContext<Q> context) {
    this.index = index;
    this.context = context;
    this.settlement = new Settlement<>("call #" + index + " of the page function for " + context.key()
        + " page " + context.pageParam());
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
   * The parameter of the page asked for.
   *
   * @return the parameter
   */
  public Q pageParam() {
    return context.pageParam();
  }

  /**
   * Which way the query grows, or null for a page of a fetch from the first page.
   *
   * @return the direction
   */
  public @Nullable PageDirection direction() {
    return context.direction();
  }

  /**
   * The context the client passed to the page function.
   *
   * @return the context
   */
  public PageContext<Q> context() {
    return context;
  }

  /**
   * Whether the client cancelled the fetch this page belongs to.
   *
   * @return {@code true} once cancelled
   */
  public boolean isCancelled() {
    return context.signal().isCancelled();
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
   * Answers with {@code page}, as the server would.
   *
   * @param page the page; not null
   * @throws NullPointerException if {@code page} is null
   * @throws IllegalStateException if the call was already settled
   */
  public void resolve(P page) {
    settlement.resolve(page);
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

  CompletableFuture<P> future() {
    return settlement.future();
  }

  /**
   * Describes the call for failure messages.
   *
   * @return such as {@code #0 page 0 (FORWARD): pending}
   */
  @Override
  public String toString() {
    return "#" + index + " page " + context.pageParam() + (context.direction() == null ? "" : " (" + context.direction() + ")")
        + ": " + settlement.outcome();
  }
}
