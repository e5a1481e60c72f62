package dev.querycache;

import dev.querycache.internal.query.InfinitePages;
import dev.querycache.internal.query.ObserverCore;
import dev.querycache.internal.query.QueryEngine;
import dev.querycache.internal.runtime.Callbacks;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A live view of an infinite query that can load more pages: a {@link QueryObserver} of the
 * pages, whose results also say whether there is a next or previous page and whether one is
 * loading. Made by
 * {@link QueryClient#observeInfinite(InfiniteQueryOptions, Consumer)}; {@link #close()} ends
 * it. Everything {@link QueryObserver} says about retention, refetching, the listener and
 * threads holds here; a refetch (on mount, focus, reconnect, an invalidation) fetches every
 * page again, in order, from the first.
 *
 * <p>Thread-safe: any method may be called from any thread.
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
public final class InfiniteQueryObserver<P, Q> implements AutoCloseable {
  private final ObserverCore<InfiniteData<P, Q>> core;
  private volatile InfiniteQueryOptions<P, Q> options;

  @SuppressWarnings("unchecked") // the core shows the pages themselves (no select)
  InfiniteQueryObserver(
      QueryEngine engine, InfiniteQueryOptions<P, Q> options, Consumer<? super InfiniteQueryResult<P, Q>> listener) {
    this.options = options;
    this.core = new ObserverCore<>(engine, options.queryOptions(), null,
        result -> listener.accept(infinite((QueryResult<InfiniteData<P, Q>>) result)));
  }

  void open() {
    core.open();
  }

  /**
   * The result as of now, computed on the calling thread.
   *
   * @return the current result
   */
  @SuppressWarnings("unchecked") // as in the constructor
  public InfiniteQueryResult<P, Q> result() {
    return infinite((QueryResult<InfiniteData<P, Q>>) core.result());
  }

  /**
   * The key observed now.
   *
   * @return the key
   */
  public QueryKey<?> key() {
    return core.key();
  }

  /**
   * Fetches the page after the last one and adds it (TanStack Query's {@code fetchNextPage}),
   * replacing a fetch in flight, as TanStack Query does by default. Without pages, it loads
   * the first page; without a next page, it completes with the pages as they are.
   *
   * @return a future of the pages; it fails with the fetch's error, or with a
   *     {@link java.util.concurrent.CancellationException} if the fetch is cancelled
   * @throws IllegalStateException if the observer or its client is closed
   */
  public CompletableFuture<InfiniteData<P, Q>> fetchNextPage() {
    return fetchNextPage(true);
  }

  /**
   * Fetches the next page, as {@link #fetchNextPage()} does; with {@code cancelRefetch}
   * false, a fetch already in flight (a next page the user asked for a moment ago, a refetch)
   * is joined instead of replaced: an infinite scroll that asks on every scroll event then
   * fetches each page once.
   *
   * @param cancelRefetch whether to replace a fetch in flight
   * @return a future of the pages, as for {@link #fetchNextPage()}
   * @throws IllegalStateException if the observer or its client is closed
   */
  public CompletableFuture<InfiniteData<P, Q>> fetchNextPage(boolean cancelRefetch) {
    return fetchPage(PageDirection.FORWARD, cancelRefetch);
  }

  /**
   * Fetches the page before the first one and adds it (TanStack Query's
   * {@code fetchPreviousPage}), replacing a fetch in flight. Without a previous page (or
   * without a previous page function), it completes with the pages as they are.
   *
   * @return a future of the pages, as for {@link #fetchNextPage()}
   * @throws IllegalStateException if the observer or its client is closed
   */
  public CompletableFuture<InfiniteData<P, Q>> fetchPreviousPage() {
    return fetchPreviousPage(true);
  }

  /**
   * Fetches the previous page; see {@link #fetchNextPage(boolean)} for {@code cancelRefetch}.
   *
   * @param cancelRefetch whether to replace a fetch in flight
   * @return a future of the pages, as for {@link #fetchNextPage()}
   * @throws IllegalStateException if the observer or its client is closed
   */
  public CompletableFuture<InfiniteData<P, Q>> fetchPreviousPage(boolean cancelRefetch) {
    return fetchPage(PageDirection.BACKWARD, cancelRefetch);
  }

  @SuppressWarnings("unchecked") // the core's query holds the pages
  private CompletableFuture<InfiniteData<P, Q>> fetchPage(PageDirection direction, boolean cancelRefetch) {
    return (CompletableFuture<InfiniteData<P, Q>>) core.fetchPage(direction, cancelRefetch);
  }

  /**
   * Fetches every page again, in order, from the first, even if the pages are fresh.
   *
   * @return a future of the pages, as for {@link #fetchNextPage()}
   * @throws IllegalStateException if the observer or its client is closed
   */
  @SuppressWarnings("unchecked") // as above
  public CompletableFuture<InfiniteData<P, Q>> refetch() {
    return (CompletableFuture<InfiniteData<P, Q>>) core.refetch();
  }

  /**
   * Switches to other options, as {@link QueryObserver#setOptions(QueryOptions)} does.
   *
   * @param next the new options
   * @throws NullPointerException if {@code next} is null
   * @throws IllegalStateException if the observer or its client is closed
   */
  public void setOptions(InfiniteQueryOptions<P, Q> next) {
    Objects.requireNonNull(next, "next == null");
    options = next;
    core.setOptions(next.queryOptions(), null);
  }

  /** Stops observing, as {@link QueryObserver#close()} does. Idempotent. */
  @Override
  public void close() {
    core.close();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return core.isClosed();
  }

  private InfiniteQueryResult<P, Q> infinite(QueryResult<InfiniteData<P, Q>> result) {
    InfiniteQueryOptions<P, Q> opts = options;
    InfiniteData<P, Q> data = result.data();
    boolean hasNext = data != null && edge(opts.pages(), data, true) != null;
    boolean hasPrevious = data != null && opts.hasPreviousPageParam() && edge(opts.pages(), data, false) != null;
    PageDirection fetching = result.isFetching() ? core.fetchingDirection() : null;
    PageDirection last = result.isError() ? core.lastFetchDirection() : null;
    return new InfiniteQueryResult<>(result, hasNext, hasPrevious,
        fetching == PageDirection.FORWARD, fetching == PageDirection.BACKWARD,
        last == PageDirection.FORWARD, last == PageDirection.BACKWARD);
  }

  /** The parameter beyond an edge; a function that throws is reported and means none. */
  private @Nullable Q edge(InfinitePages<P, Q> pages, InfiniteData<P, Q> data, boolean next) {
    Object[] param = new Object[1];
    Callbacks.run(next ? "the nextPageParam function" : "the previousPageParam function", core.key(),
        () -> param[0] = next ? pages.nextParam(data) : pages.previousParam(data));
    @SuppressWarnings("unchecked") // the function gives a Q
    Q found = (Q) param[0];
    return found;
  }

  @Override
  public String toString() {
    return "Infinite" + core;
  }
}
