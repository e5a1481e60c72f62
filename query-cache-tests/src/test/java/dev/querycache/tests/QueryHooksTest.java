package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.CachedQuery;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryHooks;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryStatus;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of the client-level query hooks (TanStack Query's query cache callbacks):
 * once per fetch that ends, whatever the number of observers, after the state changed, on the
 * notify executor; not for a cancelled fetch nor for data written by hand; isolated. Time is
 * virtual.
 */
class QueryHooksTest {
  private final VirtualTime time = new VirtualTime();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final QueryHooks recording = new QueryHooks() {
    @Override
    public void onSuccess(Object data, CachedQuery<?> query) {
      heard.add("success " + query.key() + " " + data + " " + query.state().status());
    }

    @Override
    public void onError(Throwable error, CachedQuery<?> query) {
      heard.add("error " + query.key() + " " + error.getMessage() + " " + query.state().status());
    }

    @Override
    public void onSettled(@Nullable Object data, @Nullable Throwable error, CachedQuery<?> query) {
      heard.add("settled " + data + " " + (error == null ? null : error.getMessage()));
    }
  };
  private final QueryClient client =
      time.clientBuilder().toaster(new RecordingToaster()).queryHooks(recording).build();
  private final ControllableQuery<Integer> server = new ControllableQuery<>();
  private final QueryKey<Integer> count = QueryKey.of("count");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions<Integer> options() {
    return QueryOptions.builder(count).asyncFetcher(server).retry(RetryPolicy.never()).build();
  }

  @Test
  void aFetchThatLandsRunsOnSuccessThenOnSettledWithTheQueryAsItIsNow() {
    client.observe(options(), result -> {});

    server.resolve(3);

    assertThat(heard).containsExactly("success [\"count\"] 3 SUCCESS", "settled 3 null");
  }

  @Test
  void aFetchThatFailsRunsOnErrorThenOnSettledWithTheQueryInError() {
    client.observe(options(), result -> {});

    server.fail(new IOException("down"));

    assertThat(heard).containsExactly("error [\"count\"] down ERROR", "settled null down");
  }

  @Test
  void aFetchRunsTheHooksOnceWhateverTheNumberOfObservers() {
    client.observe(options(), result -> {});
    client.observe(options(), result -> {});
    client.observe(options(), result -> {});

    server.resolve(3);

    assertThat(heard).hasSize(2);
  }

  @Test
  void aFetchRetriedRunsOnErrorOnceWithTheLastError() {
    client.observe(QueryOptions.builder(count).asyncFetcher(server).retry(RetryPolicy.fixed(2, Duration.ofSeconds(1))).build(),
        result -> {});

    server.fail(new IOException("first"));
    time.advance(Duration.ofSeconds(1));
    server.fail(new IOException("second"));
    time.advance(Duration.ofSeconds(1));
    server.fail(new IOException("third"));

    assertThat(heard).containsExactly("error [\"count\"] third ERROR", "settled null third");
  }

  @Test
  void aCancelledFetchRunsNoHook() {
    client.observe(options(), result -> {});

    client.cancelQueries(QueryFilter.exact(count));

    assertThat(heard).isEmpty();
  }

  @Test
  void dataWrittenByHandIsNotAFetch() {
    client.setQueryData(count, 5);

    assertThat(heard).isEmpty();
  }

  @Test
  void aBackgroundRefetchThatFailsCanBeToldApartFromAFirstLoad() {
    List<String> toasts = new CopyOnWriteArrayList<>();
    QueryClient toasting = time.clientBuilder().toaster(new RecordingToaster()).queryHooks(new QueryHooks() {
      @Override
      public void onError(Throwable error, CachedQuery<?> query) {
        if (query.state().data() != null) {
          toasts.add("Could not refresh " + query.key());
        }
      }
    }).build();
    ControllableQuery<Integer> api = new ControllableQuery<>();
    toasting.observe(QueryOptions.builder(count).asyncFetcher(api).retry(RetryPolicy.never()).build(), result -> {});
    api.resolve(1);

    toasting.invalidateQueries(QueryFilter.exact(count));
    api.fail(new IOException("down"));

    assertThat(toasts).containsExactly("Could not refresh [\"count\"]");
    assertThat(toasting.getQueryState(count).orElseThrow().status()).isEqualTo(QueryStatus.ERROR);
    toasting.close();
  }

  @Test
  void aHookThatThrowsIsLoggedAndTheNextHookStillRuns() {
    List<String> second = new CopyOnWriteArrayList<>();
    QueryClient twoHooks = time.clientBuilder().toaster(new RecordingToaster())
        .queryHooks(new QueryHooks() {
          @Override
          public void onSuccess(Object data, CachedQuery<?> query) {
            throw new IllegalStateException("metrics are down");
          }
        })
        .queryHooks(new QueryHooks() {
          @Override
          public void onSuccess(Object data, CachedQuery<?> query) {
            second.add("success " + data);
          }
        })
        .build();
    ControllableQuery<Integer> api = new ControllableQuery<>();
    try (LogCapture log = LogCapture.open(LogCapture.CALLBACKS)) {
      twoHooks.observe(QueryOptions.builder(count).asyncFetcher(api).build(), result -> {});

      api.resolve(4);

      assertThat(second).containsExactly("success 4");
      assertThat(log.text()).contains("metrics are down");
      assertThat(twoHooks.getQueryData(count)).contains(4);
    }
    twoHooks.close();
  }
}
