package dev.querycache.examples;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Sleeper} for tests: records each latency it is asked to wait out and, once
 * {@linkplain #close() closed}, holds requests until {@link #open()}, so a test can look at
 * the cache while the server has not answered yet, without sleeping.
 */
final class GatedSleeper implements Sleeper {
  final List<Duration> requested = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final CountDownLatch entered = new CountDownLatch(1);

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    requested.add(duration);
    entered.countDown();
    if (!gate.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never opened the gate");
    }
  }

  /** From now on, requests wait for {@link #open()}. */
  void close() {
    gate = new CountDownLatch(1);
  }

  /** Lets waiting and future requests through. */
  void open() {
    gate.countDown();
  }

  /** Waits until a request is held by this sleeper. */
  void awaitHeldRequest() throws InterruptedException {
    if (!entered.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no request reached the server");
    }
  }
}
