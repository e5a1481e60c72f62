package dev.querycache.internal.mutation;

import dev.querycache.MutationRefusedException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The exclusive stage (one of a mutation's own): one run per key at a time. A call whose key
 * is busy is refused at the gate, before its mutate step, with a
 * {@link MutationRefusedException}: nothing painted, nothing sent, no run recorded. The key
 * is free again when its run settles. Keys with no run hold no memory. Guarded by its own
 * monitor; the key function runs outside it.
 */
final class ExclusiveStage implements AdmissionStage {
  private final String mutation;
  private final Function<Object, ?> keyOf;
  private final Map<Object, Admissible> running = new HashMap<>();
  private final Map<Admissible, Object> keys = new HashMap<>();

  /** {@code keyOf} gives a call's key from its variables; {@code mutation} names it in refusals. */
  ExclusiveStage(String mutation, Function<Object, ?> keyOf) {
    this.mutation = mutation;
    this.keyOf = keyOf;
  }

  @Override
  public @Nullable RuntimeException refuse(Admissible run) {
    Object key = Objects.requireNonNull(keyOf.apply(run.variables()), "the exclusive key function returned null");
    synchronized (this) {
      if (running.containsKey(key)) {
        return new MutationRefusedException(mutation, key);
      }
      running.put(key, run);
      keys.put(run, key);
    }
    return null;
  }

  @Override
  public <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain) {
    return chain.proceed(chain.variables());
  }

  @Override
  public synchronized void released(Admissible run) {
    Object key = keys.remove(run);
    if (key != null) {
      running.remove(key);
    }
  }

  /** Whether {@code key} has a run now (for tests and inspectors). */
  synchronized boolean isBusy(Object key) {
    return running.containsKey(key);
  }

  @Override
  public synchronized void close() {
    running.clear();
    keys.clear();
  }
}
