package dev.querycache;

/**
 * When a fetch needs the network (TanStack Query's {@code networkMode}): whether its attempts
 * pause while the client is offline ({@link QueryClient#onlineChanged(boolean)}) and go on
 * when it comes back. Set it with {@link QuerySettings.AbstractBuilder#networkMode}.
 *
 * @since 0.1.0
 */
public enum NetworkMode {
  /**
   * The default: no attempt starts while offline; the fetch pauses ({@code isPaused()}) and
   * goes on when the client is online again.
   */
  ONLINE,
  /**
   * The network plays no part (a local store, a cache in memory): attempts run, and retries
   * follow, whatever the client says.
   */
  ALWAYS,
  /**
   * The first attempt runs whatever the client says (a service worker's or a disk cache may
   * answer it); its retries pause while offline, as with {@link #ONLINE}.
   */
  OFFLINE_FIRST
}
