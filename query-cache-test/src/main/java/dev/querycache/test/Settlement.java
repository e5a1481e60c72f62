package dev.querycache.test;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The pending outcome of one recorded call of a controllable function: the future handed to
 * the client, settled once by the test. Thread-safe.
 *
 * @param <R> the type of the call's result
 */
final class Settlement<R> {
  private final String callName;
  private final CompletableFuture<R> future = new CompletableFuture<>();
  private @Nullable String outcome; // guarded by this; null while pending

  /** {@code callName} names the call in messages, as in "call #2 of the mutation function". */
  Settlement(String callName) {
    this.callName = callName;
  }

  CompletableFuture<R> future() {
    return future;
  }

  synchronized boolean isPending() {
    return outcome == null;
  }

  /** What happened to the call: "pending", "resolved with X" or "failed with E". */
  synchronized String outcome() {
    return outcome == null ? "pending" : outcome;
  }

  void resolve(R value) {
    Objects.requireNonNull(value, "value == null");
    settle("resolved with " + value);
    future.complete(value);
  }

  void fail(Throwable error) {
    Objects.requireNonNull(error, "error == null");
    settle("failed with " + error);
    future.completeExceptionally(error);
  }

  private synchronized void settle(String description) {
    if (outcome != null) {
      throw new IllegalStateException(callName + " was already " + outcome + "; each call is settled once");
    }
    outcome = description;
  }
}
