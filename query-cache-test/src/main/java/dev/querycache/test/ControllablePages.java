package dev.querycache.test;

import dev.querycache.AsyncPageFunction;
import dev.querycache.PageContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A page function of an infinite query driven by the test, as {@link ControllableQuery} is a
 * query function: every page asked for is recorded and stays pending until the test answers
 * it, so a test decides when each page lands, and sees which pages a refetch asks for in
 * which order.
 *
 * <pre>{@code
 * ControllablePages<EnvelopePage, Integer> server = new ControllablePages<>();
 * InfiniteQueryOptions<EnvelopePage, Integer> inbox = InfiniteQueryOptions.builder(INBOX)
 *     .asyncPageFetcher(server).initialPageParam(0)
 *     .nextPageParam((page, n, data) -> page.hasMore() ? n + 1 : null).build();
 * InfiniteQueryObserver<EnvelopePage, Integer> list = client.observeInfinite(inbox, screen);
 * server.resolve(firstPage);          // page 0 lands
 * list.fetchNextPage();
 * server.resolve(secondPage);         // page 1 lands after it
 * }</pre>
 *
 * <p>Look-ups that find nothing throw {@link AssertionError} with the list of calls. Thread-safe.
 *
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
public final class ControllablePages<P, Q> implements AsyncPageFunction<P, Q> {
  private final CallLog<PageCall<P, Q>> log = new CallLog<>("the page function");

  /** A page function with no calls yet. */
  public ControllablePages() {}

  /**
   * Records the call and returns its pending outcome. Called by the client.
   *
   * @param context the page asked for
   * @return a stage the test completes through the recorded {@link PageCall}
   * @throws NullPointerException if {@code context} is null
   */
  @Override
  public CompletionStage<P> fetch(PageContext<Q> context) {
    Objects.requireNonNull(context, "context == null");
    return log.add(index -> new PageCall<>(index, context)).future();
  }

  /**
   * Every call so far.
   *
   * @return an immutable list, in call order
   */
  public List<PageCall<P, Q>> calls() {
    return log.all();
  }

  /**
   * The parameters of every page asked for so far, in call order: what a test of a refetch
   * looks at.
   *
   * @return an immutable list
   */
  public List<Q> pageParams() {
    return log.all().stream().map(PageCall::pageParam).toList();
  }

  /**
   * The latest call.
   *
   * @return the call
   * @throws AssertionError if the function was never called
   */
  public PageCall<P, Q> latestCall() {
    return log.latest();
  }

  /**
   * Answers the latest call with {@code page}.
   *
   * @param page the page
   * @throws NullPointerException if {@code page} is null
   * @throws AssertionError if the function was never called
   * @throws IllegalStateException if the latest call was already settled
   */
  public void resolve(P page) {
    Objects.requireNonNull(page, "page == null");
    log.latest().resolve(page);
  }

  /**
   * Fails the latest call with {@code error}.
   *
   * @param error the failure
   * @throws NullPointerException if {@code error} is null
   * @throws AssertionError if the function was never called
   * @throws IllegalStateException if the latest call was already settled
   */
  public void fail(Throwable error) {
    Objects.requireNonNull(error, "error == null");
    log.latest().fail(error);
  }

  /**
   * Lists the calls, for failure messages.
   *
   * @return such as {@code ControllablePages[#0 page 0: resolved with ...]}
   */
  @Override
  public String toString() {
    return "ControllablePages" + log.all();
  }
}
