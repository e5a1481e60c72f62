package dev.querycache.examples;

import dev.querycache.collection.QueryCollection;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;

/**
 * The chat's event stream ({@code GET /chat/events}) read by a client: each event lands on the
 * client's collection of messages as a push ({@code applyPush}), on the feed's own thread. When
 * the stream ends or fails, the feed connects again, after a pause that grows from
 * {@link #FIRST_PAUSE} to {@link #LONGEST_PAUSE}, naming the last revision it got
 * ({@code Last-Event-ID}) so that the server sends what it missed first.
 *
 * <p>Thread-safe; {@link #close()} stops it.
 */
public final class ChatFeed implements AutoCloseable {
  /** The pause before the first reconnection. */
  public static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  /** The longest pause between reconnections. */
  public static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

  private static final System.Logger LOG = System.getLogger(ChatFeed.class.getName());

  private final HttpClient http;
  private final URI events;
  private final QueryCollection<String, ChatMessage> messages;
  private final AtomicLong lastRevision = new AtomicLong();
  private final AtomicLong eventsLanded = new AtomicLong();
  private final Thread reader;
  private volatile boolean closed;

  private ChatFeed(HttpClient http, URI baseUri, QueryCollection<String, ChatMessage> messages) {
    this.http = http;
    this.events = baseUri.resolve("chat/events");
    this.messages = messages;
    this.reader = new Thread(this::run, "chat-feed " + events);
    reader.setDaemon(true);
  }

  /**
   * Starts reading the chat's events of the server at {@code baseUri} into {@code messages}.
   *
   * @param http the HTTP client to connect with
   * @param baseUri the server's root, such as {@code http://127.0.0.1:49152/}
   * @param messages the client's collection of messages
   * @return the feed, connecting
   * @throws NullPointerException if an argument is null
   */
  public static ChatFeed open(HttpClient http, URI baseUri, QueryCollection<String, ChatMessage> messages) {
    ChatFeed feed = new ChatFeed(Objects.requireNonNull(http, "http == null"), Objects.requireNonNull(baseUri, "baseUri == null"),
        Objects.requireNonNull(messages, "messages == null"));
    feed.reader.start();
    return feed;
  }

  /**
   * The revision of the last event that landed.
   *
   * @return the revision, 0 before the first
   */
  public long lastRevision() {
    return lastRevision.get();
  }

  /**
   * How many events landed since the feed opened.
   *
   * @return the count
   */
  public long eventsLanded() {
    return eventsLanded.get();
  }

  private void run() {
    long pause = FIRST_PAUSE.toMillis();
    while (!closed) {
      try {
        read();
        pause = FIRST_PAUSE.toMillis(); // it was connected: the next try comes soon
      } catch (InterruptedIOException e) {
        return; // closed
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "the chat's event stream failed; connecting again in " + pause + " ms", e);
      }
      try {
        Thread.sleep(pause); // the feed's own thread, not the UI's: waiting here blocks nothing else
      } catch (InterruptedException e) {
        return; // closed
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
    }
  }

  /** One connection: its events until the stream ends. */
  private void read() throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(events).header("Accept", "text/event-stream").GET();
    long last = lastRevision.get();
    if (last > 0) {
      request.header("Last-Event-ID", Long.toString(last));
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("closed while connecting");
    }
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        throw new IOException("GET " + events + " answered " + response.statusCode());
      }
      ServerSentEvents parser = new ServerSentEvents(this::land);
      for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
        parser.accept(line);
      }
    }
  }

  private void land(ServerSentEvents.Event event) {
    ChatEvent change;
    try {
      change = Json.MAPPER.readValue(event.data(), ChatEvent.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      LOG.log(Level.WARNING, "an event of the chat's stream is not a chat event, skipped: " + event, e);
      return;
    }
    messages.applyPush(change.toPush());
    lastRevision.accumulateAndGet(change.revision(), Math::max);
    eventsLanded.incrementAndGet();
  }

  /** Stops reading: the connection closes, and the feed does not connect again. */
  @Override
  public void close() {
    closed = true;
    reader.interrupt();
  }

  @Override
  public String toString() {
    return "ChatFeed{" + events + ", revision " + lastRevision() + (closed ? ", closed}" : "}");
  }
}
