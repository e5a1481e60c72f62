package dev.querycache.tests;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for asserting on futures. */
final class Futures {
  private Futures() {}

  /**
   * The exception a completed future failed with, unwrapped (a cancelled future's
   * {@link CancellationException} itself); fails the test if the future is not done or completed
   * normally.
   */
  static Throwable failureOf(CompletableFuture<?> future) {
    assertThat(future).isDone();
    // Read through handle, not join: join rethrows a cancellation as a new exception on newer
    // JDKs (JDK 25 says "join" and hides the original message).
    Throwable failure = future.handle((value, error) -> error).join();
    if (failure == null) {
      throw new AssertionError("the future completed normally: " + future.join());
    }
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
