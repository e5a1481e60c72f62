package dev.querycache.examples;

import dev.querycache.collection.RowIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The server's chat: messages stored under the ids their clients minted, each change numbered
 * by the chat's revision and streamed to every subscriber ({@link ChatEvent}).
 *
 * <ul>
 *   <li>A message is stored with the write key its client sent. The same write key again (a
 *       retry whose first attempt arrived) is answered with the message as stored, and no new
 *       event; another write key for a stored id is a conflict (409).
 *   <li>A deletion of a stored message is an event too; deleting an id the chat never had is
 *       not found (404), deleting one already deleted is answered as the first time.
 *   <li>A subscriber gets every event after the revision it names (a reconnecting stream
 *       names the last one it got), then each new one, in order.
 * </ul>
 *
 * <p>Thread-safe: every change and every subscription holds the store's lock, so events reach
 * each subscriber's queue in revision order.
 */
final class ChatStore {
  private record Stored(ChatMessage message, String writeKey) {}

  private final Clock clock;
  private final Map<String, Stored> messages = new LinkedHashMap<>(); // guarded by this
  private final Map<String, String> deletedBy = new LinkedHashMap<>(); // guarded by this: id -> the deletion's write key
  private final List<ChatEvent> log = new ArrayList<>(); // guarded by this
  private final Set<BlockingQueue<ChatEvent>> subscribers = new CopyOnWriteArraySet<>();
  private long revision; // guarded by this

  ChatStore(Clock clock) {
    this.clock = clock;
  }

  /** The messages stored, oldest first. */
  synchronized List<ChatMessage> all() {
    return messages.values().stream().map(Stored::message).toList();
  }

  /** Stores {@code message} under its id, sent with {@code writeKey}; returns it as stored. */
  synchronized ChatMessage send(ChatMessage message, String writeKey) {
    if (!RowIds.isValid(message.id())) {
      throw HttpStatusException.badRequest("The message id " + message.id() + " is not a row id of 40 lowercase hex characters");
    }
    Stored stored = messages.get(message.id());
    if (stored != null || deletedBy.containsKey(message.id())) {
      if (stored != null && stored.writeKey().equals(writeKey)) {
        return stored.message(); // a retry of a write that arrived: answered as the first time
      }
      throw new HttpStatusException(409, "The id " + message.id() + " belongs to another message");
    }
    ChatMessage sent = message.sentAt(clock.instant());
    messages.put(sent.id(), new Stored(sent, writeKey));
    publish(new ChatEvent(ChatEvent.UPSERTED, ++revision, sent, null, writeKey));
    return sent;
  }

  /** Deletes the message {@code id}, with {@code writeKey}; returns the id. */
  synchronized String delete(String id, String writeKey) {
    if (messages.remove(id) != null) {
      deletedBy.put(id, writeKey);
      publish(new ChatEvent(ChatEvent.DELETED, ++revision, null, id, writeKey));
    } else if (!deletedBy.containsKey(id)) {
      throw HttpStatusException.notFound("No message with id " + id);
    }
    return id;
  }

  /**
   * Puts every event after {@code after} into {@code queue}, then each new one as it happens,
   * until {@link #unsubscribe}.
   */
  synchronized void subscribe(long after, BlockingQueue<ChatEvent> queue) {
    for (ChatEvent event : log) {
      if (event.revision() > after) {
        queue.add(event);
      }
    }
    subscribers.add(queue);
  }

  void unsubscribe(BlockingQueue<ChatEvent> queue) {
    subscribers.remove(queue);
  }

  /** The chat's revision: that of its last change, 0 before the first. */
  synchronized long revision() {
    return revision;
  }

  private void publish(ChatEvent event) {
    log.add(event);
    for (BlockingQueue<ChatEvent> queue : subscribers) {
      queue.add(event); // unbounded: never blocks under the lock
    }
  }

  @Override
  public synchronized String toString() {
    return "ChatStore{" + messages.size() + " messages, revision " + revision + "}";
  }
}
