package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ControllableQueryTest {
  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().build();
  final ControllableQuery<String> server = new ControllableQuery<>();
  final QueryKey<String> todos = QueryKey.of("todos");
  final QueryKey<String> users = QueryKey.of("users");

  private QueryOptions<String> options(QueryKey<String> key) {
    return QueryOptions.builder(key).asyncFetcher(server).retry(0).build();
  }

  @Test
  void aCallStaysPendingUntilResolved() {
    CompletableFuture<String> data = client.fetchQuery(options(todos));

    assertThat(data).isNotDone();
    assertThat(client.isFetching(QueryFilter.all())).isEqualTo(1);
    server.resolve("walk the dog");

    assertThat(data).isCompletedWithValue("walk the dog");
    assertThat(client.getQueryData(todos)).contains("walk the dog");
  }

  @Test
  void failingACallFailsTheFetch() {
    CompletableFuture<String> data = client.fetchQuery(options(todos));

    server.fail(new IOException("503"));

    assertThat(data).isCompletedExceptionally();
    assertThat(client.getQueryState(todos).orElseThrow().status()).isEqualTo(QueryStatus.ERROR);
  }

  @Test
  void everyCallIsRecordedWithItsKeyInCallOrder() {
    client.fetchQuery(options(todos));
    client.fetchQuery(options(users));

    assertThat(server.callCount()).isEqualTo(2);
    assertThat(server.calls()).extracting(QueryCall::key).containsExactly(todos, users);
    assertThat(server.call(1).index()).isEqualTo(1);
    assertThat(server.latestCall().key()).isEqualTo(users);
  }

  @Test
  void aCallCanBeSettledOutOfOrder() {
    CompletableFuture<String> first = client.fetchQuery(options(todos));
    CompletableFuture<String> second = client.fetchQuery(options(users));

    server.call(0).resolve("todo");

    assertThat(first).isCompletedWithValue("todo");
    assertThat(second).isNotDone();
    assertThat(server.pendingCalls()).extracting(QueryCall::key).containsExactly(users);
  }

  @Test
  void resolveWhereAnswersEveryPendingCallWhoseKeyMatches() {
    CompletableFuture<String> first = client.fetchQuery(options(todos));
    CompletableFuture<String> second = client.fetchQuery(options(users));

    int answered = server.resolveWhere(users::equals, "ada");

    assertThat(answered).isEqualTo(1);
    assertThat(second).isCompletedWithValue("ada");
    assertThat(first).isNotDone();
  }

  @Test
  void failWhereFailsEveryPendingCallWhoseKeyMatches() {
    CompletableFuture<String> data = client.fetchQuery(options(todos));

    server.failWhere(key -> key.startsWith(QueryKey.of("todos")), new IOException("offline"));

    assertThat(data).isCompletedExceptionally();
  }

  @Test
  void aMatchThatFindsNothingFailsWithTheListOfCalls() {
    client.fetchQuery(options(todos));

    assertThatThrownBy(() -> server.resolveWhere(users::equals, "ada"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no pending call of the query function matches")
        .hasMessageContaining("#0 [\"todos\"]: pending");
  }

  @Test
  void settlingACallTwiceFailsNamingTheCall() {
    client.fetchQuery(options(todos));
    server.resolve("once");

    assertThatThrownBy(() -> server.resolve("twice"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call #0 of the query function for [\"todos\"] was already resolved with once");
  }

  @Test
  void resolvingANeverCalledFunctionFails() {
    assertThatThrownBy(() -> server.resolve("data"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("the query function was never called");
  }

  @Test
  void askingForAMissingCallListsTheCalls() {
    client.fetchQuery(options(todos));

    assertThatThrownBy(() -> server.call(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("has no call #3")
        .hasMessageContaining("#0 [\"todos\"]");
  }

  @Test
  void aCancelledCallShowsItsSignalAndItsLateAnswerIsDiscarded() {
    client.fetchQuery(options(todos));

    client.cancelQueries(QueryFilter.exact(todos));
    assertThat(server.latestCall().isCancelled()).isTrue();
    assertThat(server.latestCall().signal().isCancelled()).isTrue();
    server.resolve("late");

    assertThat(client.getQueryData(todos)).isEmpty();
  }

  @Test
  void aRetryIsANewCallAfterTheBackoff() {
    client.fetchQuery(QueryOptions.builder(todos).asyncFetcher(server).retry(1).build());
    server.fail(new IOException("flaky"));

    assertThat(server.callCount()).isEqualTo(1);
    time.advance(Duration.ofSeconds(1));

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> server.resolve(null)).hasMessageContaining("value");
    assertThatThrownBy(() -> server.fail(null)).hasMessageContaining("error");
    assertThatThrownBy(() -> server.resolveWhere(null, "x")).hasMessageContaining("matching");
    assertThatThrownBy(() -> server.fetch(null)).hasMessageContaining("context");
  }
}
