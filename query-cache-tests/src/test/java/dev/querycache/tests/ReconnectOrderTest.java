package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order of a reconnection, as TanStack Query has it: the mutations paused while offline
 * resume first, and the queries go on (paused fetches resume, observed stale queries refetch)
 * only once those mutations have settled, so that a list refetched on reconnection already
 * holds the writes made offline. Time is virtual.
 */
class ReconnectOrderTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<List<String>> listServer = new ControllableQuery<>();
  private final ControllableQuery<String> profileServer = new ControllableQuery<>();
  private final ControllableMutation<String, String> addServer = new ControllableMutation<>();
  private final QueryKey<List<String>> todos = QueryKey.of("todos", "list");
  private final QueryKey<String> profile = QueryKey.of("profile");
  private final Mutation<String, String, Void> add =
      client.asyncMutation(addServer).invalidate(QueryFilter.prefix("todos")).build();

  @AfterEach
  void close() {
    client.close();
  }

  private QueryObserver<List<String>> observeTodos() {
    return client.observe(QueryOptions.builder(todos).asyncFetcher(listServer).build(), result -> {});
  }

  private QueryObserver<String> observeProfile() {
    return client.observe(QueryOptions.builder(profile).asyncFetcher(profileServer).build(), result -> {});
  }

  @Test
  void theReconnectRefetchWaitsForTheResumedWrites() {
    try (QueryObserver<List<String>> screen = observeTodos()) {
      listServer.resolve(List.of("a"));
      client.onlineChanged(false);
      CompletableFuture<String> written = add.mutate("b");

      client.onlineChanged(true);

      assertThat(addServer.callCount()).isEqualTo(1);
      assertThat(listServer.callCount()).as("no read before the write has settled").isEqualTo(1);

      addServer.resolve("b");
      assertThat(listServer.callCount()).as("one refetch: the settle's, which the reconnection joins").isEqualTo(2);
      listServer.resolve(List.of("a", "b"));

      assertThat(written).isCompletedWithValue("b");
      assertThat(screen.result().data()).containsExactly("a", "b");
      assertThat(listServer.callCount()).isEqualTo(2);
    }
  }

  @Test
  void aFetchPausedOfflineResumesOnlyAfterTheResumedWritesSettle() {
    client.onlineChanged(false);
    try (QueryObserver<String> screen = observeProfile()) {
      CompletableFuture<String> written = add.mutate("b");
      assertThat(screen.result().fetchStatus()).isEqualTo(FetchStatus.PAUSED);

      client.onlineChanged(true);

      assertThat(addServer.callCount()).isEqualTo(1);
      assertThat(profileServer.callCount()).isZero();
      assertThat(screen.result().fetchStatus()).isEqualTo(FetchStatus.PAUSED);

      addServer.resolve("b");

      assertThat(written).isCompletedWithValue("b");
      assertThat(profileServer.callCount()).isEqualTo(1);
      assertThat(screen.result().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      profileServer.resolve("ada");
      assertThat(screen.result().data()).isEqualTo("ada");
    }
  }

  @Test
  void aRefusedWriteAlsoLetsTheQueriesGoOn() {
    client.onlineChanged(false);
    try (QueryObserver<String> screen = observeProfile()) {
      CompletableFuture<String> written = add.mutate("b");
      client.onlineChanged(true);

      addServer.fail(new IOException("refused"));

      assertThat(written).isCompletedExceptionally();
      assertThat(profileServer.callCount()).isEqualTo(1);
      profileServer.resolve("ada");
      assertThat(screen.result().data()).isEqualTo("ada");
    }
  }

  @Test
  void withNoPausedWriteTheQueriesGoOnAtOnce() {
    client.onlineChanged(false);
    try (QueryObserver<String> screen = observeProfile()) {
      client.onlineChanged(true);

      assertThat(profileServer.callCount()).isEqualTo(1);
      profileServer.resolve("ada");
      assertThat(screen.result().data()).isEqualTo("ada");
    }
  }

  @Test
  void offlineAgainBeforeTheWritesSettleTheFetchesWaitForTheNextReconnection() {
    client.onlineChanged(false);
    try (QueryObserver<String> screen = observeProfile()) {
      add.mutate("b");
      client.onlineChanged(true);
      client.onlineChanged(false);

      addServer.resolve("b");

      assertThat(profileServer.callCount()).isZero();
      assertThat(screen.result().fetchStatus()).isEqualTo(FetchStatus.PAUSED);

      client.onlineChanged(true);

      assertThat(profileServer.callCount()).isEqualTo(1);
      profileServer.resolve("ada");
      assertThat(screen.result().data()).isEqualTo("ada");
    }
  }
}
