package dev.querycache.collection;

import java.util.Objects;

/**
 * What the transaction of a {@link PacedWrites} call fails with when the pacing dropped the
 * call: a debounce or a throttle without a trailing edge sends only the calls on its leading
 * edge. Nothing of the call was shown or sent.
 *
 * @since 0.1.0
 */
public final class CallDroppedException extends CollectionException {
  private static final long serialVersionUID = 1L;

  /**
   * The drop of a call of {@code pacedWrites}, paced by {@code pacing}.
   *
   * @param pacedWrites the paced writes' name
   * @param pacing how they are paced, such as {@code "throttle(PT1S, leading)"}
   * @throws NullPointerException if an argument is null
   */
  public CallDroppedException(String pacedWrites, String pacing) {
    super(Objects.requireNonNull(pacedWrites, "pacedWrites == null") + " dropped a call: its "
        + Objects.requireNonNull(pacing, "pacing == null") + " sends only the calls on its leading edge, and this one"
        + " came within the wait; nothing of it was shown or sent (give the pacing a trailing edge to send such calls)");
  }
}
