package dev.querycache;

import java.util.concurrent.CompletionStage;

/**
 * Starts fetching one page of an infinite query without blocking; called on the thread that
 * starts the fetch (or completes the page before).
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncPageFunction<P, Q> {
  /**
   * Starts fetching the page {@code context} names.
   *
   * @param context the page's parameter, the direction and the cancellation signal
   * @return a stage completed with the page (never null) or with the failure
   * @throws Exception a failure to start, which fails the fetch like a failed stage
   */
  CompletionStage<P> fetch(PageContext<Q> context) throws Exception;
}
