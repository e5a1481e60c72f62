package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.Refetch;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link QuerySettings#STATIC} (TanStack Query's {@code staleTime: 'static'}):
 * data that never goes stale, not even invalidated, and that nothing refetches but an explicit
 * refetch; a query without data still loads. Time is virtual.
 */
class StaticStaleTimeTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryKey<String> terms = QueryKey.of("legal", "terms");
  private final List<QueryResult<String>> results = new ArrayList<>();

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions.Builder<String> options() {
    return QueryOptions.builder(terms).asyncFetcher(server).staleTime(QuerySettings.STATIC);
  }

  private QueryObserver<String> observeLoaded() {
    QueryObserver<String> observer = client.observe(options().build(), results::add);
    server.resolve("v1");
    return observer;
  }

  @Test
  void aQueryWithoutDataStillLoads() {
    observeLoaded();

    assertThat(server.callCount()).isEqualTo(1);
    assertThat(client.getQueryData(terms)).contains("v1");
  }

  @Test
  void staticDataIsNeverStaleNotEvenInvalidated() {
    observeLoaded();

    client.invalidateQueries(QueryFilter.exact(terms));

    assertThat(results.get(results.size() - 1).isStale()).isFalse();
    assertThat(client.getQueryState(terms).orElseThrow().isInvalidated()).as("marked, all the same").isTrue();
  }

  @Test
  void anInvalidationDoesNotRefetchIt() {
    observeLoaded();

    client.invalidateQueries(QueryFilter.exact(terms));

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void refetchQueriesSkipsIt() {
    observeLoaded();

    client.refetchQueries(QueryFilter.all());

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void neitherAMountWithAlwaysNorFocusNorReconnectRefetchesIt() {
    observeLoaded();

    client.observe(options().refetchOnMount(Refetch.ALWAYS).build(), result -> {});
    client.focusChanged(false);
    client.focusChanged(true);
    client.onlineChanged(false);
    client.onlineChanged(true);

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void anObserversOwnRefetchStillFetches() {
    QueryObserver<String> observer = observeLoaded();

    observer.refetch();

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void fetchQueryAnswersWithTheCachedDataEvenInvalidated() {
    observeLoaded();
    client.invalidateQueries(QueryFilter.exact(terms));

    assertThat(client.fetchQuery(options().build())).isCompletedWithValue("v1");
    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void foreverIsMadeStaleByAnInvalidationUnlikeStatic() {
    client.observe(options().staleTime(QuerySettings.FOREVER).build(), results::add);
    server.resolve("v1");

    client.invalidateQueries(QueryFilter.exact(terms));

    assertThat(server.callCount()).isEqualTo(2);
  }
}
