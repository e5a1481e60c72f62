package dev.querycache;

/**
 * Fetches one page of an infinite query, blocking; run on the client's fetch executor.
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
@FunctionalInterface
public interface PageFunction<P, Q> {
  /**
   * Fetches the page {@code context} names.
   *
   * @param context the page's parameter, the direction and the cancellation signal
   * @return the page; never null
   * @throws Exception any failure, which fails the fetch (and is retried by its policy)
   */
  P fetch(PageContext<Q> context) throws Exception;
}
