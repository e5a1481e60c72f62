package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * Gives the parameter of the page beyond an edge of an infinite query's data (TanStack
 * Query's {@code getNextPageParam} and {@code getPreviousPageParam}): for the next page, from
 * the last page; for the previous page, from the first. A cursor API reads it from the page
 * ({@code (page, param, data) -> page.nextCursor()}), a numbered one counts
 * ({@code (page, param, data) -> param + 1}).
 *
 * <p>Runs on the thread that fetches, or that computes an observer's result (to tell whether
 * there is a next page); never under a lock of the library. It should be fast and pure.
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
@FunctionalInterface
public interface PageParamFunction<P, Q> {
  /**
   * The parameter of the page beyond {@code page}, or null if there is none.
   *
   * @param page the page at the edge: the last one for the next page, the first for the
   *     previous
   * @param pageParam the parameter {@code page} was fetched with
   * @param data every page so far
   * @return the parameter, or null: no more pages that way
   */
  @Nullable Q pageParam(P page, Q pageParam, InfiniteData<P, Q> data);
}
