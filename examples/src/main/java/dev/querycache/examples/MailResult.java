package dev.querycache.examples;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server's answer to a mail action.
 *
 * @param mutationId the id to pass to {@code POST /mail/undo} when the action can be undone
 *     (archive, trash, snooze), else null
 */
public record MailResult(@Nullable String mutationId) {
  /**
   * The mutation id, if the action can be undone.
   *
   * @return the id, or empty
   */
  public Optional<String> undoId() {
    return Optional.ofNullable(mutationId);
  }
}
