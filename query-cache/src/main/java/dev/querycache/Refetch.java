package dev.querycache;

/**
 * When an observed query refetches on an event (an observer subscribing, the window
 * regaining focus, the network coming back).
 *
 * @since 0.1.0
 */
public enum Refetch {
  /** Never on this event. */
  NEVER,
  /** Only when the data is stale (missing, invalidated, or older than the stale time). */
  IF_STALE,
  /** Always, even when the data is fresh. */
  ALWAYS
}
