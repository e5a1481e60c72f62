package dev.querycache.internal.layer;

import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One optimistic patch of one query, owned by one {@link LayerOwner} (a mutation run). A
 * query's visible data is its confirmed data with its layers' patches applied in the order
 * their owners started; see {@link LayerStack}.
 *
 * <p>A layer's life: <em>pending</em> while its owner waits for the server; removed if the
 * owner fails; <em>succeeded</em> once the server accepted the write, and then removed as
 * soon as data that includes the change lands (a fetch that started after the success, or a
 * hand-written update after it); <em>settled</em> once its owner's settle step is done, when
 * it stops pinning the query and, if no fetch has tried to confirm it, is folded into the
 * confirmed data. A layer whose confirming fetch failed is not folded: the server never said
 * so, and the query (invalidated) shows it only until data lands.
 */
public final class OptimisticLayer<T> {
  /** The owner; its layers are removed, marked and folded together. */
  public final LayerOwner owner;
  /** The owner's start order: layers apply in this order. */
  final long order;
  /** A pure function of the data, so it can be applied again to newer data. */
  final UnaryOperator<T> patch;
  /** Whether the patch ignores its input (a value written by hand), so it applies to none. */
  final boolean constant;
  /**
   * The client sequence number at the owner's success, or zero while it is pending. A fetch
   * that started after it brings data that already includes the change.
   */
  volatile long successSequence;
  /** The owner's settle step is done: the layer no longer pins its query. */
  volatile boolean settled;
  /** A fetch that started after the success ended without data: never fold this layer. */
  volatile boolean confirmationFailed;
  /** What the patch threw when applied again; the layer is skipped from then on. */
  public volatile @Nullable Throwable failure;
  /** The data the patch was last applied to, and what it made of it: the change, for undo. */
  volatile @Nullable T lastInput;

  volatile @Nullable T lastOutput;

  public OptimisticLayer(LayerOwner owner, long order, UnaryOperator<T> patch, boolean constant) {
    this.owner = owner;
    this.order = order;
    this.patch = patch;
    this.constant = constant;
  }

  public boolean hasSucceeded() {
    return successSequence != 0;
  }

  /** Whether data fetched by a fetch that started at {@code fetchSequence} includes this. */
  public boolean isIncludedIn(long fetchSequence) {
    long success = successSequence;
    return success != 0 && fetchSequence > success;
  }

  /** Whether this layer keeps its query in the cache: until its owner settled. */
  boolean pins() {
    return !settled;
  }

  /**
   * Whether the layer may become confirmed data now: its owner settled after a success, no
   * fetch tried and failed to confirm it, and no fetch is in flight (one that started before
   * the success must land under the layer; one that started after decides by landing or not).
   */
  boolean canFold(boolean fetchInFlight) {
    return settled && successSequence != 0 && !confirmationFailed && failure == null && !fetchInFlight;
  }

  /** Who owns {@code layers}, each named once, comma-separated: the cause of an event. */
  public static String ownerNames(java.util.List<? extends OptimisticLayer<?>> layers) {
    return layers.stream().map(layer -> layer.owner.name()).distinct().collect(java.util.stream.Collectors.joining(", "));
  }
}
