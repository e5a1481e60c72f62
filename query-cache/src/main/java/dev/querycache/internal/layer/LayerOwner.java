package dev.querycache.internal.layer;

import dev.querycache.QueryKey;
import dev.querycache.internal.runtime.Notifier;

/**
 * What owns optimistic layers: a mutation run today (transactions, sync channels and pushes
 * later). A query tells the owner when one of its layers can no longer be applied.
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
   * Who the owner is, for the client's event stream and devtools: a mutation run says its
   * mutation's name and run id, such as {@code "archive #12"}. Any thread; cheap.
   *
   * @return the owner's name
   */
  String name();
}
