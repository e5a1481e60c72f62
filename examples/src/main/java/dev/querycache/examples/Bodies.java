package dev.querycache.examples;

/**
 * The small JSON bodies of the demo's endpoints that are not domain values: request bodies
 * naming one id, and the error body.
 */
final class Bodies {
  private Bodies() {}

  /** {@code POST /notification/markAsRead}. */
  record MarkAsRead(String notificationId) {}

  /** {@code POST /healthcheck/pauseConfiguration} and {@code resumeConfiguration}. */
  record ConfigId(String configId) {}

  /** {@code POST /mail/undo}. */
  record Undo(String mutationId) {}

  /** The body of every error answer. */
  record ErrorMessage(String message) {}
}
