package dev.querycache.bench;

import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryObserver;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * W11: refetching an infinite query. One infinite query holds {@code pages} pages of
 * {@value #ROWS} rows, observed; each refetch fetches every page again, in order from the
 * first, each next page parameter computed from the pages just fetched. The page function
 * answers at once (a completed future) with a page built beforehand, except that the first
 * page changes at every refetch, so each refetch brings new data and notifies the observer.
 * Reports the library's nanoseconds per page fetched.
 */
final class InfiniteRefetch {
  /** Rows per page. */
  static final int ROWS = 50;

  private static final QueryKey<InfiniteData<List<Integer>, Integer>> FEED = QueryKey.of("feed");

  private InfiniteRefetch() {}

  static Line run(int pages, int refetches, Rounds rounds) {
    List<List<Integer>> built = new ArrayList<>();
    for (int p = 0; p < pages; p++) {
      List<Integer> rows = new ArrayList<>();
      for (int r = 0; r < ROWS; r++) {
        rows.add(p * ROWS + r);
      }
      built.add(List.copyOf(rows));
    }
    long[] notified = new long[1];
    int[] refetch = new int[1];
    double nanos = rounds.nanosPerOp((long) pages * refetches, () -> {
      QueryClient client = Keys.newClient();
      InfiniteQueryOptions<List<Integer>, Integer> feed = InfiniteQueryOptions.builder(FEED)
          .asyncPageFetcher(context -> CompletableFuture.completedFuture(
              context.pageParam() == 0 ? List.of(-refetch[0]) : built.get(context.pageParam())))
          .initialPageParam(0)
          .nextPageParam((page, number, data) -> number + 1 < pages ? number + 1 : null)
          .build();
      InfiniteQueryObserver<List<Integer>, Integer> observer = client.observeInfinite(feed, result -> notified[0]++);
      while (observer.result().hasNextPage()) {
        observer.fetchNextPage().join();
      }
      long start = System.nanoTime();
      for (int r = 0; r < refetches; r++) {
        refetch[0]++;
        observer.refetch().join();
      }
      long elapsed = System.nanoTime() - start;
      if (observer.result().pages().size() != pages) {
        throw new IllegalStateException("W11 lost pages: " + observer.result().pages().size() + " of " + pages);
      }
      observer.close();
      client.close();
      return elapsed;
    });
    return new Line("W11", pages).with("ops", (long) pages * refetches).with("ns_per_op", nanos)
        .with("pages", pages).with("refetches", refetches).with("rows_per_page", ROWS)
        .with("notified", notified[0])
        .with("note", "ns per page of an infinite query refetched in order from the first, pages answered at once");
  }
}
