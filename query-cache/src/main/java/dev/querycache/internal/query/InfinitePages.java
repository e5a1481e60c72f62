package dev.querycache.internal.query;

import dev.querycache.AsyncPageFunction;
import dev.querycache.AsyncQueryFunction;
import dev.querycache.InfiniteData;
import dev.querycache.PageContext;
import dev.querycache.PageDirection;
import dev.querycache.PageFunction;
import dev.querycache.PageParamFunction;
import dev.querycache.QueryContext;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The query function of an infinite query: what one fetch does to its pages, by the direction
 * the fetch was started with (TanStack Query's infinite query behaviour).
 *
 * <ul>
 *   <li>Forward or backward, with pages: fetches the page beyond that edge (its parameter from
 *       the page parameter function) and adds it there; with no page beyond (the function
 *       gives null), the data stays as it is. Beyond {@code maxPages}, the pages at the other
 *       end are dropped.
 *   <li>Otherwise (the first load, a refetch, an invalidation): fetches from the first page
 *       again, in order, as many pages as there were (at least one), each next parameter
 *       computed from the pages just fetched; it stops early where there is no next page.
 * </ul>
 *
 * Between pages, a cancelled fetch stops. A blocking page function runs on the client's fetch
 * executor, one page after the other.
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 */
public final class InfinitePages<P, Q> implements AsyncQueryFunction<InfiniteData<P, Q>> {
  private final @Nullable PageFunction<P, Q> blocking;
  private final @Nullable AsyncPageFunction<P, Q> async;
  private final Q initialPageParam;
  private final PageParamFunction<P, Q> next;
  private final @Nullable PageParamFunction<P, Q> previous;
  private final int maxPages;

  /** One of {@code blocking} and {@code async} is set; {@code maxPages} zero: no bound. */
  public InfinitePages(@Nullable PageFunction<P, Q> blocking, @Nullable AsyncPageFunction<P, Q> async,
      Q initialPageParam, PageParamFunction<P, Q> next, @Nullable PageParamFunction<P, Q> previous, int maxPages) {
    this.blocking = blocking;
    this.async = async;
    this.initialPageParam = initialPageParam;
    this.next = next;
    this.previous = previous;
    this.maxPages = maxPages;
  }

  /** The parameter of the page after the last one, or null (also without pages). */
  public @Nullable Q nextParam(@Nullable InfiniteData<P, Q> data) {
    if (data == null || data.size() == 0) {
      return null;
    }
    int last = data.size() - 1;
    return next.pageParam(data.pages().get(last), data.pageParams().get(last), data);
  }

  /** The parameter of the page before the first one, or null (also without pages or function). */
  public @Nullable Q previousParam(@Nullable InfiniteData<P, Q> data) {
    PageParamFunction<P, Q> function = previous;
    if (function == null || data == null || data.size() == 0) {
      return null;
    }
    return function.pageParam(data.pages().get(0), data.pageParams().get(0), data);
  }

  @Override
  public CompletionStage<InfiniteData<P, Q>> fetch(QueryContext<InfiniteData<P, Q>> context) {
    Fetch<?> fetch = context.signal() instanceof Fetch<?> f ? f : null;
    PageDirection direction = fetch == null ? null : fetch.direction();
    Executor executor = fetch == null ? Runnable::run : fetch.fetchExecutor();
    BooleanSupplier cancelled = fetch == null ? context.signal()::isCancelled : fetch::wasCancelled;
    @SuppressWarnings("unchecked") // the fetch is of this query, whose data is InfiniteData<P, Q>
    InfiniteData<P, Q> old = fetch == null ? null : (InfiniteData<P, Q>) fetch.dataBefore();
    if (direction != null && old != null && old.size() > 0) {
      Q param = direction == PageDirection.FORWARD ? nextParam(old) : previousParam(old);
      if (param == null) {
        return CompletableFuture.completedFuture(old);
      }
      return page(context, cancelled, param, direction, executor).thenApply(page -> add(old, page, param, direction));
    }
    int count = old == null ? 0 : old.size();
    Q first = old == null || count == 0 ? initialPageParam : old.pageParams().get(0);
    return page(context, cancelled, first, null, executor)
        .thenCompose(page -> rest(context, cancelled, add(InfiniteData.empty(), page, first, PageDirection.FORWARD), count, executor));
  }

  /** The pages after the first of a fetch from the first page, until {@code count} or the end. */
  private CompletionStage<InfiniteData<P, Q>> rest(QueryContext<InfiniteData<P, Q>> context, BooleanSupplier cancelled,
      InfiniteData<P, Q> sofar, int count, Executor executor) {
    if (sofar.size() >= count) {
      return CompletableFuture.completedFuture(sofar);
    }
    Q param = nextParam(sofar);
    if (param == null) {
      return CompletableFuture.completedFuture(sofar);
    }
    return page(context, cancelled, param, null, executor)
        .thenCompose(page -> rest(context, cancelled, add(sofar, page, param, PageDirection.FORWARD), count, executor));
  }

  private CompletionStage<P> page(QueryContext<InfiniteData<P, Q>> context, BooleanSupplier cancelled, Q param,
      @Nullable PageDirection direction, Executor executor) {
    if (cancelled.getAsBoolean()) {
      return CompletableFuture.failedFuture(new CancellationException("the fetch was cancelled"));
    }
    PageContext<Q> page = new PageContext<>(context.key(), param, direction, context.signal(), context.meta());
    AsyncPageFunction<P, Q> function = async;
    if (function != null) {
      try {
        return function.fetch(page).thenApply(p -> requirePage(p, param));
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    PageFunction<P, Q> fetcher = java.util.Objects.requireNonNull(blocking);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return requirePage(fetcher.fetch(page), param);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, executor);
  }

  private P requirePage(@Nullable P page, Q param) {
    if (page == null) {
      throw new NullPointerException("the page function gave null for page " + param);
    }
    return page;
  }

  /** {@code data} with {@code page} added on its {@code direction} side, within {@code maxPages}. */
  private InfiniteData<P, Q> add(InfiniteData<P, Q> data, P page, Q param, PageDirection direction) {
    boolean forward = direction == PageDirection.FORWARD;
    InfiniteData<P, Q> grown = forward ? data.append(page, param) : data.prepend(page, param);
    int excess = maxPages > 0 ? grown.size() - maxPages : 0;
    return excess > 0 ? grown.drop(excess, forward) : grown;
  }
}
