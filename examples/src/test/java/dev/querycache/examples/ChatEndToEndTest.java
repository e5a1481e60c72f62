package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowIdConflictException;
import dev.querycache.collection.Transaction;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.RowLog;
import dev.querycache.test.TransitionRecorder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two clients of the demo's chat over loopback, each with its own query client, collection and
 * event stream: what one sends shows at once in its own window and over the stream in the
 * other's, as one row that never flashes.
 */
class ChatEndToEndTest {
  static final long WAIT_SECONDS = 10;

  DemoServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final Side alice = new Side("Ada");
  final Side bob = new Side("Bob");

  /** One client: its own query client, chat collection and feed. */
  final class Side {
    final String author;
    final RecordingToaster toaster = new RecordingToaster();
    /** The first error toast's message, once shown (toasts come after the transaction's outcome). */
    final CompletableFuture<String> errorToast = new CompletableFuture<>();
    QueryClient client;
    QueryCollection<String, ChatMessage> chat;
    RowLog<String, ChatMessage> table;
    ChatFeed feed;

    Side(String author) {
      this.author = author;
    }

    void open() throws Exception {
      client = QueryClient.builder().toaster(new Toaster() {
        @Override
        public void success(String message) {
          toaster.success(message);
        }

        @Override
        public void error(String message, Throwable cause) {
          toaster.error(message, cause);
          errorToast.complete(message);
        }

        @Override
        public void undo(String message, UndoOffer offer) {
          toaster.undo(message, offer);
        }
      }).build();
      chat = new DemoQueries(client, new DemoApi(server.baseUri())).chat();
      table = new TransitionRecorder(client).rows(chat, m -> m.author() + ": " + m.text() + (m.isSent() ? "" : " (sending)"));
      feed = ChatFeed.open(http, server.baseUri(), chat);
    }

    Transaction send(String text) {
      return chat.insert(new ChatMessage(Gesture.begin().id(), author, text, null));
    }

    /** Waits, without sleeping, until the rows satisfy {@code condition}. */
    void awaitRows(Predicate<List<ChatMessage>> condition) throws Exception {
      AwaitRows.until(chat, condition, Duration.ofSeconds(WAIT_SECONDS));
    }

    void close() {
      if (feed != null) {
        feed.close();
      }
      if (client != null) {
        client.close();
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = DemoServer.builder().build().start();
    alice.open();
    bob.open();
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
    server.stop();
  }

  static boolean allSent(List<ChatMessage> rows, int count) {
    return rows.size() == count && rows.stream().allMatch(ChatMessage::isSent);
  }

  @Test
  void aMessageShowsAtOnceInTheSenderAndOverTheStreamInTheOtherClient() throws Exception {
    Transaction send = alice.send("Hello");

    assertThat(alice.chat.rows()).extracting(ChatMessage::text).as("at once, before any answer").containsExactly("Hello");
    send.isPersisted().get(WAIT_SECONDS, TimeUnit.SECONDS);
    alice.awaitRows(rows -> allSent(rows, 1));
    bob.awaitRows(rows -> allSent(rows, 1));

    assertThat(bob.chat.rows()).isEqualTo(alice.chat.rows());
    alice.table.assertSequence("added " + send.writeKey() + ": Ada: Hello (sending)",
        "changed " + send.writeKey() + ": Ada: Hello (sending) -> Ada: Hello");
    bob.table.assertSequence("added " + send.writeKey() + ": Ada: Hello");
  }

  @Test
  void bothClientsTalkingEndWithTheSameRowsInTheServersOrder() throws Exception {
    for (int i = 0; i < 5; i++) {
      alice.send("a" + i);
      bob.send("b" + i);
    }

    alice.awaitRows(rows -> allSent(rows, 10));
    bob.awaitRows(rows -> allSent(rows, 10));

    assertThat(alice.chat.rows()).containsExactlyInAnyOrderElementsOf(new DemoApi(server.baseUri()).chatMessages());
    assertThat(bob.chat.rows()).containsExactlyInAnyOrderElementsOf(alice.chat.rows());
  }

  @Test
  void aRefusedMessageLeavesTheSenderWithAToastAndNeverReachesTheOther() throws Exception {
    server.settings().setFailureRate(1.0);
    Transaction send = alice.send("Hello");

    assertThat(send.isPersisted()).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class);
    alice.awaitRows(List::isEmpty);

    assertThat(alice.errorToast.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(DemoQueries.CHAT_SEND_FAILED);
    assertThat(alice.toaster.messages()).containsExactly(DemoQueries.CHAT_SEND_FAILED);
    server.settings().setFailureRate(0);
    assertThat(new DemoApi(server.baseUri()).chatMessages()).isEmpty();
    assertThat(bob.chat.rows()).isEmpty();
  }

  @Test
  void anIdTheServerHoldsForAnotherMessageFailsTheSendWithTheConflict() throws Exception {
    alice.awaitRows(List::isEmpty);
    alice.feed.close(); // Alice does not hear of Bob's message before she sends hers
    String taken = Gesture.begin().id(); // the one-in-2^96 collision, made on purpose
    new DemoApi(server.baseUri()).sendChat(new ChatMessage(taken, "Bob", "Mine", null), "bobs-key");

    Transaction send = alice.chat.insert(new ChatMessage(taken, "Ada", "Hello", null));

    assertThat(send.isPersisted()).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS).withThrowableThat()
        .havingCause().isInstanceOf(RowIdConflictException.class)
        .withMessageContaining("the server holds a different row under the id " + taken + " of chat");
    assertThat(alice.errorToast.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(DemoQueries.CHAT_SEND_FAILED);
    alice.awaitRows(rows -> rows.size() == 1 && rows.get(0).author().equals("Bob")); // the settle refetch
  }
}
