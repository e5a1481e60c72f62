package dev.querycache.examples;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} line by line, as the HTML standard's event-stream parsing
 * does for the fields the demo uses: {@code id}, {@code event} and {@code data} (several data
 * lines join with line ends); a line starting with a colon is a comment; a blank line ends an
 * event, which goes to the consumer if it has data. Not thread-safe: one stream's lines, in
 * order.
 */
final class ServerSentEvents implements Consumer<String> {
  /** One event: its id (null if it had none), its type ({@code "message"} by default) and its data. */
  record Event(@Nullable String id, String type, String data) {}

  private final Consumer<Event> events;
  private @Nullable String id;
  private @Nullable String type;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  ServerSentEvents(Consumer<Event> events) {
    this.events = Objects.requireNonNull(events, "events == null");
  }

  @Override
  public void accept(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) {
      return; // a comment: keep-alive
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(line.startsWith(": ", colon) ? colon + 2 : colon + 1);
    switch (field) {
      case "id" -> id = value;
      case "event" -> type = value;
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      default -> { } // retry and unknown fields: not used here
    }
  }

  private void dispatch() {
    if (hasData) {
      events.accept(new Event(id, type == null || type.isEmpty() ? "message" : type, data.toString()));
    }
    type = null;
    data.setLength(0);
    hasData = false;
  }
}
