package dev.querycache.examples;

import dev.querycache.collection.RowIds;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message of the demo's chat: its id, minted by the client that sent it ({@link RowIds}), who
 * wrote it, its text, and when the server took it ({@code sentAt}: null while only the sender
 * has it, a ghost row).
 *
 * @param id the message's row id
 * @param author who wrote it
 * @param text what it says
 * @param sentAt when the server stored it, or null if it has not yet
 */
public record ChatMessage(String id, String author, String text, @Nullable Instant sentAt) {
  /**
   * Checks the message.
   *
   * @param id the message's row id
   * @param author who wrote it
   * @param text what it says
   * @param sentAt when the server stored it, or null if it has not yet
   * @throws NullPointerException if {@code id}, {@code author} or {@code text} is null
   * @throws IllegalArgumentException if {@code author} or {@code text} is blank
   */
  public ChatMessage {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(author, "author == null");
    Objects.requireNonNull(text, "text == null");
    if (author.isBlank()) {
      throw new IllegalArgumentException("author is blank");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("text is blank: there is nothing to send");
    }
  }

  /**
   * The message as the server stores it: taken at {@code when}.
   *
   * @param when the server's time
   * @return a copy with {@code sentAt}
   */
  public ChatMessage sentAt(Instant when) {
    return new ChatMessage(id, author, text, Objects.requireNonNull(when, "when == null"));
  }

  /**
   * Whether the server has the message (it is no longer a ghost).
   *
   * @return true once it has a {@code sentAt}
   */
  public boolean isSent() {
    return sentAt != null;
  }
}
