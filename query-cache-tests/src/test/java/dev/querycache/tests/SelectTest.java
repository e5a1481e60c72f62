package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of an observer's {@code select}, as TanStack Query's: the observer shows a
 * projection of the query's data; the function runs once per piece of data; its projection is
 * structurally shared; a function that throws or gives null turns that observer's result into
 * an error and nothing else. Time is virtual.
 */
class SelectTest {
  record Row(String id, boolean read) {}

  record Page(List<Row> rows, int unread) {}

  private static final QueryKey<Page> INBOX = QueryKey.of("inbox");

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<Page> server = new ControllableQuery<>();
  private final QueryOptions<Page> inbox = QueryOptions.builder(INBOX).asyncFetcher(server).build();
  private final List<QueryResult<Integer>> counts = new ArrayList<>();
  private final AtomicInteger selectRuns = new AtomicInteger();
  private final Function<Page, Integer> unread = page -> {
    selectRuns.incrementAndGet();
    return page.unread();
  };

  @AfterEach
  void close() {
    client.close();
  }

  private static Page page(int unread, String... unreadIds) {
    List<Row> rows = new ArrayList<>();
    for (String id : unreadIds) {
      rows.add(new Row(id, false));
    }
    return new Page(List.copyOf(rows), unread);
  }

  private QueryResult<Integer> lastCount() {
    return counts.get(counts.size() - 1);
  }

  @Test
  void theObserverShowsTheProjectionOfTheData() {
    QueryObserver<Integer> observer = client.observe(inbox, unread, counts::add);

    server.resolve(page(2, "a", "b"));

    assertThat(lastCount().data()).isEqualTo(2);
    assertThat(lastCount().status()).isEqualTo(QueryStatus.SUCCESS);
    assertThat(observer.result().data()).isEqualTo(2);
  }

  @Test
  void theCacheKeepsTheDataAsFetched() {
    client.observe(inbox, unread, counts::add);

    server.resolve(page(2, "a", "b"));

    assertThat(client.getQueryData(INBOX)).contains(page(2, "a", "b"));
  }

  @Test
  void whileThereIsNoDataTheFunctionDoesNotRun() {
    client.observe(inbox, unread, counts::add);

    assertThat(lastCount().isPending()).isTrue();
    assertThat(lastCount().data()).isNull();
    assertThat(selectRuns).hasValue(0);
  }

  @Test
  void theFunctionRunsOncePerPieceOfData() {
    QueryObserver<Integer> observer = client.observe(inbox, unread, counts::add);
    server.resolve(page(2, "a", "b"));

    client.invalidateQueries(dev.querycache.QueryFilter.all()); // new results, same data
    observer.result();

    assertThat(counts.size()).as("the invalidation and its refetch were delivered").isGreaterThan(1);
    assertThat(selectRuns).hasValue(1);
  }

  @Test
  void aRefetchThatBringsEqualDataDoesNotRunTheFunctionAgain() {
    client.observe(inbox, unread, counts::add);
    server.resolve(page(2, "a", "b"));

    client.invalidateQueries(dev.querycache.QueryFilter.all());
    server.resolve(page(2, "a", "b")); // equal, so the cache keeps the old reference

    assertThat(selectRuns).hasValue(1);
  }

  @Test
  void newDataRunsTheFunctionAgain() {
    client.observe(inbox, unread, counts::add);
    server.resolve(page(2, "a", "b"));

    client.setQueryData(INBOX, page(1, "b"));

    assertThat(lastCount().data()).isEqualTo(1);
    assertThat(selectRuns).hasValue(2);
  }

  @Test
  void anEqualProjectionOfNewDataKeepsTheOldReference() {
    List<QueryResult<List<Row>>> unreadRows = new ArrayList<>();
    client.observe(inbox, page -> List.copyOf(page.rows()), unreadRows::add);
    server.resolve(page(2, "a", "b"));
    List<Row> first = unreadRows.get(unreadRows.size() - 1).data();

    client.setQueryData(INBOX, new Page(page(2, "a", "b").rows(), 5)); // the rows are equal

    assertThat(unreadRows.get(unreadRows.size() - 1).data()).isSameAs(first);
  }

  @Test
  void aChangedProjectionKeepsTheReferencesOfItsEqualElements() {
    List<QueryResult<List<Row>>> unreadRows = new ArrayList<>();
    client.observe(inbox, page -> List.copyOf(page.rows()), unreadRows::add);
    server.resolve(page(2, "a", "b"));
    Row a = unreadRows.get(unreadRows.size() - 1).data().get(0);

    client.setQueryData(INBOX, page(3, "a", "b", "c"));

    List<Row> now = unreadRows.get(unreadRows.size() - 1).data();
    assertThat(now).hasSize(3);
    assertThat(now.get(0)).isSameAs(a);
  }

  @Test
  void aFunctionThatThrowsMakesTheObserversResultAnErrorHoldingWhatItThrew() {
    IllegalStateException broken = new IllegalStateException("no unread count");
    client.<Page, Integer>observe(inbox, page -> {
      throw broken;
    }, counts::add);

    server.resolve(page(2, "a", "b"));

    assertThat(lastCount().status()).isEqualTo(QueryStatus.ERROR);
    assertThat(lastCount().error()).isSameAs(broken);
    assertThat(client.getQueryState(INBOX).orElseThrow().status())
        .as("the query itself succeeded").isEqualTo(QueryStatus.SUCCESS);
  }

  @Test
  void aFunctionThatGivesNullMakesTheResultAnErrorNamingIt() {
    client.observe(inbox, page -> (Integer) null, counts::add);

    server.resolve(page(2, "a", "b"));

    assertThat(lastCount().status()).isEqualTo(QueryStatus.ERROR);
    assertThat(lastCount().error())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("select function gave null");
    assertThat(client.getQueryData(INBOX)).contains(page(2, "a", "b"));
  }

  @Test
  void afterAFailureTheResultKeepsTheLastProjectionAndTheNextDataRecovers() {
    client.observe(inbox, page -> {
      if (page.unread() < 0) {
        throw new IllegalArgumentException("negative count");
      }
      return page.unread();
    }, counts::add);
    server.resolve(page(2, "a", "b"));

    client.setQueryData(INBOX, page(-1));
    assertThat(lastCount().isError()).isTrue();
    assertThat(lastCount().data()).as("the last good projection").isEqualTo(2);

    client.setQueryData(INBOX, page(1, "b"));
    assertThat(lastCount().isSuccess()).isTrue();
    assertThat(lastCount().data()).isEqualTo(1);
    assertThat(lastCount().error()).isNull();
  }

  @Test
  void aFailingFunctionLeavesOtherObserversOfTheQueryAlone() {
    List<QueryResult<Page>> pages = new ArrayList<>();
    client.observe(inbox, pages::add);
    client.<Page, Integer>observe(inbox, page -> {
      throw new IllegalStateException("broken");
    }, counts::add);

    server.resolve(page(2, "a", "b"));

    assertThat(pages.get(pages.size() - 1).isSuccess()).isTrue();
    assertThat(lastCount().isError()).isTrue();
  }

  @Test
  void placeholderDataIsProjectedToo() {
    QueryOptions<Page> withPlaceholder =
        QueryOptions.builder(INBOX).asyncFetcher(server).placeholderData(page(0)).build();

    client.observe(withPlaceholder, unread, counts::add);

    assertThat(lastCount().isPlaceholderData()).isTrue();
    assertThat(lastCount().data()).isEqualTo(0);
  }

  @Test
  void refetchGivesTheProjection() {
    QueryObserver<Integer> observer = client.observe(inbox, unread, counts::add);
    server.resolve(page(2, "a", "b"));

    CompletableFuture<Integer> refetched = observer.refetch();
    server.resolve(page(1, "b"));

    assertThat(refetched).isCompletedWithValue(1);
  }

  @Test
  void anotherFunctionRunsAtOnceAndTheSameFunctionKeepsItsMemo() {
    QueryObserver<Integer> observer = client.observe(inbox, unread, counts::add);
    server.resolve(page(2, "a", "b"));

    observer.setOptions(inbox, unread);
    assertThat(selectRuns).as("the same function object keeps its memo").hasValue(1);

    observer.setOptions(inbox, page -> page.rows().size() * 10);
    assertThat(lastCount().data()).isEqualTo(20);
  }

  @Test
  void setOptionsWithoutAFunctionStopsSelecting() {
    QueryObserver<Page> observer = client.observe(inbox, page -> page, results -> {});
    server.resolve(page(2, "a", "b"));

    observer.setOptions(inbox);

    assertThat(observer.result().data()).isEqualTo(page(2, "a", "b"));
  }

  @Test
  void anObserverFollowsANewKeyWithItsFunction() {
    QueryKey<Page> archive = QueryKey.of("archive");
    QueryObserver<Integer> observer = client.observe(inbox, unread, counts::add);
    server.resolve(page(2, "a", "b"));

    observer.setOptions(QueryOptions.builder(archive).asyncFetcher(server).build(), unread);
    server.resolve(page(7));

    assertThat(observer.key()).isEqualTo(archive);
    assertThat(lastCount().data()).isEqualTo(7);
  }
}
