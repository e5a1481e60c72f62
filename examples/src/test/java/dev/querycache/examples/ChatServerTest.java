package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.collection.RowIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo server's chat: messages under the ids clients mint, idempotent writes, and the event stream. */
class ChatServerTest {
  static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

  final HttpClient http = HttpClient.newHttpClient();
  DemoServer server;
  DemoApi api;

  @BeforeEach
  void start() throws IOException {
    server = DemoServer.builder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build().start();
    api = new DemoApi(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  static ChatMessage message(String id, String text) {
    return new ChatMessage(id, "Ada", text, null);
  }

  /** The first {@code count} events of {@code GET /chat/events}, with {@code Last-Event-ID} if given. */
  List<ChatEvent> events(String lastEventId, int count) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve("chat/events")).timeout(Duration.ofSeconds(10));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
    List<ChatEvent> events = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      ServerSentEvents parser = new ServerSentEvents(event -> events.add(Json.MAPPER.readValue(event.data(), ChatEvent.class)));
      while (events.size() < count) {
        parser.accept(lines.readLine());
      }
    }
    return events;
  }

  @Test
  void aSentMessageIsStoredWithTheServersTimeAndStreamedWithItsWriteKey() throws Exception {
    String id = RowIds.mint();

    ChatMessage stored = api.sendChat(message(id, "Hello"), "key-1");

    assertThat(stored).isEqualTo(new ChatMessage(id, "Ada", "Hello", NOON));
    assertThat(api.chatMessages()).containsExactly(stored);
    assertThat(events(null, 1)).containsExactly(new ChatEvent(ChatEvent.UPSERTED, 1, stored, null, "key-1"));
  }

  @Test
  void theSameWriteKeyAgainIsAnsweredAsTheFirstTimeWithoutANewEvent() throws Exception {
    String id = RowIds.mint();
    ChatMessage first = api.sendChat(message(id, "Hello"), "key-1");

    ChatMessage again = api.sendChat(message(id, "Hello"), "key-1"); // a retry whose first attempt arrived
    api.sendChat(message(RowIds.mint(), "Next"), "key-2");

    assertThat(again).isEqualTo(first);
    assertThat(events(null, 2)).extracting(ChatEvent::revision).containsExactly(1L, 2L);
  }

  @Test
  void anotherWriteKeyForAStoredIdIsAConflict() throws IOException {
    String id = RowIds.mint();
    api.sendChat(message(id, "Hello"), "key-1");

    assertThatThrownBy(() -> api.sendChat(message(id, "Hijack"), "key-2"))
        .isInstanceOfSatisfying(DemoApiException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessage("The id " + id + " belongs to another message");
  }

  @Test
  void anIdThatIsNotARowIdIsRefused() {
    assertThatThrownBy(() -> api.sendChat(message("m-1", "Hello"), "key-1"))
        .isInstanceOfSatisfying(DemoApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage("The message id m-1 is not a row id of 40 lowercase hex characters");
  }

  @Test
  void aDeletionIsStreamedAndItsRetryIsAnsweredTheSame() throws Exception {
    String id = RowIds.mint();
    api.sendChat(message(id, "Oops"), "key-1");

    api.deleteChat(id, "key-2");
    api.deleteChat(id, "key-2");

    assertThat(api.chatMessages()).isEmpty();
    assertThat(events(null, 2).get(1)).isEqualTo(new ChatEvent(ChatEvent.DELETED, 2, null, id, "key-2"));
    assertThatThrownBy(() -> api.deleteChat(RowIds.mint(), "key-3"))
        .isInstanceOfSatisfying(DemoApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aStreamThatNamesTheLastEventItGotStartsAfterIt() throws Exception {
    for (int i = 1; i <= 3; i++) {
      api.sendChat(message(RowIds.mint(), "Message " + i), "key-" + i);
    }

    assertThat(events("2", 1)).extracting(ChatEvent::revision).containsExactly(3L);
  }

  @Test
  void aStreamGetsEventsAsTheyHappen() throws Exception {
    String id = RowIds.mint();
    Thread sender = new Thread(() -> {
      try {
        api.sendChat(message(id, "Live"), "key-1");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("chat/events")).build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    List<ChatEvent> events = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo(": connected"); // subscribed: what happens from now on comes
      sender.start();
      ServerSentEvents parser = new ServerSentEvents(event -> events.add(Json.MAPPER.readValue(event.data(), ChatEvent.class)));
      while (events.isEmpty()) {
        parser.accept(lines.readLine());
      }
    }
    sender.join();
    assertThat(events).extracting(ChatEvent::message).extracting(ChatMessage::text).containsExactly("Live");
  }
}
