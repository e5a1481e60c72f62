package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;

/**
 * The client of the collection workloads: notifications delivered on the calling thread, and
 * a toaster that says nothing (some workloads fail on purpose).
 */
final class QuietClient {
  private static final Toaster QUIET = new Toaster() {
    @Override
    public void success(String message) {}

    @Override
    public void error(String message, Throwable cause) {}

    @Override
    public void undo(String message, UndoOffer offer) {}
  };

  private QuietClient() {}

  /** A new client with a direct notify executor and a silent toaster. */
  static QueryClient build() {
    return QueryClient.builder().notifyExecutor(Runnable::run).toaster(QUIET).build();
  }
}
