package dev.querycache.internal.mutation;

import dev.querycache.MutationFunction;
import dev.querycache.Projection;
import dev.querycache.QueryKey;
import dev.querycache.UndoOffer;
import dev.querycache.UndoProjection;
import dev.querycache.UndoRequest;
import dev.querycache.internal.layer.LayerStack;
import dev.querycache.internal.query.FilterMatch;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The undo offer of one succeeded run: valid for the mutation's window, usable once. Taking
 * it builds and runs the reverse mutation: the undo function with the server's mutation id,
 * optimistic over the keys the original run patched, with its own rollback, error toast and
 * settle invalidation (the plugin's too, for a mutation of a {@code PluginScope}).
 *
 * <p>What the reverse run shows at once on each key reverses only what the original run
 * changed there, as its layer last applied it: the key's {@link UndoProjection} if one was
 * given, else the {@linkplain PatchInverse inverse} of the original change, applied to the
 * data as it is now. Later writes (a star confirmed after an archive, mail that arrived)
 * are not disturbed.
 */
public final class MutationUndo<V, R, C> implements UndoOffer {
  private final MutationEngine engine;
  private final MutationConfig<V, R, C> original;
  private final V variables;
  private final String mutationId;
  private final Map<QueryKey<?>, LayerStack.Change<?>> changes;
  private final long offeredAt;
  private final AtomicBoolean used = new AtomicBoolean();

  MutationUndo(
      MutationEngine engine,
      MutationConfig<V, R, C> original,
      V variables,
      String mutationId,
      Map<QueryKey<?>, LayerStack.Change<?>> changes) {
    this.engine = engine;
    this.original = original;
    this.variables = variables;
    this.mutationId = mutationId;
    this.changes = Map.copyOf(changes);
    this.offeredAt = engine.runtime.now();
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
    Duration left = original.undoWindow.minusNanos(engine.runtime.now() - offeredAt);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public boolean isAvailable() {
    return !remaining().isZero() && !engine.runtime.isClosed();
  }

  @Override
  public CompletableFuture<Void> undo() {
    if (engine.runtime.isClosed()) {
      return CompletableFuture.failedFuture(new IllegalStateException("the QueryClient of this undo offer is closed"));
    }
    if (!isAvailable() || !used.compareAndSet(false, true)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("this undo offer " + (used.get() ? "was already used" : "expired")));
    }
    return reverse().mutate(new UndoRequest<>(mutationId, variables)).thenApply(result -> null);
  }

  private MutationCore<UndoRequest<V>, Object, Void> reverse() {
    @SuppressWarnings("unchecked") // the undo function's result is only awaited, never read
    MutationFunction<UndoRequest<V>, Object> function =
        (MutationFunction<UndoRequest<V>, Object>) java.util.Objects.requireNonNull(original.undoFunction);
    MutationConfig.Draft<UndoRequest<V>, Object, Void> config = MutationConfig.Draft.blocking(function);
    config.optimistic = true;
    config.retry = original.retry;
    config.scope = original.scope;
    config.name = "undo of " + original.displayName();
    String message = original.errorMessageFor(variables);
    config.errorMessage = request -> "Could not undo: " + message;
    for (MutationPatch<?, V> patch : original.patches) {
      addReversePatches(config, patch);
    }
    for (var declared : original.settleInvalidations) {
      config.settleInvalidations.add(request -> declared.apply(request.variables()));
    }
    // Undoing a plugin's write changes the plugin's data as much as the write did.
    config.pluginInvalidation = original.pluginInvalidation;
    return new MutationCore<>(engine, config.freeze());
  }

  /** One reverse patch per key the original run changed under {@code patch}. */
  @SuppressWarnings("unchecked") // changes hold each key's own data type
  private <T> void addReversePatches(MutationConfig.Draft<UndoRequest<V>, Object, Void> config, MutationPatch<T, V> patch) {
    for (Map.Entry<QueryKey<?>, LayerStack.Change<?>> entry : changes.entrySet()) {
      QueryKey<T> key = (QueryKey<T>) entry.getKey();
      boolean covered = patch.key != null ? patch.key.equals(key) : patch.filter != null && FilterMatch.key(patch.filter, key);
      if (!covered) {
        continue;
      }
      LayerStack.Change<T> change = (LayerStack.Change<T>) entry.getValue();
      UndoProjection<T, V> undo = patch.undo;
      Projection<T, UndoRequest<V>> projection;
      if (undo != null) {
        projection = (current, request) -> undo.apply(current, change.before, request.variables());
      } else {
        PatchInverse<T> inverse = new PatchInverse<>(change.before, change.after);
        projection = (current, request) -> inverse.apply(current);
      }
      config.patches.add(new MutationPatch<>(key, null, projection, null));
    }
  }
}
