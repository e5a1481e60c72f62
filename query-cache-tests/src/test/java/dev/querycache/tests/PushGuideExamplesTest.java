package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.Transaction;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.RowLog;
import dev.querycache.test.TransitionRecorder;
import dev.querycache.test.VirtualTime;
import dev.querycache.tests.PushGuideExamples.ChatApi;
import dev.querycache.tests.PushGuideExamples.ChatEvent;
import dev.querycache.tests.PushGuideExamples.Message;
import dev.querycache.tests.PushGuideExamples.Reaction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the code of the push guide: a chat whose server streams each change to every client. */
class PushGuideExamplesTest {
  static final Instant SERVER_TIME = Instant.parse("2026-12-07T15:00:00Z");

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final TransitionRecorder recorder = new TransitionRecorder(client);
  final ControllableQuery<List<Message>> server = new ControllableQuery<>();
  final List<String> writeKeys = new ArrayList<>();
  final List<CompletableFuture<Void>> answers = new ArrayList<>();
  final ChatApi api = new ChatApi() {
    @Override
    public CompletionStage<Void> post(List<Message> messages, String writeKey) {
      return answer(writeKey);
    }

    @Override
    public CompletionStage<Void> postWithReactions(List<PendingChange<?, ?>> changes, String writeKey) {
      return answer(writeKey);
    }

    private CompletionStage<Void> answer(String writeKey) {
      writeKeys.add(writeKey);
      CompletableFuture<Void> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    }
  };
  QueryCollection<String, Message> messages;
  RowLog<String, Message> table;

  @BeforeEach
  void openTheChannel() {
    QueryOptions<List<Message>> general =
        QueryOptions.builder(QueryKey.<List<Message>>of("channel", "general")).asyncFetcher(server).build();
    messages = PushGuideExamples.messages(client, general, api);
    server.resolve(List.of());
    table = recorder.rows(messages, message -> message.text() + (message.sentAt() == null ? " (sending)" : " (sent)"));
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** What the server streams once it stored {@code message} under the write key it got. */
  ChatEvent stored(Message message, long revision, String writeKey) {
    return new ChatEvent("upserted", revision, new Message(message.id(), message.channel(), message.text(), SERVER_TIME),
        null, writeKey);
  }

  @Test
  void aSentMessageShowsAtOnceAndItsEchoMakesItSentInTheSameRow() {
    Transaction send = PushGuideExamples.send(messages, "general", "Hello");
    Message ghost = messages.rows().get(0);

    PushGuideExamples.onEvent(messages, stored(ghost, 41, writeKeys.get(0))); // the stream is faster than the answer
    answers.get(0).complete(null);

    assertThat(writeKeys).containsExactly(ghost.id());
    assertThat(send.isPersisted()).isCompleted();
    table.assertSequence("added " + ghost.id() + ": Hello (sending)", "changed " + ghost.id() + ": Hello (sending) -> Hello (sent)");
  }

  @Test
  void anotherClientsMessageArrivesOverTheStream() {
    Message theirs = new Message("0192f3a4c1b2000007d3e1aa00112233445566ff", "general", "Hi all", SERVER_TIME);

    PushGuideExamples.onEvent(messages, new ChatEvent("upserted", 40, theirs, null, "their-key"));

    table.assertRows("Hi all (sent)");
  }

  @Test
  void aDeletionOverTheStreamRemovesTheMessageAndAnOlderEventCannotBringItBack() {
    Message theirs = new Message("0192f3a4c1b2000007d3e1aa00112233445566ff", "general", "Oops", SERVER_TIME);
    PushGuideExamples.onEvent(messages, new ChatEvent("upserted", 40, theirs, null, null));

    PushGuideExamples.onEvent(messages, new ChatEvent("deleted", 42, null, theirs.id(), null));
    PushGuideExamples.onEvent(messages, new ChatEvent("upserted", 41, theirs, null, null)); // replayed late

    assertThat(messages.rows()).isEmpty();
  }

  @Test
  void aMessageTheServerRefusesLeavesWithAToast() {
    PushGuideExamples.send(messages, "general", "Hello");

    answers.get(0).completeExceptionally(new IOException("403 Forbidden"));
    time.runDue();

    assertThat(messages.rows()).isEmpty();
    assertThat(toaster.messages()).containsExactly("Could not send the message");
  }

  @Test
  void aGesturesRowsShareItsIdAsTheirWriteKey() {
    QueryOptions<List<Reaction>> reactionList =
        QueryOptions.builder(QueryKey.<List<Reaction>>of("reactions")).fetcher(context -> List.of()).build();
    QueryCollection<String, Reaction> reactions = client.collection(reactionList, Reaction::id).mintedIds().build();

    Transaction send = PushGuideExamples.sendWithReaction(client, messages, reactions, api, "general", "Hello");

    assertThat(writeKeys).containsExactly(send.writeKey());
    assertThat(messages.rows()).extracting(Message::id).containsExactly(send.writeKey());
    assertThat(reactions.rows()).extracting(Reaction::id).containsExactly(send.writeKey());
  }
}
