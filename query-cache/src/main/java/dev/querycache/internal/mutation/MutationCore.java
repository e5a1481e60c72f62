package dev.querycache.internal.mutation;

import dev.querycache.MutationState;
import dev.querycache.internal.runtime.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The engine's side of a built mutation: its immutable config, its latest run and the
 * channels of those who observe it. {@code Mutation} is the application's handle over it and
 * adds only the checks of its arguments; the reverse mutation of an undo offer is a core with
 * no handle.
 *
 * <p>Thread-safe: runs may start, and observers come and go, from any thread.
 */
public final class MutationCore<V, R, C> {
  final MutationEngine engine;
  public final MutationConfig<V, R, C> config;
  /** The stages every run passes: the mutation's own (sync or exclusive), then the client's scope stage. */
  final AdmissionChain chain;
  /** What its settled runs say to the user. */
  final RunToasts<V, R, C> toasts;
  /** The mutation's sync stage, in sync mode; null otherwise. */
  final @Nullable SyncStage sync;
  private final CopyOnWriteArrayList<Notifier.Channel> channels = new CopyOnWriteArrayList<>();
  private volatile @Nullable MutationRun<V, R, C> latest;

  public MutationCore(MutationEngine engine, MutationConfig<V, R, C> config) {
    this(engine, config, config.stages);
  }

  private MutationCore(MutationEngine engine, MutationConfig<V, R, C> config, List<MutationConfig.StageSpec> specs) {
    this.engine = engine;
    this.config = config;
    this.toasts = new RunToasts<>(engine, config, this);
    List<AdmissionStage> stages = new ArrayList<>();
    SyncStage syncStage = null;
    for (MutationConfig.StageSpec spec : specs) {
      AdmissionStage stage = spec.create(config.displayName());
      stages.add(stage);
      if (stage instanceof SyncStage) {
        syncStage = (SyncStage) stage;
      }
    }
    stages.add(engine.runs.scopeStage());
    this.chain = new AdmissionChain(stages);
    this.sync = syncStage;
  }

  /**
   * Starts a run; throws {@link IllegalStateException} once the client is closed. A run that a
   * stage refuses at its gate (an exclusive mutation's busy key), or whose key function
   * throws, is not started: its future fails at once with the reason.
   */
  public CompletableFuture<R> mutate(V variables) {
    engine.runtime.checkOpen();
    MutationRun<V, R, C> run = new MutationRun<>(this, variables);
    RuntimeException refusal;
    try {
      refusal = chain.refuse(run);
    } catch (RuntimeException keyFunctionFailed) {
      refusal = keyFunctionFailed;
    }
    if (refusal != null) {
      return CompletableFuture.failedFuture(refusal);
    }
    latest = run;
    run.start();
    return run.future();
  }

  /**
   * A twin of this mutation with its config and {@code spec}'s stage instead of its own (a
   * sync twin of a plain optimistic mutation, for a toggle): its own runs and channels.
   */
  public MutationCore<V, R, C> twin(MutationConfig.StageSpec spec) {
    return new MutationCore<>(engine, config, List.of(spec));
  }

  /** How many sync channels are open now: zero outside sync mode and once every channel closed. */
  public int openChannels() {
    SyncStage stage = sync;
    return stage == null ? 0 : stage.openChannels();
  }

  /** Whether the mutation coalesces calls (sync mode). */
  public boolean isSync() {
    return sync != null;
  }

  /** The state of the latest run, or an idle state if it never ran. */
  public MutationState<V, R, C> state() {
    MutationRun<V, R, C> run = latest;
    return run == null ? MutationState.idle(config.displayName(), config.mutationKey) : run.state();
  }

  /**
   * Calls {@code listener} with the latest run's state whenever it changes, at once with the
   * current one, through the notifier; closing the result stops the calls.
   */
  public AutoCloseable observe(Consumer<? super MutationState<V, R, C>> listener) {
    Object[] last = new Object[1];
    Notifier.Channel channel =
        new Notifier.Channel(
            () -> {
              MutationState<V, R, C> state = state();
              if (state != last[0]) {
                last[0] = state;
                listener.accept(state);
              }
            },
            "a mutation observer");
    channels.add(channel);
    engine.runtime.notifier.schedule(channel);
    return () -> channels.remove(channel);
  }

  /** A run of this mutation changed state: its observers hear of it if it is the latest. */
  void runChanged(MutationRun<V, R, C> run) {
    if (run == latest && !channels.isEmpty()) {
      for (Notifier.Channel channel : channels) {
        engine.runtime.notifier.schedule(channel);
      }
    }
  }

  /**
   * Such as {@code Mutation{"Mark as read", key=["markAsRead"], optimistic}}, or, for a
   * mutation with neither name nor key, {@code Mutation{plain, built at Screen.java:42}}.
   */
  @Override
  public String toString() {
    String kind = config.optimistic ? "optimistic" : "plain";
    if (config.name == null && config.mutationKey == null) {
      return "Mutation{" + kind + (config.builtAt == null ? "" : ", built at " + config.builtAt) + "}";
    }
    return "Mutation{" + (config.name == null ? "" : "\"" + config.name + "\", ")
        + (config.mutationKey == null ? "" : "key=" + config.mutationKey + ", ") + kind + "}";
  }
}
