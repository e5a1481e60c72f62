package dev.querycache;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an infinite query's observer sees at one moment: the query's result, whose data is the
 * pages, and what lies beyond them (TanStack Query's infinite query result). Immutable.
 *
 * @param result the observer's result of the query
 * @param hasNextPage whether there is a page after the last one: the next page parameter
 *     function gives one (false without pages)
 * @param hasPreviousPage whether there is a page before the first one
 * @param isFetchingNextPage whether the fetch in flight adds the next page
 * @param isFetchingPreviousPage whether the fetch in flight adds the previous page
 * @param isFetchNextPageError whether the query is in error because fetching the next page
 *     failed (its pages are kept)
 * @param isFetchPreviousPageError whether the query is in error because fetching the
 *     previous page failed
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
public record InfiniteQueryResult<P, Q>(
    QueryResult<InfiniteData<P, Q>> result,
    boolean hasNextPage,
    boolean hasPreviousPage,
    boolean isFetchingNextPage,
    boolean isFetchingPreviousPage,
    boolean isFetchNextPageError,
    boolean isFetchPreviousPageError) {
  /**
   * Checks the components.
   *
   * @param result see {@link #result()}
   * @param hasNextPage see {@link #hasNextPage()}
   * @param hasPreviousPage see {@link #hasPreviousPage()}
   * @param isFetchingNextPage see {@link #isFetchingNextPage()}
   * @param isFetchingPreviousPage see {@link #isFetchingPreviousPage()}
   * @param isFetchNextPageError see {@link #isFetchNextPageError()}
   * @param isFetchPreviousPageError see {@link #isFetchPreviousPageError()}
   * @throws NullPointerException if {@code result} is null
   */
  public InfiniteQueryResult {
    java.util.Objects.requireNonNull(result, "result == null");
  }

  /**
   * The pages and their parameters, or null before the first page.
   *
   * @return the data
   */
  public @Nullable InfiniteData<P, Q> data() {
    return result.data();
  }

  /**
   * The pages so far, first to last.
   *
   * @return the pages; empty before the first page
   */
  public List<P> pages() {
    InfiniteData<P, Q> data = result.data();
    return data == null ? List.of() : data.pages();
  }

  /**
   * Whether the query has pages, an error, or neither.
   *
   * @return the status
   */
  public QueryStatus status() {
    return result.status();
  }

  /**
   * The error of the last failed fetch (of any page), or null.
   *
   * @return the error
   */
  public @Nullable Throwable error() {
    return result.error();
  }

  /**
   * The first page is loading: no pages yet and fetching.
   *
   * @return {@code result().isLoading()}
   */
  public boolean isLoading() {
    return result.isLoading();
  }

  /**
   * A fetch runs: the first page, more pages, or a refetch.
   *
   * @return {@code result().isFetching()}
   */
  public boolean isFetching() {
    return result.isFetching();
  }

  /**
   * The pages are being fetched again from the first (a refetch, an invalidation), not a page
   * being added.
   *
   * @return whether a refetch of the pages runs while pages are shown
   */
  public boolean isRefetching() {
    return result.isRefetching() && !isFetchingNextPage && !isFetchingPreviousPage;
  }
}
