package dev.querycache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The undo offer of one succeeded run: valid for the mutation's window, usable once. Taking
 * it builds and runs the reverse mutation: the undo function with the server's mutation id,
 * optimistic over the keys the original run patched (each shows its undo projection, by
 * default its data from before the run), with its own rollback, error toast and settle
 * invalidation.
 */
final class MutationUndo<V, R, C> implements UndoOffer {
  private final QueryClient client;
  private final MutationConfig<V, R, C> original;
  private final V variables;
  private final String mutationId;
  private final Map<QueryKey<?>, Object> snapshots;
  private final long offeredAt;
  private final AtomicBoolean used = new AtomicBoolean();

  MutationUndo(
      QueryClient client,
      MutationConfig<V, R, C> original,
      V variables,
      String mutationId,
      Map<QueryKey<?>, Object> snapshots) {
    this.client = client;
    this.original = original;
    this.variables = variables;
    this.mutationId = mutationId;
    this.snapshots = Map.copyOf(snapshots);
    this.offeredAt = client.now();
  }

  @Override
  public Duration window() {
    return original.undoWindow;
  }

  @Override
  public Duration remaining() {
    if (used.get()) {
      return Duration.ZERO;
    }
    Duration left = original.undoWindow.minusNanos(client.now() - offeredAt);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public boolean isAvailable() {
    return !remaining().isZero();
  }

  @Override
  public CompletableFuture<Void> undo() {
    if (!isAvailable() || !used.compareAndSet(false, true)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("this undo offer " + (used.get() ? "was already used" : "expired")));
    }
    return reverse().mutate(new UndoRequest<>(mutationId, variables)).thenApply(result -> null);
  }

  private Mutation<UndoRequest<V>, Object, Void> reverse() {
    MutationConfig<UndoRequest<V>, Object, Void> config = new MutationConfig<>();
    @SuppressWarnings("unchecked") // the undo function's result is only awaited, never read
    MutationFunction<UndoRequest<V>, Object> function =
        (MutationFunction<UndoRequest<V>, Object>) java.util.Objects.requireNonNull(original.undoFunction);
    config.blockingFunction = function;
    config.optimistic = true;
    config.retry = original.retry;
    String message = original.errorMessageFor(variables);
    config.errorMessage = request -> "Could not undo: " + message;
    for (MutationPatch<?, V> patch : original.patches) {
      addReversePatches(config, patch);
    }
    for (var declared : original.settleInvalidations) {
      config.settleInvalidations.add(request -> declared.apply(request.variables()));
    }
    return new Mutation<>(client, config);
  }

  /** One reverse patch per key the original run patched under {@code patch}. */
  @SuppressWarnings("unchecked") // snapshots hold each key's own data type
  private <T> void addReversePatches(MutationConfig<UndoRequest<V>, Object, Void> config, MutationPatch<T, V> patch) {
    for (Map.Entry<QueryKey<?>, Object> entry : snapshots.entrySet()) {
      QueryKey<T> key = (QueryKey<T>) entry.getKey();
      boolean covered = patch.key != null ? patch.key.equals(key) : patch.filter != null && patch.filter.matchesKey(key);
      if (!covered) {
        continue;
      }
      @Nullable T before = beforeOf(entry.getValue());
      UndoProjection<T, V> undo = patch.undo;
      Projection<T, UndoRequest<V>> projection =
          undo != null
              ? (current, request) -> undo.apply(current, before, request.variables())
              : (current, request) -> before == null ? current : before;
      config.patches.add(new MutationPatch<>(key, null, projection, null));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> @Nullable T beforeOf(Object snapshot) {
    return MutationRun.isNoData(snapshot) ? null : (T) snapshot;
  }
}
