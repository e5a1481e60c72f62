package dev.querycache.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /chat/events}: the chat's changes as Server-Sent Events ({@code text/event-stream}),
 * one event per change: {@code id:} the revision, {@code event:} its kind, {@code data:} the
 * {@link ChatEvent} as JSON. A client that reconnects sends the last revision it got in the
 * {@code Last-Event-ID} header (or {@code ?after=}) and gets what it missed first. A comment line
 * every {@link #KEEP_ALIVE} keeps idle connections open, and shows a closed one.
 *
 * <p>Each stream holds one of the server's threads while it is open; stopping the server
 * interrupts it.
 */
final class ChatEventStream implements HttpHandler {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final ChatStore chat;

  ChatEventStream(ChatStore chat) {
    this.chat = chat;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      long after;
      try {
        after = after(exchange);
      } catch (NumberFormatException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0); // chunked, until the client or the server closes it
      BlockingQueue<ChatEvent> queue = new LinkedBlockingQueue<>();
      chat.subscribe(after, queue);
      try {
        stream(queue, exchange.getResponseBody());
      } finally {
        chat.unsubscribe(queue);
      }
    }
  }

  /** Writes each event of {@code queue} as it comes, until the client goes or the thread is interrupted. */
  private static void stream(BlockingQueue<ChatEvent> queue, OutputStream out) throws IOException {
    write(out, ": connected\n\n");
    try {
      while (!Thread.currentThread().isInterrupted()) {
        ChatEvent event = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        write(out, event == null ? ": keep-alive\n\n"
            : "id: " + event.revision() + "\nevent: " + event.kind() + "\ndata: " + Json.MAPPER.writeValueAsString(event) + "\n\n");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The revision the client has: {@code Last-Event-ID}, else {@code ?after=}, else 0 (everything). */
  private static long after(HttpExchange exchange) {
    String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    if (last != null && !last.isBlank()) {
      return Long.parseLong(last.strip());
    }
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("after=")) {
          return Long.parseLong(part.substring("after=".length()));
        }
      }
    }
    return 0;
  }
}
