package dev.querycache.internal.layer;

import dev.querycache.QueryKey;
import dev.querycache.internal.runtime.Notifier;

/**
 * What owns optimistic layers: a mutation run, a sync channel, a transaction. A query tells the owner when one of its layers can no longer be applied.
 */
public interface LayerOwner {
  /**
   * The owner's layer on {@code key} threw when it was applied again over newer data (or over
   * what remained after another layer left): the query already skips it. Called as a
   * {@linkplain Notifier#later follow-up step}, outside every lock, at most once per layer.
   *
   * @param key the query whose layer failed
   * @param error what the patch threw
   */
  void layerFailed(QueryKey<?> key, Throwable error);

  /**
   * Whether {@code writeKey}, the idempotency key a pushed row carries back from the write that
   * made it, is this owner's: the push then includes the owner's change, and its layer on the
   * row leaves. Called under the row's monitor: it must take no lock. Owners without a write
   * key (a mutation run) say false.
   *
   * @param writeKey the key the push carries
   * @return whether it is this owner's
   */
  default boolean hasWriteKey(String writeKey) {
    return false;
  }

  /**
   * Who the owner is, for the client's event stream and devtools: a mutation run says its
   * mutation's name and run id, such as {@code "archive #12"}. Any thread; cheap.
   *
   * @return the owner's name
   */
  String name();
}
