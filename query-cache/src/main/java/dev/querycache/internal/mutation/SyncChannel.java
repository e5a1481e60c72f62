package dev.querycache.internal.mutation;

import dev.querycache.QueryKey;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.query.OwnerLayers;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One key's rapid-toggle channel while it is open: the calls coalesced into it, the one layer
 * per query that shows its latest call, the request in flight and the value it sent. Opened
 * by the first call for the key, closed when a request's answer finds the latest value equal
 * to the one it sent (or the channel fails); see {@link SyncStage} for the rules. Its state is
 * guarded by the stage's monitor.
 */
final class SyncChannel implements LayerOwner {
  final SyncStage stage;
  /** The channel's key, as the key function gave it. */
  final Object key;
  /** Who the channel is, for events: its first run's name and the key. */
  private final String name;
  /** The channel's layers: one per query, its latest call's patches. */
  final OwnerLayers layers;
  /** Completes with the channel's outcome: the last request's answer, or its failure. */
  final CompletableFuture<Object> outcome = new CompletableFuture<>();
  /**
   * Completes when the voice (the run of the latest call) has taken its settle steps: the
   * other runs end with it, so every call's future completes together.
   */
  final CompletableFuture<Object> settled = new CompletableFuture<>();

  // ---- guarded by stage ----
  /** Calls numbered in the order they joined; the latest is the one the layer shows. */
  long calls;
  /** The run of the latest call: it speaks for the channel when it ends. */
  MutationRun<?, ?, ?> voice;
  /** Calls still in their mutate step: no decision is taken while one paints. */
  int painting;
  /** Whether a request was sent and the channel waits for, or holds, its answer. */
  boolean sending;
  /** The chain of the call that sent the first request: follow-ups go through it too. */
  AdmissionChain.@Nullable Chain<?, ?> sender;
  /** The variables of the request in flight (or last answered). */
  @Nullable Object sent;
  /** Requests sent so far, the first one included. */
  int requests;
  /** An answer that came while a call was painting: decided on when the painting ends. */
  boolean answered;
  @Nullable Object answer;
  @Nullable Throwable answerError;
  /** What dooms the channel (a call's mutate step or a layer failed): its outcome is this failure. */
  @Nullable Throwable doom;
  /** The outcome is decided; the channel left the stage's map. */
  boolean closed;

  SyncChannel(SyncStage stage, Object key, MutationRun<?, ?, ?> first) {
    this.stage = stage;
    this.key = key;
    this.voice = first;
    this.name = first.name() + " (sync " + key + ")";
    this.layers = new OwnerLayers(first.engine().queries, this, first.id, true);
  }

  /** Whether {@code run} speaks for the channel: the run of its latest call. */
  boolean isVoice(MutationRun<?, ?, ?> run) {
    synchronized (stage) {
      return voice == run;
    }
  }

  @Override
  public void layerFailed(QueryKey<?> failedKey, Throwable error) {
    stage.doom(this, error);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "SyncChannel " + name;
  }
}
