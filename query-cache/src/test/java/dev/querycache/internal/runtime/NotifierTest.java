package dev.querycache.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Notifier} on its own: a batch holds back its listeners' deliveries until its
 * outermost end, delivers each listener once, runs the deferred steps before them, refuses a
 * patch that calls back into the client, and keeps serving the other listeners whatever one
 * of them or the executor throws.
 */
@DisplayName("Notifier")
class NotifierTest {
  private final List<String> delivered = new ArrayList<>();
  private final Notifier direct = new Notifier(Runnable::run);

  private Notifier.Channel channel(String name) {
    return new Notifier.Channel(() -> delivered.add(name), "listener " + name);
  }

  @Test
  void outsideABatchAScheduledChannelIsDeliveredAtOnce() {
    direct.schedule(channel("a"));

    assertThat(delivered).containsExactly("a");
  }

  @Test
  void insideABatchDeliveriesWaitForTheEndOfTheOutermostBatch() {
    Notifier.Channel a = channel("a");

    direct.batch(() -> {
      direct.batch(() -> direct.schedule(a));
      assertThat(delivered).as("the inner batch ended, the outer not yet").isEmpty();
    });

    assertThat(delivered).containsExactly("a");
  }

  @Test
  void aChannelScheduledManyTimesInOneBatchIsDeliveredOnce() {
    Notifier.Channel a = channel("a");
    Notifier.Channel b = channel("b");

    direct.batch(() -> {
      direct.schedule(a);
      direct.schedule(b);
      direct.schedule(a);
    });

    assertThat(delivered).containsExactly("a", "b");
  }

  @Test
  void aLargeBatchStillDeliversEachChannelOnceInOrder() {
    List<Notifier.Channel> channels = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("c" + i);
      channels.add(channel("c" + i));
    }

    direct.batch(() -> {
      for (int round = 0; round < 3; round++) {
        channels.forEach(direct::schedule);
      }
    });

    assertThat(delivered).containsExactlyElementsOf(names);
  }

  @Test
  void deferredStepsRunBeforeTheBatchsDeliveriesAndWhatTheyScheduleIsDeliveredToo() {
    Notifier.Channel a = channel("a");
    Notifier.Channel b = channel("b");

    direct.batch(() -> {
      direct.schedule(a);
      direct.later(() -> {
        delivered.add("step");
        direct.schedule(b);
      });
    });

    assertThat(delivered).containsExactly("step", "a", "b");
  }

  @Test
  void aStepDeferredOutsideABatchRunsAtOnce() {
    direct.later(() -> delivered.add("step"));

    assertThat(delivered).containsExactly("step");
  }

  @Test
  void aPatchThatCallsIntoTheClientIsRefusedNamingTheRule() {
    assertThatThrownBy(() -> direct.applying(data -> direct.batch(() -> data + "!"), "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("optimistic patch")
        .hasMessageContaining("pure function");

    assertThat(direct.batch(() -> "usable")).as("the refusal leaves the notifier usable").isEqualTo("usable");
  }

  @Test
  void aListenerThatThrowsCostsTheOthersNothingAndItsChannelStaysUsable() {
    Notifier.Channel throwing = new Notifier.Channel(() -> {
      delivered.add("throwing");
      throw new IllegalStateException("a listener's bug");
    }, "a throwing listener");
    Notifier.Channel b = channel("b");

    direct.batch(() -> {
      direct.schedule(throwing);
      direct.schedule(b);
    });
    direct.schedule(throwing);

    assertThat(delivered).containsExactly("throwing", "b", "throwing");
  }

  @Test
  void signalsThatArriveBeforeTheDeliveryRunsCoalesceIntoOneDelivery() {
    Queue<Runnable> queued = new ArrayDeque<>();
    Notifier later = new Notifier(queued::add);
    Notifier.Channel a = channel("a");

    later.schedule(a);
    later.schedule(a);
    later.schedule(a);

    assertThat(queued).as("one delivery queued for three signals").hasSize(1);
    queued.poll().run();
    assertThat(delivered).containsExactly("a");
  }

  @Test
  void aRejectingExecutorCostsTheOtherChannelsNothingAndTheChannelIsDeliveredNextTime() {
    List<Runnable> accepted = new ArrayList<>();
    boolean[] reject = {true};
    Executor picky = task -> {
      if (reject[0]) {
        reject[0] = false;
        throw new RejectedExecutionException("shutting down");
      }
      accepted.add(task);
    };
    Notifier notifier = new Notifier(picky);
    Notifier.Channel a = channel("a");
    Notifier.Channel b = channel("b");

    notifier.batch(() -> {
      notifier.schedule(a);
      notifier.schedule(b);
    });
    notifier.schedule(a);

    accepted.forEach(Runnable::run);
    assertThat(delivered).containsExactly("b", "a");
  }
}
