package dev.querycache.examples;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * The client of the {@link DemoServer}: one blocking method per endpoint, over
 * {@link HttpClient} with JSON. The methods fit query and mutation functions as they are
 * ({@code ctx -> api.getConfigurations()}, {@code api::markAsRead}); they block, so call them
 * on the query client's fetch executor, not on a UI thread.
 *
 * <p>Every method throws {@link DemoApiException} (an {@link IOException}) with the server's
 * message when the server answers with an error status, a plain {@link IOException} when the
 * request fails on the way, and an {@link InterruptedIOException} when the calling thread is
 * interrupted (as when a query is cancelled); the interrupt flag is then set again.
 * Thread-safe.
 */
public final class DemoApi {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final TypeReference<List<HealthCheckConfig>> CONFIGS = new TypeReference<>() {};
  private static final TypeReference<List<Task>> TASKS = new TypeReference<>() {};
  private static final TypeReference<List<ChatMessage>> CHAT_MESSAGES = new TypeReference<>() {};
  private static final ObjectWriter ACTION_WRITER = Json.MAPPER.writerFor(MailAction.class);

  private final URI baseUri;
  private final HttpClient http;
  private final Duration timeout;
  private final AtomicLong writesSent = new AtomicLong();

  /**
   * A client of the server at {@code baseUri}, with its own {@link HttpClient} and a 30 s
   * timeout per request.
   *
   * @param baseUri such as {@link DemoServer#baseUri()}
   */
  public DemoApi(URI baseUri) {
    this(baseUri, HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build(), DEFAULT_TIMEOUT);
  }

  /**
   * A client of the server at {@code baseUri} over the given {@link HttpClient}.
   *
   * @param baseUri the root of the endpoints
   * @param http the HTTP client
   * @param timeout how long one request may take, the server's latency included
   * @throws IllegalArgumentException if {@code baseUri} is not absolute or {@code timeout} is
   *     not positive
   */
  public DemoApi(URI baseUri, HttpClient http, Duration timeout) {
    Objects.requireNonNull(baseUri, "baseUri == null");
    if (!baseUri.isAbsolute()) {
      throw new IllegalArgumentException("baseUri must be absolute, such as http://127.0.0.1:8080/: " + baseUri);
    }
    this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
    this.http = Objects.requireNonNull(http, "http == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /**
   * The root of the endpoints this client calls.
   *
   * @return the base URI, ending with a slash
   */
  public URI baseUri() {
    return baseUri;
  }

  // ---- notifications -----------------------------------------------------------------------

  /**
   * {@code GET /notification/getNotifications}: one page of notifications.
   *
   * @param query which page
   * @return the page
   * @throws IOException as the class comment says
   */
  public NotificationsPage getNotifications(NotificationsQuery query) throws IOException {
    Objects.requireNonNull(query, "query == null");
    String path = "notification/getNotifications?limit=" + query.limit() + "&offset=" + query.offset()
        + "&unreadOnly=" + query.unreadOnly();
    return read(send(get(path)), NotificationsPage.class);
  }

  /**
   * {@code POST /notification/markAsRead}: marks a notification read.
   *
   * @param notificationId the notification
   * @return the notification as the server now has it
   * @throws IOException as the class comment says
   */
  public Notification markAsRead(String notificationId) throws IOException {
    Objects.requireNonNull(notificationId, "notificationId == null");
    return read(send(post("notification/markAsRead", json(new Bodies.MarkAsRead(notificationId)))), Notification.class);
  }

  // ---- health checks -----------------------------------------------------------------------

  /**
   * {@code GET /healthcheck/getConfigurations}: every health-check configuration.
   *
   * @return the configurations, in the server's order
   * @throws IOException as the class comment says
   */
  public List<HealthCheckConfig> getConfigurations() throws IOException {
    String body = send(get("healthcheck/getConfigurations"));
    try {
      return List.copyOf(Json.MAPPER.readValue(body, CONFIGS));
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /**
   * {@code POST /healthcheck/pauseConfiguration}.
   *
   * @param configId the configuration
   * @return the configuration as the server now has it
   * @throws IOException as the class comment says
   */
  public HealthCheckConfig pauseConfiguration(String configId) throws IOException {
    return configAction("healthcheck/pauseConfiguration", configId);
  }

  /**
   * {@code POST /healthcheck/resumeConfiguration}.
   *
   * @param configId the configuration
   * @return the configuration as the server now has it
   * @throws IOException as the class comment says
   */
  public HealthCheckConfig resumeConfiguration(String configId) throws IOException {
    return configAction("healthcheck/resumeConfiguration", configId);
  }

  /**
   * Pauses or resumes, as {@code toggle} says: the function of the pause/resume mutation.
   *
   * @param toggle which configuration, and which way
   * @return the configuration as the server now has it
   * @throws IOException as the class comment says
   */
  public HealthCheckConfig setPaused(ConfigToggle toggle) throws IOException {
    Objects.requireNonNull(toggle, "toggle == null");
    return toggle.paused() ? pauseConfiguration(toggle.configId()) : resumeConfiguration(toggle.configId());
  }

  private HealthCheckConfig configAction(String path, String configId) throws IOException {
    Objects.requireNonNull(configId, "configId == null");
    return read(send(post(path, json(new Bodies.ConfigId(configId)))), HealthCheckConfig.class);
  }

  // ---- mail --------------------------------------------------------------------------------

  /**
   * {@code GET /mail/envelopes}: the envelopes of one view.
   *
   * @param view the view
   * @return its envelopes, newest first
   * @throws IOException as the class comment says
   */
  public EnvelopeList envelopes(MailView view) throws IOException {
    Objects.requireNonNull(view, "view == null");
    return read(send(get("mail/envelopes?view=" + URLEncoder.encode(view.wireName(), StandardCharsets.UTF_8))),
        EnvelopeList.class);
  }

  /**
   * {@code GET /mail/envelopes} with {@code offset} and {@code limit}: one page of a view's
   * envelopes.
   *
   * @param view the view
   * @param offset how many envelopes of the view to skip, newest first
   * @param limit the most envelopes to return
   * @return the page, newest first; fewer than {@code limit} envelopes at the end
   * @throws IOException as the class comment says
   */
  public EnvelopeList envelopes(MailView view, int offset, int limit) throws IOException {
    Objects.requireNonNull(view, "view == null");
    return read(send(get("mail/envelopes?view=" + URLEncoder.encode(view.wireName(), StandardCharsets.UTF_8)
        + "&offset=" + offset + "&limit=" + limit)), EnvelopeList.class);
  }

  /**
   * {@code GET /mail/counts}: the folder badges.
   *
   * @return the counts
   * @throws IOException as the class comment says
   */
  public MailCounts counts() throws IOException {
    return read(send(get("mail/counts")), MailCounts.class);
  }

  /**
   * {@code POST /mail/action}: performs a mail action; the function of the mail funnel.
   *
   * @param action the action
   * @return the result, with a mutation id if the action can be undone
   * @throws IOException as the class comment says
   */
  public MailResult perform(MailAction action) throws IOException {
    Objects.requireNonNull(action, "action == null");
    String body;
    try {
      body = ACTION_WRITER.writeValueAsString(action); // with its "type"
    } catch (JacksonException e) {
      throw new IOException("Cannot write the action as JSON: " + e.getOriginalMessage(), e);
    }
    return read(send(post("mail/action", body)), MailResult.class);
  }

  /**
   * {@code POST /mail/undo}: undoes an undoable action; the reverse operation of the funnel.
   *
   * @param mutationId the id the action's {@link MailResult} carried
   * @return the envelope, restored
   * @throws IOException as the class comment says; a {@link DemoApiException} with status 404
   *     if the id is unknown or was already undone
   */
  public Envelope undo(String mutationId) throws IOException {
    Objects.requireNonNull(mutationId, "mutationId == null");
    return read(send(post("mail/undo", json(new Bodies.Undo(mutationId)))), Envelope.class);
  }

  // ---- admin -------------------------------------------------------------------------------

  /**
   * {@code GET /admin/settings}: the server's latency and failure settings.
   *
   * @return the settings in force
   * @throws IOException as the class comment says
   */
  public AdminSettings settings() throws IOException {
    return read(send(get("admin/settings")), AdminSettings.class);
  }

  /**
   * {@code POST /admin/settings}: changes the server's latency and failure settings.
   *
   * @param update the new values; null fields stay as they are
   * @return the settings now in force
   * @throws IOException as the class comment says; a {@link DemoApiException} with status 400
   *     if a value is out of range
   */
  public AdminSettings updateSettings(AdminSettings update) throws IOException {
    Objects.requireNonNull(update, "update == null");
    return read(send(post("admin/settings", json(update))), AdminSettings.class);
  }

  // ---- tasks -------------------------------------------------------------------------------

  /**
   * {@code GET /tasks/list}: every task, in creation order.
   *
   * @return the tasks
   * @throws IOException as the class comment says
   */
  public List<Task> tasks() throws IOException {
    String body = send(get("tasks/list"));
    try {
      return List.copyOf(Json.MAPPER.readValue(body, TASKS));
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /**
   * {@code POST /tasks/create}: creates tasks with the ids the client minted; a retry of the
   * same tasks succeeds.
   *
   * @param tasks the new tasks
   * @throws IOException as the class comment says (409 if another task has one of the ids)
   */
  public void createTasks(List<Task> tasks) throws IOException {
    send(post("tasks/create", json(new Bodies.Tasks(List.copyOf(tasks)))));
  }

  /**
   * {@code POST /tasks/save}: saves changed tasks, whole, in one request.
   *
   * @param tasks the tasks as they are now
   * @throws IOException as the class comment says (404 if one is unknown; then none is saved)
   */
  public void saveTasks(List<Task> tasks) throws IOException {
    send(post("tasks/save", json(new Bodies.Tasks(List.copyOf(tasks)))));
  }

  /**
   * {@code POST /tasks/delete}.
   *
   * @param ids the tasks to delete
   * @throws IOException as the class comment says (404 if one is unknown; then none is deleted)
   */
  public void deleteTasks(List<String> ids) throws IOException {
    send(post("tasks/delete", json(new Bodies.TaskIds(List.copyOf(ids)))));
  }

  /**
   * {@code GET /chat/messages}: every message of the chat, oldest first.
   *
   * @return the messages
   * @throws IOException as the class comment says
   */
  public List<ChatMessage> chatMessages() throws IOException {
    String body = send(get("chat/messages"));
    try {
      return List.copyOf(Json.MAPPER.readValue(body, CHAT_MESSAGES));
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /**
   * {@code POST /chat/send}: stores a message under the id its client minted. The same write
   * key again is answered as the first time (a retry is safe).
   *
   * @param message the message
   * @param writeKey the write's idempotency key
   * @return the message as stored, with the server's {@code sentAt}
   * @throws IOException as the class comment says (409 if another write holds the id)
   */
  public ChatMessage sendChat(ChatMessage message, String writeKey) throws IOException {
    return read(send(post("chat/send", json(new Bodies.ChatSend(message, writeKey)))), ChatMessage.class);
  }

  /**
   * {@code POST /chat/delete}: deletes a message; deleting it again is answered the same.
   *
   * @param id the message's id
   * @param writeKey the write's idempotency key
   * @throws IOException as the class comment says (404 if the chat never had it)
   */
  public void deleteChat(String id, String writeKey) throws IOException {
    send(post("chat/delete", json(new Bodies.ChatDelete(id, writeKey))));
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest post(String path, String json) {
    return request(path)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout).header("Accept", "application/json");
  }

  /**
   * How many writes this client has sent (every POST but the admin settings), for the demo's
   * request counter: hammering a star shows one or two more. Any thread.
   *
   * @return the count since this client was made
   */
  public long writesSent() {
    return writesSent.get();
  }

  /** Sends; returns the body of a 2xx answer, else throws with the server's message. */
  private String send(HttpRequest request) throws IOException {
    if ("POST".equals(request.method()) && !request.uri().getPath().contains("/admin/")) {
      writesSent.incrementAndGet();
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("Interrupted during " + request.method() + " " + request.uri().getPath());
      interrupted.initCause(e);
      throw interrupted;
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response.body();
    }
    throw new DemoApiException(status, errorMessage(response));
  }

  private static String errorMessage(HttpResponse<String> response) {
    String fallback = "HTTP " + response.statusCode() + " from " + response.request().method() + " "
        + response.request().uri().getPath();
    try {
      JsonNode message = Json.MAPPER.readTree(response.body()).get("message");
      return message != null && message.isString() && !message.asString().isBlank() ? message.asString() : fallback;
    } catch (JacksonException e) {
      return fallback;
    }
  }

  private static <T> T read(String body, Class<T> type) throws IOException {
    try {
      return Json.MAPPER.readValue(body, type);
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  private static IOException malformed(JacksonException e) {
    return new IOException("The server's answer is not what was expected: " + e.getOriginalMessage(), e);
  }

  private static String json(Object body) {
    return Json.MAPPER.writeValueAsString(body);
  }

  @Override
  public String toString() {
    return "DemoApi{" + baseUri + "}";
  }
}
