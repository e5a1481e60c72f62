package dev.querycache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sync mutation's keys hold no memory once their channels closed: whichever way a channel
 * ends (stable, failed, over its follow-up bound, cut by the close), it leaves the mutation's
 * stage. In the face's package, to read the open channels through the handle's core.
 */
class SyncChannelMemoryTest {
  record Tap(int key, boolean on) {}

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableMutation<Tap, Boolean> server = new ControllableMutation<>();
  private final QueryKey<Boolean> flag = QueryKey.of("flag");

  private Mutation<Tap, Boolean, Void> sync(int maxFollowUps) {
    client.setQueryData(flag, false);
    return client.asyncMutation(server)
        .optimistic(flag, (was, tap) -> tap.on())
        .errorMessage("Could not save")
        .sync(Tap::key, maxFollowUps)
        .build();
  }

  private void burst(Mutation<Tap, Boolean, Void> mutation, int key) {
    for (boolean on : List.of(true, false, true, false)) {
      mutation.mutate(new Tap(key, on));
    }
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aThousandKeysAnsweredLeaveNoChannelOpen() {
    Mutation<Tap, Boolean, Void> mutation = sync(100);
    for (int key = 0; key < 1_000; key++) {
      burst(mutation, key);
    }
    assertThat(mutation.core().openChannels()).isEqualTo(1_000);

    server.resolveUntilIdle(true);

    assertThat(mutation.core().openChannels()).isZero();
  }

  @Test
  void aFailedChannelLeavesNothing() {
    Mutation<Tap, Boolean, Void> mutation = sync(100);
    burst(mutation, 1);

    server.fail(new IOException("down"));

    assertThat(mutation.core().openChannels()).isZero();
  }

  @Test
  void aChannelOverItsFollowUpBoundLeavesNothing() {
    Mutation<Tap, Boolean, Void> mutation = sync(0);
    burst(mutation, 1);

    server.resolve(true);

    assertThat(mutation.core().openChannels()).isZero();
  }

  @Test
  void theCloseMidBurstLeavesNothing() {
    Mutation<Tap, Boolean, Void> mutation = sync(100);
    burst(mutation, 1);
    burst(mutation, 2);

    client.close();

    assertThat(mutation.core().openChannels()).isZero();
  }
}
