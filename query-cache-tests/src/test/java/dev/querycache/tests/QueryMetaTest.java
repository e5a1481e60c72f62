package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.CachedQuery;
import dev.querycache.QueryClient;
import dev.querycache.QueryContext;
import dev.querycache.QueryFilter;
import dev.querycache.QueryHooks;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of query meta data (TanStack Query's {@code meta}): what the application
 * attaches to options reaches the query function's context, the query hooks and filter
 * predicates, unchanged and immutable.
 */
class QueryMetaTest {
  private final VirtualTime time = new VirtualTime();
  private final List<String> toasts = new CopyOnWriteArrayList<>();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster())
      .queryHooks(new QueryHooks() {
        @Override
        public void onError(Throwable error, CachedQuery<?> query) {
          Object message = query.meta().get("errorMessage");
          if (message != null) {
            toasts.add(message.toString());
          }
        }
      })
      .build();
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryKey<String> reports = QueryKey.of("reports");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions<String> withMeta() {
    return QueryOptions.builder(reports).asyncFetcher(server).retry(RetryPolicy.never())
        .meta(Map.of("errorMessage", "Could not load the reports", "owner", "finance")).build();
  }

  @Test
  void theEventsOfTheQueryCarryItsMeta() {
    List<dev.querycache.QueryEvent<?>> events = new ArrayList<>();
    client.onQueryEvent(events::add);

    client.prefetchQuery(withMeta());
    server.resolve("q3");

    assertThat(events).isNotEmpty()
        .allSatisfy(event -> assertThat(event.meta()).containsEntry("owner", "finance"));
  }

  @Test
  void theEventsOfAQueryWithoutMetaCarryAnEmptyMap() {
    List<dev.querycache.QueryEvent<?>> events = new ArrayList<>();
    client.onQueryEvent(events::add);

    client.setQueryData(reports, "written");

    assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.meta()).isEmpty());
  }

  @Test
  void theQueryFunctionFindsTheMetaInItsContext() {
    List<Map<String, Object>> seen = new ArrayList<>();
    client.fetchQuery(QueryOptions.builder(reports)
        .fetcher((QueryContext<String> context) -> {
          seen.add(context.meta());
          return "ok";
        })
        .meta(Map.of("owner", "finance")).build());
    time.runDue();

    assertThat(seen).containsExactly(Map.of("owner", "finance"));
  }

  @Test
  void aQueryHookReadsTheMetaOfTheQueryThatFailed() {
    client.observe(withMeta(), result -> {});

    server.fail(new IOException("down"));

    assertThat(toasts).containsExactly("Could not load the reports");
  }

  @Test
  void filterPredicatesSeeTheMeta() {
    client.observe(withMeta(), result -> {});

    List<CachedQuery<?>> finance =
        client.getQueries(QueryFilter.all().where(query -> "finance".equals(query.meta().get("owner"))));

    assertThat(finance).hasSize(1);
    assertThat((Object) finance.get(0).key()).isEqualTo(reports);
  }

  @Test
  void optionsWithoutMetaHaveAnEmptyMap() {
    assertThat(QueryOptions.builder(reports).build().meta()).isEmpty();
    assertThat(server.callCount()).isZero();
  }

  @Test
  void theMetaIsCopiedAndImmutable() {
    Map<String, Object> mutable = new HashMap<>(Map.of("owner", "finance"));
    QueryOptions<String> options = QueryOptions.builder(reports).meta(mutable).build();

    mutable.put("owner", "sales");

    assertThat(options.meta()).containsEntry("owner", "finance");
    assertThatThrownBy(() -> options.meta().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }
}
