package dev.querycache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmokeTest {
  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().build();

  @Test
  void basics() throws Exception {
    QueryKey<Integer> key = QueryKey.of("a", 1);
    assertThat(client.getQueryData(key)).isEmpty();
    client.setQueryData(key, 5);
    assertThat(client.getQueryData(key)).contains(5);
    client.updateQueryData(key, v -> v + 1);
    assertThat(client.getQueryData(key)).contains(6);

    AtomicInteger calls = new AtomicInteger();
    QueryOptions<String> opts = QueryOptions.of(QueryKey.of("b"), ctx -> "x" + calls.incrementAndGet());
    assertThat(client.fetchQuery(opts).get()).isEqualTo("x1");
    List<QueryResult<String>> seen = new ArrayList<>();
    QueryObserver<String> obs = client.observe(opts, seen::add);
    assertThat(seen).isNotEmpty();
    assertThat(obs.result().data()).isEqualTo("x2");
    client.invalidateQueries(QueryFilter.prefix("b")).get();
    assertThat(obs.result().data()).isEqualTo("x3");
    obs.close();
    time.advance(Duration.ofMinutes(6));
    assertThat(client.getQueryData(QueryKey.of("b"))).isEmpty();
    assertThat(client.getQueries(QueryFilter.all())).hasSize(0);

    CompletableFuture<String> pending = new CompletableFuture<>();
    QueryOptions<String> slow = QueryOptions.<String>builder(QueryKey.of("c")).asyncFetcher(ctx -> pending).build();
    CompletableFuture<String> f = client.fetchQuery(slow);
    assertThat(client.isFetching(QueryFilter.all())).isEqualTo(1);
    client.cancelQueries(QueryFilter.prefix("c"));
    assertThat(f).isCancelled();
    pending.complete("late");
    assertThat(client.getQueryData(QueryKey.of("c"))).isEmpty();
    assertThat(client.getQueryState(QueryKey.of("c")).get().fetchStatus()).isEqualTo(FetchStatus.IDLE);
  }
}
