package dev.querycache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An async query function driven by the test: each call records its context and hands out a
 * new future, which the test completes or fails when it chooses.
 */
final class ControllableFetcher<T> implements AsyncQueryFunction<T> {
  private final List<CompletableFuture<T>> futures = new CopyOnWriteArrayList<>();
  private final List<QueryContext<T>> contexts = new CopyOnWriteArrayList<>();

  @Override
  public CompletionStage<T> fetch(QueryContext<T> context) {
    CompletableFuture<T> future = new CompletableFuture<>();
    contexts.add(context);
    futures.add(future);
    return future;
  }

  int calls() {
    return futures.size();
  }

  CompletableFuture<T> future(int call) {
    return futures.get(call);
  }

  QueryContext<T> context(int call) {
    return contexts.get(call);
  }

  QueryContext<T> lastContext() {
    return contexts.get(contexts.size() - 1);
  }

  /** Completes the latest call's future. */
  void complete(T value) {
    last().complete(value);
  }

  /** Fails the latest call's future. */
  void fail(Throwable error) {
    last().completeExceptionally(error);
  }

  List<CompletableFuture<T>> futures() {
    return new ArrayList<>(futures);
  }

  private CompletableFuture<T> last() {
    if (futures.isEmpty()) {
      throw new AssertionError("the query function was never called");
    }
    return futures.get(futures.size() - 1);
  }
}
