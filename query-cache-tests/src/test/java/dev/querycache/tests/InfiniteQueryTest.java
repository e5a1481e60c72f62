package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryObserver;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.InfiniteQueryResult;
import dev.querycache.PageDirection;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllablePages;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of infinite queries, as TanStack Query's: pages fetched one after the other,
 * the next and previous page found by the page parameter functions, a bound on the pages
 * kept, and a refetch that fetches the pages again in order from the first. Time is virtual.
 */
class InfiniteQueryTest {
  /** A page of rows; {@code more}: whether the server has a page after it. */
  record Page(List<String> rows, boolean more) {}

  private static final QueryKey<InfiniteData<Page, Integer>> FEED = QueryKey.of("feed");

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllablePages<Page, Integer> server = new ControllablePages<>();
  private final List<InfiniteQueryResult<Page, Integer>> results = new ArrayList<>();

  @AfterEach
  void close() {
    client.close();
  }

  private InfiniteQueryOptions.Builder<Page, Integer> feed() {
    return InfiniteQueryOptions.builder(FEED)
        .asyncPageFetcher(server)
        .initialPageParam(0)
        .nextPageParam((page, number, data) -> page.more() ? number + 1 : null)
        .previousPageParam((page, number, data) -> number > 0 ? number - 1 : null)
        .retry(0);
  }

  private InfiniteQueryObserver<Page, Integer> observe(InfiniteQueryOptions<Page, Integer> options) {
    return client.observeInfinite(options, results::add);
  }

  private InfiniteQueryResult<Page, Integer> last() {
    return results.get(results.size() - 1);
  }

  private static Page page(String... rows) {
    return new Page(List.of(rows), true);
  }

  private static Page lastPage(String... rows) {
    return new Page(List.of(rows), false);
  }

  @Test
  void anObserverLoadsTheFirstPageWithTheInitialParameter() {
    observe(feed().build());

    assertThat(server.pageParams()).containsExactly(0);
    assertThat(server.latestCall().direction()).isNull();
    server.resolve(page("a", "b"));

    assertThat(last().pages()).containsExactly(page("a", "b"));
    assertThat(last().data().pageParams()).containsExactly(0);
    assertThat(last().hasNextPage()).isTrue();
  }

  @Test
  void fetchNextPageAddsThePageAfterTheLastOne() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));

    CompletableFuture<InfiniteData<Page, Integer>> more = feed.fetchNextPage();
    assertThat(server.latestCall().pageParam()).isEqualTo(1);
    assertThat(server.latestCall().direction()).isEqualTo(PageDirection.FORWARD);
    server.resolve(page("b"));

    assertThat(last().pages()).containsExactly(page("a"), page("b"));
    assertThat(more).isCompletedWithValue(last().data());
  }

  @Test
  void whileTheNextPageLoadsTheResultSaysSoAndKeepsThePages() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));

    feed.fetchNextPage();

    assertThat(last().isFetchingNextPage()).isTrue();
    assertThat(last().isFetchingPreviousPage()).isFalse();
    assertThat(last().isRefetching()).as("adding a page is not a refetch").isFalse();
    assertThat(last().pages()).containsExactly(page("a"));
  }

  @Test
  void theLastPageSaysThereIsNoNextPage() {
    observe(feed().build());

    server.resolve(lastPage("a"));

    assertThat(last().hasNextPage()).isFalse();
  }

  @Test
  void fetchNextPageWithoutANextPageKeepsThePagesAndAsksNothing() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(lastPage("a"));

    CompletableFuture<InfiniteData<Page, Integer>> more = feed.fetchNextPage();

    assertThat(server.calls()).hasSize(1);
    assertThat(more).isCompletedWithValue(last().data());
    assertThat(last().pages()).containsExactly(lastPage("a"));
  }

  @Test
  void fetchPreviousPageAddsThePageBeforeTheFirstOne() {
    InfiniteQueryObserver<Page, Integer> feed =
        observe(feed().initialPageParam(5).build());
    server.resolve(page("e"));
    assertThat(last().hasPreviousPage()).isTrue();

    feed.fetchPreviousPage();
    assertThat(server.latestCall().pageParam()).isEqualTo(4);
    assertThat(last().isFetchingPreviousPage()).isTrue();
    server.resolve(page("d"));

    assertThat(last().pages()).containsExactly(page("d"), page("e"));
    assertThat(last().data().pageParams()).containsExactly(4, 5);
  }

  @Test
  void withoutAPreviousPageFunctionThereIsNoPreviousPage() {
    InfiniteQueryOptions<Page, Integer> forwardOnly = InfiniteQueryOptions.builder(FEED)
        .asyncPageFetcher(server).initialPageParam(3)
        .nextPageParam((page, number, data) -> number + 1).build();
    InfiniteQueryObserver<Page, Integer> feed = observe(forwardOnly);
    server.resolve(page("c"));

    feed.fetchPreviousPage();

    assertThat(last().hasPreviousPage()).isFalse();
    assertThat(server.calls()).hasSize(1);
  }

  @Test
  void aRefetchFetchesEveryPageAgainInOrderFromTheFirst() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));
    feed.fetchNextPage();
    server.resolve(page("b"));
    feed.fetchNextPage();
    server.resolve(page("c"));

    client.invalidateQueries(QueryFilter.exact(FEED));
    server.resolve(page("a2"));
    server.resolve(page("b2"));
    server.resolve(page("c2"));

    assertThat(server.pageParams()).containsExactly(0, 1, 2, 0, 1, 2);
    assertThat(last().pages()).containsExactly(page("a2"), page("b2"), page("c2"));
    assertThat(last().isFetching()).isFalse();
  }

  @Test
  void theOldPagesStayOnScreenUntilTheRefetchOfEveryPageLands() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));
    feed.fetchNextPage();
    server.resolve(page("b"));

    feed.refetch();
    server.resolve(page("a2"));

    assertThat(last().isRefetching()).isTrue();
    assertThat(last().pages()).containsExactly(page("a"), page("b"));
  }

  @Test
  void aRefetchStopsWhereTheServerHasNoMorePages() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));
    feed.fetchNextPage();
    server.resolve(page("b"));

    feed.refetch();
    server.resolve(lastPage("a2")); // the list shrank to one page

    assertThat(server.pageParams()).containsExactly(0, 1, 0);
    assertThat(last().pages()).containsExactly(lastPage("a2"));
  }

  @Test
  void maxPagesDropsTheFirstPageWhenANextPageArrives() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().maxPages(2).build());
    server.resolve(page("a"));
    feed.fetchNextPage();
    server.resolve(page("b"));

    feed.fetchNextPage();
    server.resolve(page("c"));

    assertThat(last().pages()).containsExactly(page("b"), page("c"));
    assertThat(last().data().pageParams()).containsExactly(1, 2);
    assertThat(last().hasPreviousPage()).isTrue();
  }

  @Test
  void maxPagesDropsTheLastPageWhenAPreviousPageArrives() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().maxPages(2).initialPageParam(1).build());
    server.resolve(page("b"));
    feed.fetchNextPage();
    server.resolve(page("c"));

    feed.fetchPreviousPage();
    server.resolve(page("a"));

    assertThat(last().pages()).containsExactly(page("a"), page("b"));
  }

  @Test
  void aFailedNextPageKeepsThePagesAndSaysWhichFetchFailed() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));

    feed.fetchNextPage();
    server.fail(new IOException("offline"));

    assertThat(last().status()).isEqualTo(QueryStatus.ERROR);
    assertThat(last().isFetchNextPageError()).isTrue();
    assertThat(last().isFetchPreviousPageError()).isFalse();
    assertThat(last().pages()).containsExactly(page("a"));
  }

  @Test
  void cancelRefetchFalseJoinsTheFetchInFlight() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));
    feed.fetchNextPage();

    feed.fetchNextPage(false);

    assertThat(server.calls()).hasSize(2);
    assertThat(server.latestCall().isCancelled()).isFalse();
  }

  @Test
  void aSecondFetchNextPageReplacesTheFirstByDefault() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));
    feed.fetchNextPage();

    feed.fetchNextPage();

    assertThat(server.calls()).hasSize(3);
    assertThat(server.calls().get(1).isCancelled()).isTrue();
    assertThat(server.latestCall().pageParam()).as("the same next page, asked again").isEqualTo(1);
  }

  @Test
  void theCacheHoldsThePagesLikeAnyData() {
    observe(feed().build());
    server.resolve(page("a"));

    client.updateQueryData(FEED, data -> data.append(page("written"), 9));

    assertThat(last().pages()).containsExactly(page("a"), page("written"));
    assertThat(client.getQueryData(FEED).orElseThrow().pageParams()).containsExactly(0, 9);
  }

  @Test
  void anOptimisticPatchReachesEveryPageAndRollsBack() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a", "b"));
    feed.fetchNextPage();
    server.resolve(page("c", "b2"));
    dev.querycache.test.ControllableMutation<String, Boolean> remove = new dev.querycache.test.ControllableMutation<>();
    dev.querycache.Mutation<String, Boolean, Void> removeRow = client.asyncMutation(remove)
        .optimistic(FEED, (InfiniteData<Page, Integer> data, String row) -> data.mapPages(
            p -> p.rows().contains(row) ? new Page(p.rows().stream().filter(r -> !r.equals(row)).toList(), p.more()) : p))
        .errorMessage("Failed to remove the row")
        .build();

    removeRow.mutate("b");
    assertThat(last().pages()).containsExactly(page("a"), page("c", "b2"));
    assertThat(last().data().pageParams()).containsExactly(0, 1);

    remove.latestCall().fail(new IOException("refused"));
    assertThat(last().pages()).containsExactly(page("a", "b"), page("c", "b2"));
  }

  @Test
  void flatMapGivesTheItemsOfEveryPageInOrder() {
    InfiniteData<Page, Integer> data = InfiniteData.<Page, Integer>empty().append(page("a", "b"), 0).append(page("c"), 1);

    assertThat(data.flatMap(Page::rows)).containsExactly("a", "b", "c");
  }

  @Test
  void mapPagesThatChangesNothingKeepsTheData() {
    InfiniteData<Page, Integer> data = InfiniteData.<Page, Integer>empty().append(page("a"), 0);

    assertThat(data.mapPages(p -> p)).isSameAs(data);
  }

  @Test
  void fetchQueryOfTheQueryOptionsLoadsTheFirstPage() {
    CompletableFuture<InfiniteData<Page, Integer>> fetched = client.fetchQuery(feed().build().queryOptions());

    server.resolve(page("a"));

    assertThat(fetched.join().pages()).containsExactly(page("a"));
  }

  @Test
  void aNextPageParameterFunctionThatThrowsFailsTheFetchThatNeedsIt() {
    InfiniteQueryOptions<Page, Integer> broken = InfiniteQueryOptions.builder(FEED)
        .asyncPageFetcher(server).initialPageParam(0).retry(0)
        .nextPageParam((page, number, data) -> {
          throw new IllegalStateException("no cursor");
        }).build();
    InfiniteQueryObserver<Page, Integer> feed = observe(broken);
    server.resolve(page("a"));
    assertThat(last().hasNextPage()).as("a throwing function means no next page").isFalse();

    CompletableFuture<InfiniteData<Page, Integer>> more = feed.fetchNextPage();

    assertThat(more).isCompletedExceptionally();
    assertThat(last().isFetchNextPageError()).isTrue();
    assertThat(last().pages()).containsExactly(page("a"));
  }

  @Test
  void cancellingARefetchOfThePagesPutsTheOldPagesBack() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));
    feed.fetchNextPage();
    server.resolve(page("b"));
    feed.refetch();
    server.resolve(page("a2")); // the second page is still being asked for

    client.cancelQueries(QueryFilter.exact(FEED));

    assertThat(server.latestCall().isCancelled()).isTrue();
    assertThat(last().pages()).containsExactly(page("a"), page("b"));
    assertThat(last().isFetching()).isFalse();
    assertThat(last().status()).isEqualTo(QueryStatus.SUCCESS);
  }

  @Test
  void aCancelledRefetchAsksForNoFurtherPage() {
    InfiniteQueryObserver<Page, Integer> feed = observe(feed().build());
    server.resolve(page("a"));
    feed.fetchNextPage();
    server.resolve(page("b"));
    feed.fetchNextPage();
    server.resolve(page("c"));
    feed.refetch();

    client.cancelQueries(QueryFilter.exact(FEED));
    server.resolve(page("a2")); // the server answers the first page anyway

    assertThat(server.pageParams()).as("no page after the cancelled one").containsExactly(0, 1, 2, 0);
    assertThat(last().pages()).containsExactly(page("a"), page("b"), page("c"));
  }

  @Test
  void aPageFunctionThatThrowsFailsTheFetchAndKeepsThePages() {
    InfiniteQueryObserver<Page, Integer> feed = observe(InfiniteQueryOptions.builder(FEED)
        .pageFetcher(context -> {
          if (context.pageParam() > 0) {
            throw new IOException("page " + context.pageParam() + " is gone");
          }
          return page("a");
        })
        .initialPageParam(0).retry(0)
        .nextPageParam((page, number, data) -> number + 1).build());
    time.runDue();

    CompletableFuture<InfiniteData<Page, Integer>> more = feed.fetchNextPage();
    time.runDue();

    assertThat(more).isCompletedExceptionally();
    assertThat(last().error()).hasMessage("page 1 is gone");
    assertThat(last().isFetchNextPageError()).isTrue();
    assertThat(client.getQueryData(FEED).orElseThrow().pages()).containsExactly(page("a"));
  }

  @Test
  void aPageFunctionThatGivesNullFailsTheFetchNamingThePage() {
    observe(InfiniteQueryOptions.builder(FEED)
        .pageFetcher(context -> null).initialPageParam(0).retry(0)
        .nextPageParam((page, number, data) -> null).build());
    time.runDue();

    assertThat(last().status()).isEqualTo(QueryStatus.ERROR);
    assertThat(last().error()).hasMessageContaining("page function gave null for page 0");
  }

  @Test
  void optionsWithoutWhatTheyNeedAreRefusedByName() {
    assertThatThrownBy(() -> InfiniteQueryOptions.builder(FEED).initialPageParam(0)
        .nextPageParam((page, number, data) -> null).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("pageFetcher");
    assertThatThrownBy(() -> InfiniteQueryOptions.builder(FEED).asyncPageFetcher(server)
        .nextPageParam((page, number, data) -> null).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("initialPageParam");
    assertThatThrownBy(() -> InfiniteQueryOptions.builder(FEED).asyncPageFetcher(server).initialPageParam(0).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nextPageParam");
    assertThatThrownBy(() -> feed().maxPages(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPages");
  }
}
