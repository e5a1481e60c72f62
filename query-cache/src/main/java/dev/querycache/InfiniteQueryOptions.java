package dev.querycache;

import dev.querycache.internal.query.InfinitePages;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an infinite query fetches and how: a list that loads page after page (a mailbox that
 * loads more envelopes as the user scrolls, a feed, search results), TanStack Query's
 * {@code useInfiniteQuery} options. Its data is an {@link InfiniteData}: the pages so far and
 * the parameter of each.
 *
 * <pre>{@code
 * InfiniteQueryOptions<EnvelopePage, String> inbox = InfiniteQueryOptions.builder(INBOX)
 *     .pageFetcher(context -> api.envelopes(context.pageParam()))   // a cursor, "" for the first
 *     .initialPageParam("")
 *     .nextPageParam((page, cursor, data) -> page.nextCursor())     // null: the last page
 *     .maxPages(20)
 *     .build();
 * }</pre>
 *
 * <p>Observe it with {@link QueryClient#observeInfinite(InfiniteQueryOptions, java.util.function.Consumer)}
 * to load more pages; the rest of the client takes {@link #queryOptions()} like any other
 * options ({@code fetchQuery}, {@code prefetchQuery}, {@code observe}), and an invalidation
 * or refetch fetches every page again, in order, from the first. The settings are those of
 * any query ({@link QuerySettings}), inherited the same way.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
public final class InfiniteQueryOptions<P, Q> {
  private final QueryOptions<InfiniteData<P, Q>> queryOptions;
  private final InfinitePages<P, Q> pages;
  private final Q initialPageParam;
  private final boolean hasPreviousPageParam;
  private final int maxPages;

  private InfiniteQueryOptions(Builder<P, Q> builder, Q initialPageParam, PageParamFunction<P, Q> next) {
    this.pages = new InfinitePages<>(
        builder.blocking, builder.async, initialPageParam, next, builder.previous, builder.maxPages);
    this.queryOptions = QueryOptions.builder(builder.key)
        .apply(new QuerySettings(builder))
        .meta(builder.meta)
        .asyncFetcher(pages)
        .build();
    this.initialPageParam = initialPageParam;
    this.hasPreviousPageParam = builder.previous != null;
    this.maxPages = builder.maxPages;
  }

  /**
   * Starts building options for {@code key}.
   *
   * @param key the key; its data is the pages
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return a builder
   * @throws NullPointerException if {@code key} is null
   */
  public static <P, Q> Builder<P, Q> builder(QueryKey<InfiniteData<P, Q>> key) {
    return new Builder<>(key);
  }

  /**
   * The key.
   *
   * @return the key
   */
  public QueryKey<InfiniteData<P, Q>> key() {
    return queryOptions.key();
  }

  /**
   * These options as the options of a plain query of the pages, for every call of the client
   * that takes {@link QueryOptions}: its function fetches from the first page (as many pages
   * as the query holds) unless an infinite observer asks for a next or previous page.
   *
   * @return the query options
   */
  public QueryOptions<InfiniteData<P, Q>> queryOptions() {
    return queryOptions;
  }

  /**
   * The parameter of the first page.
   *
   * @return the parameter
   */
  public Q initialPageParam() {
    return initialPageParam;
  }

  /**
   * The most pages the query keeps, or zero for no bound.
   *
   * @return the bound
   */
  public int maxPages() {
    return maxPages;
  }

  /** The query function, which also tells what lies beyond the pages. */
  InfinitePages<P, Q> pages() {
    return pages;
  }

  /** Whether the options can fetch previous pages. */
  boolean hasPreviousPageParam() {
    return hasPreviousPageParam;
  }

  @Override
  public String toString() {
    return "InfiniteQueryOptions{" + queryOptions + ", initialPageParam=" + initialPageParam
        + (maxPages > 0 ? ", maxPages=" + maxPages : "") + "}";
  }

  /**
   * Builds {@link InfiniteQueryOptions}; the settings are those of {@link QuerySettings}. Not
   * thread-safe; build once and share the result.
   *
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   */
  public static final class Builder<P, Q> extends QuerySettings.AbstractBuilder<Builder<P, Q>> {
    private final QueryKey<InfiniteData<P, Q>> key;
    private @Nullable PageFunction<P, Q> blocking;
    private @Nullable AsyncPageFunction<P, Q> async;
    private @Nullable Q initialPageParam;
    private @Nullable PageParamFunction<P, Q> next;
    private @Nullable PageParamFunction<P, Q> previous;
    private int maxPages;
    private Map<String, ?> meta = Map.of();

    Builder(QueryKey<InfiniteData<P, Q>> key) {
      this.key = Objects.requireNonNull(key, "key == null");
    }

    /**
     * Sets a blocking page function, run on the client's fetch executor. Replaces any page
     * function set before.
     *
     * @param function fetches one page
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder<P, Q> pageFetcher(PageFunction<P, Q> function) {
      this.blocking = Objects.requireNonNull(function, "function == null");
      this.async = null;
      return this;
    }

    /**
     * Sets a non-blocking page function. Replaces any page function set before.
     *
     * @param function starts fetching one page
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder<P, Q> asyncPageFetcher(AsyncPageFunction<P, Q> function) {
      this.async = Objects.requireNonNull(function, "function == null");
      this.blocking = null;
      return this;
    }

    /**
     * The parameter of the first page (a first cursor, offset zero, page one). Required.
     *
     * @param param the parameter
     * @return this builder
     * @throws NullPointerException if {@code param} is null
     */
    public Builder<P, Q> initialPageParam(Q param) {
      this.initialPageParam = Objects.requireNonNull(param, "param == null");
      return this;
    }

    /**
     * How to find the page after the last one (TanStack Query's {@code getNextPageParam}).
     * Required. Its null answer means there is no next page.
     *
     * @param function the parameter of the next page, from the last page
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder<P, Q> nextPageParam(PageParamFunction<P, Q> function) {
      this.next = Objects.requireNonNull(function, "function == null");
      return this;
    }

    /**
     * How to find the page before the first one (TanStack Query's
     * {@code getPreviousPageParam}), for a list that also grows upwards (a chat's history).
     * Without it, there is no previous page.
     *
     * @param function the parameter of the previous page, from the first page
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder<P, Q> previousPageParam(PageParamFunction<P, Q> function) {
      this.previous = Objects.requireNonNull(function, "function == null");
      return this;
    }

    /**
     * The most pages to keep: a page fetched beyond it drops the page at the other end (the
     * first one for a next page, the last one for a previous page), so a long scroll keeps
     * memory bounded and a refetch fetches at most this many. Zero, the default, keeps every
     * page. With a bound, give {@link #previousPageParam} too if the user scrolls back up.
     *
     * @param maxPages zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code maxPages} is negative
     */
    public Builder<P, Q> maxPages(int maxPages) {
      if (maxPages < 0) {
        throw new IllegalArgumentException("maxPages must not be negative: " + maxPages);
      }
      this.maxPages = maxPages;
      return this;
    }

    /**
     * Information about the query for its page function ({@link PageContext#meta()}), hooks
     * and filters, as {@link QueryOptions.Builder#meta(Map)}.
     *
     * @param meta the entries; copied
     * @return this builder
     * @throws NullPointerException if {@code meta}, a key or a value is null
     */
    public Builder<P, Q> meta(Map<String, ?> meta) {
      this.meta = Map.copyOf(Objects.requireNonNull(meta, "meta == null"));
      return this;
    }

    /**
     * Returns the options built so far.
     *
     * @return immutable options
     * @throws IllegalStateException if no page function, initial page parameter or next page
     *     parameter function was given
     */
    public InfiniteQueryOptions<P, Q> build() {
      if (blocking == null && async == null) {
        throw new IllegalStateException("an infinite query needs a page function: call pageFetcher or asyncPageFetcher");
      }
      Q initial = initialPageParam;
      if (initial == null) {
        throw new IllegalStateException("an infinite query needs the parameter of its first page: call initialPageParam");
      }
      PageParamFunction<P, Q> nextParam = next;
      if (nextParam == null) {
        throw new IllegalStateException("an infinite query needs to know its next page: call nextPageParam");
      }
      return new InfiniteQueryOptions<>(this, initial, nextParam);
    }
  }
}
