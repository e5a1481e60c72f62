package dev.querycache;

import java.util.Objects;

/**
 * Why a call of an {@linkplain AbstractMutationBuilder#exclusive exclusive} mutation failed
 * at once: another call for the same key was still running. Nothing was painted, nothing
 * was sent, and no run was recorded; the call's future fails with this exception, and the
 * screen should show that the key is busy (the running call's state is pending).
 *
 * @since 0.1.0
 */
public final class MutationRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The key the refused call shares with the running one, as the key function gave it. */
  private final transient Object key;

  /**
   * A refusal.
   *
   * @param mutation what a person calls the mutation, for the message
   * @param key the key that is busy
   * @throws NullPointerException if an argument is null
   */
  public MutationRefusedException(String mutation, Object key) {
    super(Objects.requireNonNull(mutation, "mutation == null") + " is already running for "
        + Objects.requireNonNull(key, "key == null") + ": this call was refused (the mutation is exclusive)");
    this.key = key;
  }

  /**
   * The busy key, as the mutation's key function gave it. Any thread.
   *
   * @return the key
   */
  public Object key() {
    return key;
  }
}
