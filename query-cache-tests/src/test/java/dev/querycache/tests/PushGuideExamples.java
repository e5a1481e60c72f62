package dev.querycache.tests;

import dev.querycache.QueryClient;
import dev.querycache.QueryOptions;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The code of {@code docs/push-and-ghost-rows.md}, compiled with the tests so the guide cannot
 * drift from the API. {@link PushGuideExamplesTest} runs it.
 */
final class PushGuideExamples {
  private PushGuideExamples() {}

  /** A chat message; {@code sentAt} is the server's time, null until the server has it. */
  record Message(String id, String channel, String text, @Nullable Instant sentAt) {}

  /** A reaction to a message: a row of another collection. */
  record Reaction(String id, String messageId, String emoji) {}

  /** The chat server's API. */
  interface ChatApi {
    /**
     * Stores the messages under their ids. The write key makes a retry safe: the server answers
     * a write key it has seen with what it answered the first time.
     */
    CompletionStage<Void> post(List<Message> messages, String writeKey);

    /** Stores a message and its reactions in one request. */
    CompletionStage<Void> postWithReactions(List<PendingChange<?, ?>> changes, String writeKey);
  }

  /** One change the server streams to its clients, as the transport decoded it. */
  record ChatEvent(String kind, long revision, @Nullable Message message, @Nullable String deletedId,
      @Nullable String writeKey) {}

  // [send]
  static QueryCollection<String, Message> messages(
      QueryClient client, QueryOptions<List<Message>> channel, ChatApi api) {
    return client.collection(channel, Message::id)
        .mintedIds()
        .errorMessage("Could not send the message")
        .onInsertAsync(changes -> api.post(
            changes.stream().map(PendingChange::modified).toList(),
            changes.get(0).transaction().writeKey()))           // the new row's id, for an insert
        .build();
  }

  static Transaction send(QueryCollection<String, Message> messages, String channel, String text) {
    Gesture gesture = Gesture.begin();
    return messages.insert(new Message(gesture.id(), channel, text, null));
  }
  // [send]

  // [receive]
  static void onEvent(QueryCollection<String, Message> messages, ChatEvent event) {
    RowPush<String, Message> push = event.kind().equals("deleted")
        ? RowPush.delete(event.deletedId(), event.revision(), event.writeKey())
        : RowPush.upsert(event.message(), event.revision(), event.writeKey());
    messages.applyPush(push);                                   // on the transport's thread
  }
  // [receive]

  // [gesture]
  static Transaction sendWithReaction(QueryClient client, QueryCollection<String, Message> messages,
      QueryCollection<String, Reaction> reactions, ChatApi api, String channel, String text) {
    Gesture gesture = Gesture.begin();
    Transaction send = client.transaction()
        .writeKey(gesture.id())                                 // one key for all the gesture's rows
        .persistAsync(tx -> api.postWithReactions(tx.changes(), tx.writeKey()))
        .build();
    return send.mutate(write -> {
      write.insert(messages, new Message(gesture.id(), channel, text, null));
      write.insert(reactions, new Reaction(gesture.id(), gesture.id(), "wave"));
    });
  }
  // [gesture]
}
