package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a {@code text/event-stream} line by line. */
class ServerSentEventsTest {
  final List<ServerSentEvents.Event> events = new ArrayList<>();
  final ServerSentEvents parser = new ServerSentEvents(events::add);

  void read(String... lines) {
    for (String line : lines) {
      parser.accept(line);
    }
  }

  @Test
  void aBlankLineEndsAnEventWithItsIdTypeAndData() {
    read("id: 7", "event: upserted", "data: {\"a\":1}", "");

    assertThat(events).containsExactly(new ServerSentEvents.Event("7", "upserted", "{\"a\":1}"));
  }

  @Test
  void dataLinesJoinWithLineEnds() {
    read("data: first", "data: second", "");

    assertThat(events).extracting(ServerSentEvents.Event::data).containsExactly("first\nsecond");
  }

  @Test
  void anEventWithoutATypeIsAMessage() {
    read("data:x", "");

    assertThat(events).containsExactly(new ServerSentEvents.Event(null, "message", "x"));
  }

  @Test
  void commentsAndEventsWithoutDataAreSkipped() {
    read(": keep-alive", "", "event: ping", "", "data: y", "");

    assertThat(events).extracting(ServerSentEvents.Event::type).containsExactly("message");
  }

  @Test
  void theLastIdStaysForTheNextEvents() {
    read("id: 3", "data: a", "", "data: b", "");

    assertThat(events).extracting(ServerSentEvents.Event::id).containsExactly("3", "3");
  }
}
