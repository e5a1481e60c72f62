package dev.querycache.examples;

import java.util.List;

/**
 * The small JSON bodies of the demo's endpoints that are not domain values: request bodies
 * naming ids or carrying tasks, and the error body.
 */
final class Bodies {
  private Bodies() {}

  /** {@code POST /notification/markAsRead}. */
  record MarkAsRead(String notificationId) {}

  /** {@code POST /healthcheck/pauseConfiguration} and {@code resumeConfiguration}. */
  record ConfigId(String configId) {}

  /** {@code POST /mail/undo}. */
  record Undo(String mutationId) {}

  /** {@code POST /tasks/create} and {@code /tasks/save}: the tasks, whole. */
  record Tasks(List<Task> tasks) {}

  /** {@code POST /tasks/delete}. */
  record TaskIds(List<String> ids) {}

  /** {@code POST /chat/send}: a message under the id its client minted, and the write's key. */
  record ChatSend(ChatMessage message, String writeKey) {}

  /** {@code POST /chat/delete}. */
  record ChatDelete(String id, String writeKey) {}

  /** The body of every error answer. */
  record ErrorMessage(String message) {}
}
