package dev.querycache.examples;

import java.time.Duration;

/** How the {@link DemoServer} waits out its latency; a seam so tests can see it without waiting. */
@FunctionalInterface
interface Sleeper {
  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
