package dev.querycache.examples;

import dev.querycache.collection.RowPush;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of the chat, as the server streams it to every client ({@code GET /chat/events}):
 * a message stored ({@code "upserted"}) or deleted ({@code "deleted"}), at the chat's revision,
 * with the write key of the write that made it.
 *
 * @param kind {@code "upserted"} or {@code "deleted"}
 * @param revision the chat's revision after the change: each change has a greater one
 * @param message the message stored, for an upsert
 * @param deletedId the id of the message deleted, for a deletion
 * @param writeKey the write key the client sent with the write
 */
public record ChatEvent(String kind, long revision, @Nullable ChatMessage message, @Nullable String deletedId,
    @Nullable String writeKey) {
  /** The kind of a stored message. */
  public static final String UPSERTED = "upserted";
  /** The kind of a deleted message. */
  public static final String DELETED = "deleted";

  /**
   * Checks the event.
   *
   * @param kind {@code "upserted"} or {@code "deleted"}
   * @param revision the chat's revision after the change
   * @param message the message stored, for an upsert
   * @param deletedId the id of the message deleted, for a deletion
   * @param writeKey the write key the client sent with the write, or null
   * @throws NullPointerException if {@code kind} is null, or the message or id its kind needs
   * @throws IllegalArgumentException if {@code kind} is neither
   */
  public ChatEvent {
    Objects.requireNonNull(kind, "kind == null");
    if (kind.equals(UPSERTED)) {
      Objects.requireNonNull(message, "an upserted event without its message");
    } else if (kind.equals(DELETED)) {
      Objects.requireNonNull(deletedId, "a deleted event without the deleted id");
    } else {
      throw new IllegalArgumentException("kind is \"" + kind + "\": expected \"upserted\" or \"deleted\"");
    }
  }

  /**
   * The event as a push for the client's collection of messages.
   *
   * @return the push
   */
  public RowPush<String, ChatMessage> toPush() {
    return kind.equals(UPSERTED)
        ? RowPush.upsert(Objects.requireNonNull(message), revision, writeKey)
        : RowPush.delete(Objects.requireNonNull(deletedId), revision, writeKey);
  }
}
