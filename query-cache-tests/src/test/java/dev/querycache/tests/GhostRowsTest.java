package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowIdConflictException;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.RowLog;
import dev.querycache.test.TransitionRecorder;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of ghost rows: a row the client created under an id it minted, shown at once,
 * and what the server's rows with that id do to it. Server rows come here through
 * {@code writeRows} (a handler's write-back, or a message from the server); each test reads as
 * the story a table shows ({@link RowLog}), which never has a ghost removed and added again.
 */
class GhostRowsTest {
  static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

  /** A chat message; {@code sentAt} is the server's, null until it has the message. */
  record Message(String id, String text, Instant sentAt) {
    Message edited(String newText) {
      return new Message(id, newText, sentAt);
    }
  }

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final TransitionRecorder recorder = new TransitionRecorder(client);
  final ControllableQuery<List<Message>> server = new ControllableQuery<>();
  final ControllableMutation<List<PendingChange<String, Message>>, String> saves = new ControllableMutation<>();
  final Gesture send = Gesture.begin(Clock.fixed(NOON, ZoneOffset.UTC));
  final String id = send.id();
  QueryCollection<String, Message> messages;
  RowLog<String, Message> table;

  @BeforeEach
  void openTheChannel() {
    messages = client.collection(
            QueryOptions.builder(QueryKey.<List<Message>>of("messages")).asyncFetcher(server).retry(0).build(),
            Message::id)
        .mintedIds()
        .errorMessage("Could not send the message")
        .onInsertAsync(saves::mutate)
        .onUpdateAsync(saves::mutate)
        .onDeleteAsync(saves::mutate)
        .build();
    server.resolve(List.of());
    table = recorder.rows(messages, message -> message.text() + (message.sentAt() == null ? " (sending)" : " (sent)"));
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** The server's row for the ghost: the same id, with the time it took the message. */
  Message canonical(String text) {
    return new Message(id, text, NOON.plusSeconds(1));
  }

  @Test
  void theServersRowForAGhostWrittenAfterItsAnswerIsOneRowChange() {
    messages.insert(new Message(id, "Hello", null));
    saves.resolve("ok");

    messages.writeRows(List.of(canonical("Hello")), List.of());

    assertThat(messages.rows()).containsExactly(canonical("Hello"));
    table.assertSequence("added " + id + ": Hello (sending)", "changed " + id + ": Hello (sending) -> Hello (sent)");
  }

  @Test
  void theServersRowForAGhostWrittenBeforeItsAnswerKeepsOneRowAndNeverFlashes() {
    messages.insert(new Message(id, "Hello", null));

    messages.writeRows(List.of(canonical("Hello")), List.of()); // the server's message comes first
    saves.resolve("ok"); // the gesture's insert stays until then, letting the server's row through

    assertThat(messages.rows()).containsExactly(canonical("Hello"));
    table.assertSequence("added " + id + ": Hello (sending)", "changed " + id + ": Hello (sending) -> Hello (sent)");
    table.assertRows("Hello (sent)");
  }

  @Test
  void aGesturesRowsInTwoCollectionsShareItsIdAndRollBackTogether() {
    QueryCollection<String, Message> pinned = client.collection(
            QueryOptions.builder(QueryKey.<List<Message>>of("pinned")).asyncFetcher(new ControllableQuery<>()).build(),
            Message::id)
        .mintedIds()
        .build();
    ControllableMutation<Transaction, String> sent = new ControllableMutation<>();
    Transaction gesture = client.transaction().writeKey(send.id()).persistAsync(sent::mutate).build();

    gesture.mutate(write -> {
      write.insert(messages, new Message(send.id(), "Hello", null));
      write.insert(messages, new Message(send.id(1), "and a second line", null)); // a derived id
      write.insert(pinned, new Message(send.id(), "Hello", null));
    });
    assertThat(messages.rows()).extracting(Message::id).containsExactly(send.id(), send.id(1));
    assertThat(pinned.rows()).extracting(Message::id).containsExactly(send.id());
    sent.fail(new IOException("refused"));

    assertThat(messages.rows()).isEmpty();
    assertThat(pinned.rows()).isEmpty();
  }

  @Test
  void aRolledBackGhostLeavesNoTombstoneSoTheSameIdCanBeInsertedAgain() {
    Transaction first = messages.insert(new Message(id, "Hello", null));
    saves.fail(new IOException("offline"));
    assertThat(first.isPersisted()).isCompletedExceptionally();

    Transaction retry = messages.insert(new Message(id, "Hello", null)); // the same gesture, sent again
    saves.resolve("ok");

    assertThat(retry.isPersisted()).isCompleted();
    table.assertSequence(
        "added " + id + ": Hello (sending)", "removed " + id + ": Hello (sending)", "added " + id + ": Hello (sending)");
  }

  @Test
  void aGhostWhoseIdTheServerHoldsForAnotherRowLeavesWithTheConflict() {
    Transaction send = messages.insert(new Message(id, "Hello", null));

    saves.fail(new RowIdConflictException(id, "messages")); // the server's 409: another write made that row

    assertThat(messages.get(id)).isEmpty();
    assertThat(send.error().orElseThrow()).isInstanceOf(RowIdConflictException.class).hasMessage("the server holds a different row"
        + " under the id " + id + " of messages, made by another write: the new row was taken away; a new gesture mints a new id");
    assertThat(toaster.messages()).containsExactly("Could not send the message");
    table.assertSequence("added " + id + ": Hello (sending)", "removed " + id + ": Hello (sending)");
  }

  @Test
  void theGestureSentAgainCarriesTheSameWriteKeySoTheServerCanAnswerItAsTheFirstTime() {
    Transaction first = messages.insert(new Message(id, "Hello", null));
    String firstKey = saves.latestCall().variables().get(0).transaction().writeKey();
    saves.fail(new IOException("timed out")); // the server had stored it

    Transaction again = messages.insert(new Message(id, "Hello", null)); // the user taps "retry"
    String againKey = saves.latestCall().variables().get(0).transaction().writeKey();
    saves.resolve("already stored under this write key"); // an idempotent server: a success
    messages.applyPush(RowPush.upsert(canonical("Hello"), 1, againKey));

    assertThat(againKey).isEqualTo(firstKey).isEqualTo(id);
    assertThat(first.error()).isPresent();
    assertThat(again.isPersisted()).isCompleted();
    table.assertRows("Hello (sent)");
  }

  @Test
  void aRolledBackGhostLeavesNoTombstoneSoTheServersRowWithItsIdShows() {
    messages.insert(new Message(id, "Hello", null));
    saves.fail(new IOException("timed out")); // the server may have taken it all the same

    messages.writeRows(List.of(canonical("Hello")), List.of());

    assertThat(messages.get(id)).contains(canonical("Hello"));
  }

  @Test
  void aPendingDeleteKeepsTheRowHiddenWhenTheServerSendsItAgain() {
    messages.writeRows(List.of(canonical("Hello")), List.of());
    messages.delete(id);

    messages.writeRows(List.of(canonical("Hello, edited elsewhere")), List.of());

    assertThat(messages.get(id)).isEmpty();
    table.assertSequence("added " + id + ": Hello (sent)", "removed " + id + ": Hello (sent)");
  }

  @Test
  void aFailedDeleteBringsTheRowBackAsTheServerLastSentIt() {
    messages.writeRows(List.of(canonical("Hello")), List.of());
    messages.delete(id);
    messages.writeRows(List.of(canonical("Hello, edited elsewhere")), List.of());

    saves.fail(new IOException("refused"));

    assertThat(messages.get(id)).contains(canonical("Hello, edited elsewhere"));
    assertThat(toaster.messages()).containsExactly("Could not send the message");
  }

  @Test
  void theServersRowUnderAPendingEditBecomesTheConfirmedRowWithTheEditOnTop() {
    messages.writeRows(List.of(canonical("Helo")), List.of());
    messages.update(id, message -> message.edited("Hello"));

    messages.writeRows(List.of(new Message(id, "Helo", NOON.plusSeconds(5))), List.of()); // another field changed

    assertThat(messages.get(id)).contains(new Message(id, "Hello", NOON.plusSeconds(5)));
    saves.fail(new IOException("refused"));
    assertThat(messages.get(id)).as("the edit gone, the server's row stays").contains(new Message(id, "Helo", NOON.plusSeconds(5)));
  }
}
