package dev.querycache;

import java.util.Objects;

/**
 * Why a {@linkplain OptimisticMutationBuilder#sync sync} mutation's channel failed: the value
 * kept changing while its requests were in flight, and the channel sent as many follow-ups
 * as it may. The channel ends like any failure: its layer comes off (the screen shows the
 * confirmed value), the error toast speaks once, the settle invalidation refetches, and every
 * call coalesced into it fails with this exception; the next call opens a new channel.
 *
 * @since 0.1.0
 */
public final class FollowUpLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The channel's key, as the key function gave it. */
  private final transient Object key;
  private final int followUps;

  /**
   * A channel that reached its limit.
   *
   * @param mutation what a person calls the mutation, for the message
   * @param key the channel's key
   * @param followUps how many follow-ups it sent
   * @throws NullPointerException if {@code mutation} or {@code key} is null
   */
  public FollowUpLimitException(String mutation, Object key, int followUps) {
    super(Objects.requireNonNull(mutation, "mutation == null") + " sent " + followUps
        + " follow-ups for " + Objects.requireNonNull(key, "key == null")
        + " and the value still changed: the channel gave up (raise maxFollowUps if that is expected)");
    this.key = key;
    this.followUps = followUps;
  }

  /**
   * The channel's key, as the mutation's key function gave it. Any thread.
   *
   * @return the key
   */
  public Object key() {
    return key;
  }

  /**
   * How many follow-ups the channel sent before it gave up. Any thread.
   *
   * @return the count
   */
  public int followUps() {
    return followUps;
  }
}
