package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.test.FxThread;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link FxExecutor} on the real FX Application Thread (headless): a screen's
 * burst costs a handful of {@code runLater} runnables, and tasks run on the FX thread, never
 * inside their caller. The batching itself is the core's, specified by
 * {@code dev.querycache.internal.ui.BatchingExecutorTest}.
 */
class FxExecutorTest {
  @BeforeAll
  static void startFx() {
    FxThread.start();
  }

  /**
   * 10 000 writes over 1 000 observed keys from a background thread while the FX thread is
   * busy: each observer's deliveries coalesce into one queued task, and the tasks run
   * {@value FxExecutor#MAX_TASKS_PER_PULSE} per runnable: ceil(1000 / 256) = 4 runnables.
   */
  @Test
  void aBurstOfTenThousandWritesOnAThousandObservedKeysCostsFourRunnables() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    FxExecutor executor = new FxExecutor(runnable -> {
      posts.incrementAndGet();
      Platform.runLater(runnable);
    }, FxExecutor.MAX_TASKS_PER_PULSE);
    QueryClient client = QueryClient.builder().notifyExecutor(executor).build();
    int keys = 1_000;
    List<List<QueryResult<Integer>>> results = new ArrayList<>();
    List<QueryObserver<Integer>> observers = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      List<QueryResult<Integer>> seen = new ArrayList<>(); // touched on the FX thread only
      results.add(seen);
      observers.add(client.observe(QueryOptions.builder(QueryKey.<Integer>of("row", k)).build(), seen::add));
    }
    awaitOnFx(() -> results.stream().noneMatch(List::isEmpty));
    int postsBefore = posts.get();
    FxThread.run(() -> results.forEach(List::clear));
    CountDownLatch burstDone = new CountDownLatch(1);
    Platform.runLater(() -> {
      try {
        burstDone.await(30, TimeUnit.SECONDS); // the FX thread is busy laying out, say
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 10_000; i++) {
        client.setQueryData(QueryKey.of("row", i % keys), i);
      }
    }).get(30, TimeUnit.SECONDS);
    burstDone.countDown();
    awaitOnFx(() -> results.stream().noneMatch(List::isEmpty));

    assertThat(posts.get() - postsBefore).isEqualTo(4);
    FxThread.run(() -> {
      for (int k = 0; k < keys; k++) {
        assertThat(results.get(k)).as("observer %d", k).singleElement()
            .extracting(QueryResult::data).isEqualTo(9_000 + k);
      }
    });
    observers.forEach(QueryObserver::close);
    client.close();
  }

  @Test
  void aTaskSubmittedOnTheFxThreadRunsLaterNeverInsideItsCaller() throws Exception {
    FxExecutor executor = new FxExecutor();
    CompletableFuture<Boolean> ranOnFx = new CompletableFuture<>();
    List<String> order = new ArrayList<>();

    FxThread.run(() -> {
      executor.execute(() -> {
        order.add("task");
        ranOnFx.complete(Platform.isFxApplicationThread());
      });
      order.add("caller returned");
    });

    assertThat(ranOnFx.get(10, TimeUnit.SECONDS)).isTrue();
    FxThread.run(() -> assertThat(order).containsExactly("caller returned", "task"));
  }

  @Test
  void tasksSubmittedFromAnyThreadRunOnTheFxThread() throws Exception {
    FxExecutor executor = new FxExecutor();
    CompletableFuture<Boolean> ranOnFx = new CompletableFuture<>();

    executor.execute(() -> ranOnFx.complete(Platform.isFxApplicationThread()));

    assertThat(ranOnFx.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theFxThreadCheckNamesTheMethodAndTheThread() {
    assertThatThrownBy(() -> FxExecutor.checkOnFxThread("FxQueries.observe"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("FxQueries.observe must be called on the JavaFX Application Thread")
        .hasMessageContaining(Thread.currentThread().getName());
    FxThread.run(() -> FxExecutor.checkOnFxThread("FxQueries.observe"));
  }

  /** Lets the FX thread run a round of what is posted at a time until {@code condition} holds there. */
  private static void awaitOnFx(java.util.function.BooleanSupplier condition) {
    for (int round = 0; round < 100; round++) {
      if (FxThread.call(condition::getAsBoolean)) {
        return;
      }
    }
    throw new AssertionError("the condition did not hold within 100 rounds of FX events");
  }
}
