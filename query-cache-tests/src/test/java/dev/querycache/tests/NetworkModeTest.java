package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.NetworkMode;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@code networkMode} (TanStack Query's): {@code ONLINE} pauses every attempt
 * while offline, {@code ALWAYS} none, {@code OFFLINE_FIRST} only the retries. Time is virtual.
 */
class NetworkModeTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryKey<String> inbox = QueryKey.of("inbox");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions<String> options(NetworkMode mode) {
    return QueryOptions.builder(inbox).asyncFetcher(server)
        .retry(RetryPolicy.fixed(1, Duration.ofSeconds(1))).networkMode(mode).build();
  }

  private FetchStatus fetchStatus() {
    return client.getQueryState(inbox).orElseThrow().fetchStatus();
  }

  @Test
  void onlineByDefaultNoAttemptStartsWhileOffline() {
    client.onlineChanged(false);

    client.observe(QueryOptions.builder(inbox).asyncFetcher(server).build(), result -> {});

    assertThat(server.callCount()).isZero();
    assertThat(fetchStatus()).isEqualTo(FetchStatus.PAUSED);
    client.onlineChanged(true);
    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void alwaysRunsAttemptsAndRetriesWhileOffline() {
    client.onlineChanged(false);
    client.observe(options(NetworkMode.ALWAYS), result -> {});
    assertThat(server.callCount()).isEqualTo(1);

    server.fail(new IOException("the local store is busy"));
    time.advance(Duration.ofSeconds(1));

    assertThat(server.callCount()).as("the retry, offline all the same").isEqualTo(2);
  }

  @Test
  void offlineFirstRunsTheFirstAttemptAndPausesTheRetries() {
    client.onlineChanged(false);
    client.observe(options(NetworkMode.OFFLINE_FIRST), result -> {});
    assertThat(server.callCount()).as("the first attempt: a disk cache may answer it").isEqualTo(1);

    server.fail(new IOException("offline"));
    time.advance(Duration.ofSeconds(1));
    assertThat(server.callCount()).isEqualTo(1);
    assertThat(fetchStatus()).isEqualTo(FetchStatus.PAUSED);

    client.onlineChanged(true);
    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void offlineFirstAnsweredByTheFirstAttemptNeverPauses() {
    client.onlineChanged(false);
    client.observe(options(NetworkMode.OFFLINE_FIRST), result -> {});

    server.resolve("from the disk cache");

    assertThat(client.getQueryData(inbox)).contains("from the disk cache");
    assertThat(fetchStatus()).isEqualTo(FetchStatus.IDLE);
  }

  @Test
  void theModeIsInheritedFromTheDefaults() {
    client.setQueryDefaults(QueryKey.of("inbox"), QuerySettings.builder().networkMode(NetworkMode.ALWAYS).build());
    client.onlineChanged(false);

    client.observe(QueryOptions.builder(inbox).asyncFetcher(server).build(), result -> {});

    assertThat(server.callCount()).isEqualTo(1);
  }
}
