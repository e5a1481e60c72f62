package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link EdtExecutor} on the real Event Dispatch Thread: a screen's burst
 * costs a handful of EDT events, and tasks run on the EDT, never inside their caller. The
 * batching mechanism itself (order, shares, failures) is the core's, specified by
 * {@code dev.querycache.internal.ui.BatchingExecutorTest}.
 */
class EdtExecutorTest {
  /**
   * The burst a refetch of a whole screen causes: 10 000 writes over 1 000 observed keys, from a
   * background thread, while the EDT is busy. Every observer's deliveries coalesce into one
   * queued task (its channel is queued once and marked dirty after), the first task posts the
   * one event, and that event runs the 1 000 tasks {@value EdtExecutor#MAX_TASKS_PER_EVENT} at a
   * time: ceil(1000 / 256) = 4 EDT events in all.
   */
  @Test
  void aBurstOfTenThousandWritesOnAThousandObservedKeysCostsFourEdtEvents() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    EdtExecutor executor =
        new EdtExecutor(
            event -> {
              posts.incrementAndGet();
              SwingUtilities.invokeLater(event);
            },
            EdtExecutor.MAX_TASKS_PER_EVENT);
    QueryClient client = QueryClient.builder().notifyExecutor(executor).build();
    int keys = 1_000;
    List<List<QueryResult<Integer>>> results = new ArrayList<>();
    List<QueryObserver<Integer>> observers = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      List<QueryResult<Integer>> seen = new ArrayList<>(); // touched on the EDT only
      results.add(seen);
      observers.add(client.observe(QueryOptions.builder(QueryKey.<Integer>of("row", k)).build(), seen::add));
    }
    awaitOnEdt(() -> results.stream().noneMatch(List::isEmpty)); // the first results are in
    int postsBefore = posts.get();
    SwingUtilities.invokeAndWait(() -> results.forEach(List::clear));
    CountDownLatch burstDone = new CountDownLatch(1);
    SwingUtilities.invokeLater(() -> await(burstDone)); // the EDT is busy painting, say

    CompletableFuture<Void> burst =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                client.setQueryData(QueryKey.of("row", i % keys), i);
              }
            });
    burst.get(30, TimeUnit.SECONDS);
    burstDone.countDown();
    awaitOnEdt(() -> results.stream().noneMatch(List::isEmpty));

    assertThat(posts.get() - postsBefore).isEqualTo(4);
    SwingUtilities.invokeAndWait(
        () -> {
          for (int k = 0; k < keys; k++) {
            assertThat(results.get(k)).as("observer %d", k).singleElement()
                .extracting(QueryResult::data).isEqualTo(9_000 + k);
          }
        });
    observers.forEach(QueryObserver::close);
    client.close();
  }

  @Test
  void aTaskSubmittedOnTheEdtRunsLaterNeverInsideItsCaller() throws Exception {
    EdtExecutor executor = new EdtExecutor();
    CompletableFuture<Boolean> ranOnEdt = new CompletableFuture<>();
    List<String> order = new ArrayList<>();

    SwingUtilities.invokeAndWait(
        () -> {
          executor.execute(
              () -> {
                order.add("task");
                ranOnEdt.complete(SwingUtilities.isEventDispatchThread());
              });
          order.add("caller returned");
        });

    assertThat(ranOnEdt.get(10, TimeUnit.SECONDS)).isTrue();
    SwingUtilities.invokeAndWait(() -> assertThat(order).containsExactly("caller returned", "task"));
  }

  @Test
  void tasksSubmittedFromAnyThreadRunOnTheEdt() throws Exception {
    EdtExecutor executor = new EdtExecutor();
    CompletableFuture<Boolean> ranOnEdt = new CompletableFuture<>();

    executor.execute(() -> ranOnEdt.complete(SwingUtilities.isEventDispatchThread()));

    assertThat(ranOnEdt.get(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Lets the EDT run what is queued, one round of events at a time, until {@code condition}
   * (checked on the EDT) holds; a bounded number of rounds, no sleeping.
   */
  private static void awaitOnEdt(BooleanSupplier condition) throws Exception {
    AtomicBoolean met = new AtomicBoolean();
    for (int round = 0; round < 100 && !met.get(); round++) {
      SwingUtilities.invokeAndWait(() -> met.set(condition.getAsBoolean()));
    }
    assertThat(met).as("the condition held within 100 rounds of EDT events").isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the burst did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
