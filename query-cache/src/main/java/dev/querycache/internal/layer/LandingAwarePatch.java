package dev.querycache.internal.layer;

/**
 * A layer's patch that is told when data lands under its layer, just before it is applied
 * over that data. Such a patch may apply differently over data that may already hold its
 * change: a collection's update, once its transaction was sent, shows the values it set rather
 * than applying its function again. Called by {@link LayerStack#land}, under the guard of the
 * stack's query or row, on the landing's thread; it must take no lock.
 */
public interface LandingAwarePatch {
  /** Data lands under the patch's layer, which is applied over it next. */
  void dataLands();
}
