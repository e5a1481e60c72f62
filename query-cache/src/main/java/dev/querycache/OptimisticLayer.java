package dev.querycache;

import java.util.function.UnaryOperator;

/**
 * One pending optimistic patch of one query, owned by one mutation run. A query's visible
 * data is its confirmed data with its layers' patches applied in the order their mutations
 * started; see {@link Query}.
 */
final class OptimisticLayer<T> {
  /** The run that owns this layer; its layers are removed or folded together. */
  final Object owner;
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
  /** The owner settled: fold into the confirmed data once every earlier layer is gone. */
  volatile boolean foldRequested;

  OptimisticLayer(Object owner, long order, UnaryOperator<T> patch, boolean constant) {
    this.owner = owner;
    this.order = order;
    this.patch = patch;
    this.constant = constant;
  }

  /** Whether data fetched by a fetch that started at {@code fetchSequence} includes this. */
  boolean isIncludedIn(long fetchSequence) {
    long success = successSequence;
    return success != 0 && fetchSequence > success;
  }
}
