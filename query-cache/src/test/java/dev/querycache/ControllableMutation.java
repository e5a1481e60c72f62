package dev.querycache;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An async mutation function driven by the test: each call records its variables and hands out
 * a new future, which the test completes or fails when it chooses. Calls are numbered from 0.
 */
final class ControllableMutation<V, R> implements AsyncMutationFunction<V, R> {
  private final List<V> variables = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<R>> futures = new CopyOnWriteArrayList<>();

  @Override
  public CompletionStage<R> mutate(V vars) {
    variables.add(vars);
    CompletableFuture<R> future = new CompletableFuture<>();
    futures.add(future);
    return future;
  }

  int calls() {
    return futures.size();
  }

  /** The variables of every call so far, in call order. */
  List<V> variables() {
    return List.copyOf(variables);
  }

  V variables(int call) {
    return variables.get(call);
  }

  CompletableFuture<R> future(int call) {
    if (call < 0 || call >= futures.size()) {
      throw new AssertionError("the mutation function has no call #" + call + " (calls: " + variables + ")");
    }
    return futures.get(call);
  }

  void complete(int call, R result) {
    future(call).complete(result);
  }

  void fail(int call, Throwable error) {
    future(call).completeExceptionally(error);
  }

  /** Completes the latest call. */
  void complete(R result) {
    complete(futures.size() - 1, result);
  }

  /** Fails the latest call. */
  void fail(Throwable error) {
    fail(futures.size() - 1, error);
  }
}
