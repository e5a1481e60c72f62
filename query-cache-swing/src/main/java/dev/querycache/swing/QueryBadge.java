package dev.querycache.swing;

import dev.querycache.CachedQuery;
import dev.querycache.internal.ui.QueryHealth;
import java.awt.Color;
import java.util.Locale;

/**
 * What the {@link CacheInspector} says about a query at a glance, with its colour: the first
 * of these that holds. A fetch in flight says the most; an error outranks staleness; a query
 * nobody observes is inactive, whatever its age. Colours are the look and feel's action
 * colours (FlatLaf's follow light and dark themes), else fixed ones.
 */
enum QueryBadge {
  /** A fetch is in flight. */
  FETCHING("Actions.Blue", new Color(0x1565C0)),
  /** A fetch waits for the network. */
  PAUSED("Actions.Purple", new Color(0x6A1B9A)),
  /** The last fetch failed and no data replaced its error. */
  ERROR("Actions.Red", new Color(0xC62828)),
  /** Nobody observes the query: it waits for its gc time. */
  INACTIVE("Actions.Grey", new Color(0x757575)),
  /** Observed, and its data is stale or invalidated. */
  STALE("Actions.Yellow", new Color(0xB08800)),
  /** Observed, and its data is fresh. */
  FRESH("Actions.Green", new Color(0x2E7D32));

  private final String colorKey;
  private final Color fallback;

  QueryBadge(String colorKey, Color fallback) {
    this.colorKey = colorKey;
    this.fallback = fallback;
  }

  /**
   * The badge of {@code query}.
   *
   * @param query a snapshot from the cache
   * @return the first badge that holds for it
   */
  static QueryBadge of(CachedQuery<?> query) {
    return valueOf(QueryHealth.of(query).name()); // the rule is the core's, shared with JavaFX
  }


  /** The word shown for it, such as {@code "fresh"}; what the inspector's filter matches. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Its colour under the current look and feel. EDT. */
  Color color() {
    return ToastPanel.themed(colorKey, fallback);
  }

  @Override
  public String toString() {
    return label();
  }
}
