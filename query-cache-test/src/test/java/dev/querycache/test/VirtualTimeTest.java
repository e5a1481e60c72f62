package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
  final VirtualTime time = new VirtualTime();
  final List<String> ran = new ArrayList<>();

  private Runnable log(String name) {
    return () -> ran.add(name + "@" + time.now().toSeconds());
  }

  @Test
  void startsAtZeroAndMovesOnlyWhenAdvanced() {
    assertThat(time.read()).isZero();
    assertThat(time.now()).isEqualTo(Duration.ZERO);

    time.advance(Duration.ofMillis(1500));

    assertThat(time.now()).isEqualTo(Duration.ofMillis(1500));
    assertThat(time.read()).isEqualTo(1_500_000_000L);
  }

  @Test
  void advanceRunsDueTasksInTimeOrderWithTheClockAtEachDueTime() {
    time.schedule(log("c"), Duration.ofSeconds(3));
    time.schedule(log("a"), Duration.ofSeconds(1));
    time.schedule(log("b"), Duration.ofSeconds(2));

    time.advance(Duration.ofSeconds(10));

    assertThat(ran).containsExactly("a@1", "b@2", "c@3");
    assertThat(time.now()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void tasksDueAtTheSameTimeRunInSchedulingOrder() {
    time.schedule(log("first"), Duration.ofSeconds(1));
    time.schedule(log("second"), Duration.ofSeconds(1));

    time.advance(Duration.ofSeconds(1));

    assertThat(ran).containsExactly("first@1", "second@1");
  }

  @Test
  void advanceLeavesTasksDueLaterScheduled() {
    time.schedule(log("later"), Duration.ofSeconds(5));

    time.advance(Duration.ofSeconds(4));

    assertThat(ran).isEmpty();
    assertThat(time.pendingTasks()).isEqualTo(1);
    assertThat(time.timeUntilNextTask()).contains(Duration.ofSeconds(1));
  }

  @Test
  void tasksScheduledWhileAdvancingRunIfTheyFallWithinTheTarget() {
    time.schedule(() -> {
      ran.add("outer@" + time.now().toSeconds());
      time.schedule(log("inner"), Duration.ofSeconds(2));
      time.schedule(log("beyond"), Duration.ofSeconds(20));
    }, Duration.ofSeconds(1));

    time.advance(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("outer@1", "inner@3");
    assertThat(time.pendingTasks()).isEqualTo(1);
  }

  @Test
  void aZeroDelayTaskWaitsForTheNextMoveOfTheClock() {
    time.schedule(log("now"), Duration.ZERO);

    assertThat(ran).isEmpty();
    time.runDue();

    assertThat(ran).containsExactly("now@0");
    assertThat(time.now()).isEqualTo(Duration.ZERO);
  }

  @Test
  void aCancelledTaskNeverRunsAndIsNotPending() {
    Future<?> handle = time.schedule(log("cancelled"), Duration.ofSeconds(1));

    assertThat(handle.cancel(false)).isTrue();
    time.advance(Duration.ofSeconds(2));

    assertThat(ran).isEmpty();
    assertThat(time.pendingTasks()).isZero();
    assertThat(handle.isCancelled()).isTrue();
    assertThatThrownBy(handle::get).isInstanceOf(CancellationException.class);
  }

  @Test
  void aTaskThatRanCannotBeCancelledAndItsHandleIsDone() throws Exception {
    Future<?> handle = time.schedule(log("ran"), Duration.ofSeconds(1));
    time.advance(Duration.ofSeconds(1));

    assertThat(handle.cancel(false)).isFalse();
    assertThat(handle.isDone()).isTrue();
    assertThat(handle.get()).isNull();
  }

  @Test
  void waitingOnATaskThatHasNotRunFailsInsteadOfHanging() {
    Future<?> handle = time.schedule(log("later"), Duration.ofSeconds(1));

    assertThatThrownBy(handle::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("move the clock");
    assertThatThrownBy(() -> handle.get(1, TimeUnit.HOURS)).isInstanceOf(TimeoutException.class);
  }

  @Test
  void runUntilIdleRunsEverythingMovingTheClockToTheLastTask() {
    time.schedule(() -> {
      ran.add("first@" + time.now().toSeconds());
      time.schedule(log("chained"), Duration.ofMinutes(1));
    }, Duration.ofSeconds(30));

    time.runUntilIdle();

    assertThat(ran).containsExactly("first@30", "chained@90");
    assertThat(time.now()).isEqualTo(Duration.ofSeconds(90));
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void runUntilIdleStopsWhenNothingIsDueWithinADay() {
    time.schedule(log("gc"), Duration.ofMinutes(5));
    time.schedule(log("far"), Duration.ofDays(3));

    time.runUntilIdle();

    assertThat(ran).containsExactly("gc@300");
    assertThat(time.now()).isEqualTo(Duration.ofMinutes(5));
    assertThat(time.timeUntilNextTask()).contains(Duration.ofDays(3).minusMinutes(5));
  }

  @Test
  void runUntilIdleNeverWalksTheClockToAFarTimerInSteps() {
    Runnable[] housekeeping = new Runnable[1];
    housekeeping[0] = () -> time.schedule(housekeeping[0], Duration.ofDays(6)); // as a store's timer wheel
    time.schedule(housekeeping[0], Duration.ofDays(6));

    time.runUntilIdle();

    assertThat(time.now()).isZero();
    assertThat(time.pendingTasks()).isEqualTo(1);
  }

  @Test
  void runUntilIdleStopsAPeriodicTimerWithAClearError() {
    AtomicInteger ticks = new AtomicInteger();
    Runnable[] periodic = new Runnable[1];
    periodic[0] = () -> {
      ticks.incrementAndGet();
      time.schedule(periodic[0], Duration.ofSeconds(1));
    };
    time.schedule(periodic[0], Duration.ofSeconds(1));

    assertThatThrownBy(() -> time.runUntilIdle(100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after running 100")
        .hasMessageContaining("periodic timer");
    assertThat(ticks).hasValue(100);
  }

  @Test
  void advanceStopsATaskThatReschedulesItselfWithNoDelay() {
    Runnable[] spinning = new Runnable[1];
    spinning[0] = () -> time.schedule(spinning[0], Duration.ZERO);
    time.schedule(spinning[0], Duration.ZERO);

    assertThatThrownBy(time::runDue)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without the clock moving");
  }

  @Test
  void aTaskThatThrowsStopsTheMoveAtItsDueTime() {
    time.schedule(() -> {
      throw new IllegalStateException("boom");
    }, Duration.ofSeconds(1));
    time.schedule(log("after"), Duration.ofSeconds(2));

    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(5))).hasMessage("boom");

    assertThat(time.now()).isEqualTo(Duration.ofSeconds(1));
    assertThat(time.pendingTasks()).isEqualTo(1);
  }

  @Test
  void aTaskCannotMoveTheClockItIsRunOn() {
    time.schedule(() -> time.advance(Duration.ofSeconds(1)), Duration.ZERO);

    assertThatThrownBy(time::runDue)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tried to move it");
  }

  @Test
  void theExecutorRunsTasksAtTheNextMoveOfTheClock() {
    time.executor().execute(log("deferred"));

    assertThat(ran).isEmpty();
    assertThat(time.pendingTasks()).isEqualTo(1);
    time.runDue();

    assertThat(ran).containsExactly("deferred@0");
  }

  @Test
  void aBlockingFunctionOnTheExecutorRunsWhenTheTestMovesTheTime() {
    QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
    QueryKey<List<String>> open = QueryKey.of("todos", "open");
    client.setQueryData(open, List.of("t1", "t2"));
    List<String> requests = new ArrayList<>();
    Mutation<String, Boolean, Void> complete = client.<String, Boolean>mutation(id -> {
          requests.add(id);
          throw new IOException("503 Service Unavailable");
        })
        .optimistic(open, (rows, id) -> rows.stream().filter(row -> !row.equals(id)).toList())
        .errorMessage("Failed to complete the todo")
        .build();

    complete.mutate("t1");                                     // patched; the request waits
    assertThat(client.getQueryData(open)).contains(List.of("t2"));
    assertThat(requests).isEmpty();
    time.runDue();                                             // the request fails: rolled back

    assertThat(requests).containsExactly("t1");
    assertThat(client.getQueryData(open)).contains(List.of("t1", "t2"));
  }

  @Test
  void badArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
    assertThatThrownBy(() -> time.advance(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("amount");
    assertThatThrownBy(() -> time.schedule(null, Duration.ZERO))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("task");
    assertThatThrownBy(() -> time.schedule(() -> {}, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("delay");
    assertThatThrownBy(() -> time.runUntilIdle(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTasks");
  }

  @Test
  void aHugeAdvanceSaturatesInsteadOfOverflowing() {
    time.advance(Duration.ofDays(365L * 1000));

    time.advance(Duration.ofDays(365L * 1000));

    assertThat(time.read()).isPositive();
  }

  @Test
  void threadsMayScheduleWhileTheClockIsRead() throws Exception {
    int threads = 4;
    CountDownLatch done = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(() -> {
        for (int j = 0; j < 250; j++) {
          time.schedule(() -> {}, Duration.ofMillis(j));
        }
        done.countDown();
      });
      thread.start();
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(time.pendingTasks()).isEqualTo(1000);
    time.advance(Duration.ofSeconds(1));
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void theClientBuilderDrivesStaleness() {
    QueryClient client = time.clientBuilder().build();
    client.fetchQuery(QueryOptions.builder(QueryKey.<String>of("greeting")).fetcher(ctx -> "hello")
        .staleTime(Duration.ofSeconds(30)).build());

    time.advance(Duration.ofSeconds(31));

    assertThat(client.getQueries(QueryFilter.all().stale(true))).hasSize(1);
  }

  @Test
  void theClientBuilderDrivesGarbageCollection() {
    QueryClient client = time.clientBuilder().build();
    QueryKey<String> key = QueryKey.of("greeting");
    client.fetchQuery(QueryOptions.builder(key).fetcher(ctx -> "hello").gcTime(Duration.ofMinutes(5)).build());

    time.advance(Duration.ofMinutes(5));

    assertThat(client.getQueryData(key)).isEmpty();
  }

  @Test
  void theClientBuildersBlockingFunctionsRunWhenTheClockMoves() {
    QueryClient client = time.clientBuilder().build();
    QueryKey<String> key = QueryKey.of("greeting");

    CompletableFuture<String> fetched = client.fetchQuery(QueryOptions.of(key, ctx -> "hello"));

    assertThat(fetched).isNotDone();
    time.runDue();
    assertThat(fetched).isCompletedWithValue("hello");
  }
}
