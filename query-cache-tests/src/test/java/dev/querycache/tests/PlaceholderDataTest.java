package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of placeholder data ({@code placeholderData}), as TanStack Query's: while the
 * query has no data and loads, an observer's result shows the placeholder with a success
 * status and says it is one; the cache never holds it; a function of the previous data keeps
 * the previous page on screen while the next loads. Time is virtual.
 */
class PlaceholderDataTest {
  record Page(int number, List<String> rows) {}

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<Page> server = new ControllableQuery<>();
  private final List<QueryResult<Page>> results = new ArrayList<>();

  @AfterEach
  void close() {
    client.close();
  }

  private static QueryKey<Page> page(int number) {
    return QueryKey.of("pages", number);
  }

  private QueryOptions.Builder<Page> options(int number) {
    return QueryOptions.builder(page(number)).asyncFetcher(server);
  }

  private QueryResult<Page> last() {
    return results.get(results.size() - 1);
  }

  private QueryObserver<Page> observe(QueryOptions<Page> options) {
    return client.observe(options, results::add);
  }

  @Test
  void whileTheFirstLoadRunsTheResultShowsThePlaceholderWithASuccessStatus() {
    Page skeleton = new Page(1, List.of("…"));

    observe(options(1).placeholderData(skeleton).build());

    assertThat(last().data()).isEqualTo(skeleton);
    assertThat(last().isPlaceholderData()).isTrue();
    assertThat(last().status()).isEqualTo(QueryStatus.SUCCESS);
    assertThat(last().fetchStatus()).as("the first load still runs").isEqualTo(FetchStatus.FETCHING);
  }

  @Test
  void theQuerysDataReplacesThePlaceholderWhenItLands() {
    observe(options(1).placeholderData(new Page(1, List.of("…"))).build());

    server.resolve(new Page(1, List.of("a", "b")));

    assertThat(last().data()).isEqualTo(new Page(1, List.of("a", "b")));
    assertThat(last().isPlaceholderData()).isFalse();
  }

  @Test
  void theCacheNeverHoldsThePlaceholder() {
    observe(options(1).placeholderData(new Page(1, List.of("…"))).build());

    assertThat(client.getQueryData(page(1))).isEmpty();
    assertThat(client.getQueryState(page(1)).orElseThrow().status()).isEqualTo(QueryStatus.PENDING);
  }

  @Test
  void thePreviousPageStaysOnScreenWhileTheNextLoads() {
    QueryObserver<Page> observer = observe(options(1).placeholderData(previous -> previous).build());
    server.resolve(new Page(1, List.of("a")));

    observer.setOptions(options(2).placeholderData(previous -> previous).build());

    assertThat(last().key()).isEqualTo(page(2));
    assertThat(last().data()).isEqualTo(new Page(1, List.of("a")));
    assertThat(last().isPlaceholderData()).isTrue();
    server.resolve(new Page(2, List.of("b")));
    assertThat(last().data()).isEqualTo(new Page(2, List.of("b")));
    assertThat(last().isPlaceholderData()).isFalse();
  }

  @Test
  void withNoPreviousDataTheFunctionGetsNull() {
    List<Page> seen = new ArrayList<>();

    observe(options(1).placeholderData(previous -> {
      seen.add(previous);
      return previous;
    }).build());

    assertThat(seen).containsExactly((Page) null);
    assertThat(last().isPlaceholderData()).as("null: no placeholder").isFalse();
    assertThat(last().isPending()).isTrue();
  }

  @Test
  void theFunctionRunsOncePerStretchOfLoading() {
    AtomicInteger calls = new AtomicInteger();
    observe(options(1).placeholderData(previous -> {
      calls.incrementAndGet();
      return new Page(0, List.of());
    }).build());

    client.invalidateQueries(QueryFilter.exact(page(1))); // a change delivered while it loads

    assertThat(calls).hasValue(1);
  }

  @Test
  void aQueryInErrorShowsItsErrorNotThePlaceholder() {
    observe(options(1).placeholderData(new Page(1, List.of("…"))).retry(0).build());

    server.fail(new IOException("down"));

    assertThat(last().isError()).isTrue();
    assertThat(last().isPlaceholderData()).isFalse();
    assertThat(last().data()).isNull();
  }

  @Test
  void aQueryWithDataNeverShowsThePlaceholder() {
    client.setQueryData(page(1), new Page(1, List.of("cached")));

    observe(options(1).placeholderData(new Page(1, List.of("…"))).build());

    assertThat(last().data()).isEqualTo(new Page(1, List.of("cached")));
    assertThat(last().isPlaceholderData()).isFalse();
  }

  @Test
  void aFunctionThatThrowsIsReportedAndShowsNoPlaceholder() {
    try (LogCapture log = LogCapture.open(LogCapture.CALLBACKS)) {
      observe(options(1).placeholderData(previous -> {
        throw new IllegalStateException("no skeleton");
      }).build());

      assertThat(last().isPending()).isTrue();
      assertThat(last().isPlaceholderData()).isFalse();
      assertThat(log.text()).contains("placeholderData").contains("no skeleton");
    }
  }

  @Test
  void theObserversCurrentResultShowsThePlaceholderToo() {
    QueryObserver<Page> observer = observe(options(1).placeholderData(new Page(1, List.of("…"))).build());

    assertThat(observer.result().isPlaceholderData()).isTrue();
    assertThat(observer.result().data()).isEqualTo(new Page(1, List.of("…")));
  }
}
