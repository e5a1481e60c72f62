package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of how long the client remembers settled mutation runs: their mutation's gc
 * time, 5 minutes by default as in TanStack Query, counted from the settle; pending runs
 * always.
 */
@DisplayName("Settled mutations")
class SettledMutationsTest {
  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  final ControllableMutation<String, String> server = new ControllableMutation<>();

  @AfterEach
  void close() {
    client.close();
  }

  private long remembered() {
    return client.getMutations(MutationFilter.all()).size();
  }

  @Test
  void aSettledRunIsRememberedForFiveMinutesByDefault() {
    Mutation<String, String, Void> save = client.asyncMutation(server).name("Save").build();
    save.mutate("a");
    server.resolve("ok");

    time.advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(client.getMutations(MutationFilter.all())).extracting(MutationState::name).containsExactly("Save");
    time.advance(Duration.ofNanos(1));
    assertThat(remembered()).isZero();
  }

  @Test
  void theTimeCountsFromTheSettleNotTheStart() {
    Mutation<String, String, Void> save = client.asyncMutation(server).gcTime(Duration.ofMinutes(1)).build();
    save.mutate("a");
    time.advance(Duration.ofMinutes(10)); // pending all along: always remembered
    assertThat(remembered()).isEqualTo(1);

    server.resolve("ok");
    time.advance(Duration.ofSeconds(59));

    assertThat(remembered()).isEqualTo(1);
    time.advance(Duration.ofSeconds(1));
    assertThat(remembered()).isZero();
  }

  @Test
  void aZeroGcTimeForgetsTheRunAsItSettles() {
    Mutation<String, String, Void> save = client.asyncMutation(server).gcTime(Duration.ZERO).build();
    save.mutate("a");
    assertThat(remembered()).isEqualTo(1);

    server.resolve("ok");

    assertThat(remembered()).isZero();
    assertThat(save.state().status()).as("the mutation's own latest state stays").hasToString("SUCCESS");
  }

  @Test
  void aShortGcTimeIsHonouredBehindALongerOne() {
    Mutation<String, String, Void> longLived = client.asyncMutation(server).name("long").gcTime(Duration.ofHours(1)).build();
    Mutation<String, String, Void> shortLived = client.asyncMutation(server).name("short").gcTime(Duration.ofSeconds(1)).build();
    longLived.mutate("a");
    server.resolve("ok");
    shortLived.mutate("b");
    server.resolve("ok");

    time.advance(Duration.ofSeconds(1));

    assertThat(client.getMutations(MutationFilter.all())).extracting(MutationState::name).containsExactly("long");
  }

  @Test
  void aNegativeGcTimeIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> client.asyncMutation(server).gcTime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gcTime must not be negative: PT-1S");
  }
}
