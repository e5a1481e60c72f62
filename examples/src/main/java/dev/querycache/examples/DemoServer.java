package dev.querycache.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The demos' server: a real HTTP server on the loopback interface with seeded data and
 * endpoints shaped like an oRPC app's procedures, answering JSON. It can be slow and
 * unreliable on purpose ({@link #settings()}), so the optimistic updates, rollbacks and
 * refetches of the demos can be seen.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /notification/getNotifications?limit=20&offset=0&unreadOnly=false}</td>
 *       <td>{@link NotificationsPage}</td></tr>
 *   <tr><td>{@code POST /notification/markAsRead {"notificationId":"n1"}}</td>
 *       <td>the {@link Notification}, read</td></tr>
 *   <tr><td>{@code GET /healthcheck/getConfigurations}</td>
 *       <td>a list of {@link HealthCheckConfig}</td></tr>
 *   <tr><td>{@code POST /healthcheck/pauseConfiguration {"configId":"c1"}}, and
 *       {@code resumeConfiguration}</td><td>the {@link HealthCheckConfig}</td></tr>
 *   <tr><td>{@code GET /mail/envelopes?view=inbox|starred|archive[&offset=0&limit=5]}</td><td>{@link EnvelopeList}:
 *       every envelope of the view, or a page of them</td></tr>
 *   <tr><td>{@code GET /mail/counts}</td><td>{@link MailCounts}</td></tr>
 *   <tr><td>{@code POST /mail/action {"type":"archive","envelopeId":"m1"}} (a {@link MailAction})</td>
 *       <td>{@link MailResult}: {@code {"mutationId":"mut-1"}}, or a null id if not undoable</td></tr>
 *   <tr><td>{@code POST /mail/undo {"mutationId":"mut-1"}}</td><td>the restored {@link Envelope}</td></tr>
 *   <tr><td>{@code GET /chat/messages}</td><td>a list of {@link ChatMessage}, oldest first</td></tr>
 *   <tr><td>{@code POST /chat/send {"message":{...},"writeKey":"..."}}</td><td>the {@link ChatMessage}
 *       as stored, with its {@code sentAt}; the same write key again is answered the same, another
 *       write key for a stored id is 409</td></tr>
 *   <tr><td>{@code POST /chat/delete {"id":"...","writeKey":"..."}}</td><td>the id</td></tr>
 *   <tr><td>{@code GET /chat/events} (Server-Sent Events; {@code Last-Event-ID} resumes)</td>
 *       <td>each change of the chat as a {@link ChatEvent}, as it happens: see
 *       {@code ChatEventStream}</td></tr>
 *   <tr><td>{@code GET /admin/settings}, {@code POST /admin/settings} ({@link AdminSettings})</td>
 *       <td>the {@link AdminSettings} now in force</td></tr>
 * </table>
 *
 * <p>Every endpoint but the admin ones first waits out the configured latency, then fails
 * with HTTP 500 and {@code {"message": "Simulated failure ..."}} with the configured
 * probability. Bad input answers 400, unknown ids and paths 404, each with a message.
 *
 * <p>The server listens on {@link InetAddress#getLoopbackAddress()} only; port 0 picks a free
 * port ({@link #port()} tells which). Requests run on a bounded pool of daemon threads.
 * Thread-safe.
 *
 * <pre>{@code
 * DemoServer server = DemoServer.builder().latency(Duration.ofMillis(300)).build().start();
 * DemoApi api = new DemoApi(server.baseUri());
 * ...
 * server.stop();
 * }</pre>
 */
public final class DemoServer implements AutoCloseable {
  private static final int QUEUE_CAPACITY = 64;

  private final int requestedPort;
  private final int threads;
  private final ServerSettings settings;
  private final Router router;
  private final NotificationStore notifications;
  private final HealthCheckStore healthChecks;
  private final MailStore mail;
  private final TaskStore tasks;
  private final ChatStore chat;

  private @Nullable HttpServer http;
  private @Nullable ThreadPoolExecutor pool;

  private DemoServer(Builder builder) {
    this.requestedPort = builder.port;
    this.threads = builder.threads;
    this.settings = new ServerSettings(builder.latencyMs, builder.failureRate);
    this.notifications =
        new NotificationStore(SeedData.notifications(builder.clock.instant()), builder.clock, builder.notificationsEvery);
    this.healthChecks = new HealthCheckStore(SeedData.healthChecks());
    this.mail = new MailStore(SeedData.envelopes(builder.clock.instant()), builder.clock);
    this.tasks = new TaskStore(SeedData.tasks());
    this.chat = new ChatStore(builder.clock);
    this.router = routes(new Router(settings, builder.random, builder.sleeper));
  }

  /**
   * Starts configuring a server: port 0, no latency, no failures, system clock.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private Router routes(Router routes) {
    return routes
        .get("/notification/getNotifications", request -> notifications.page(new NotificationsQuery(
            request.intParam("limit", 20), request.intParam("offset", 0), request.booleanParam("unreadOnly", false))))
        .post("/notification/markAsRead", request -> notifications.markAsRead(
            Request.required(request.body(Bodies.MarkAsRead.class).notificationId(), "notificationId")))
        .get("/healthcheck/getConfigurations", request -> healthChecks.all())
        .post("/healthcheck/pauseConfiguration", request -> healthChecks.setPaused(
            Request.required(request.body(Bodies.ConfigId.class).configId(), "configId"), true))
        .post("/healthcheck/resumeConfiguration", request -> healthChecks.setPaused(
            Request.required(request.body(Bodies.ConfigId.class).configId(), "configId"), false))
        .get("/mail/envelopes", request -> {
          MailView view = MailView.fromWireName(request.requiredParam("view"));
          if (request.param("offset") == null && request.param("limit") == null) {
            return mail.envelopes(view);
          }
          int offset = request.intParam("offset", 0);
          int limit = request.intParam("limit", Integer.MAX_VALUE);
          if (offset < 0 || limit <= 0) {
            throw HttpStatusException.badRequest("offset must be 0 or more and limit above 0: " + offset + ", " + limit);
          }
          return mail.envelopes(view, offset, limit);
        })
        .get("/mail/counts", request -> mail.counts())
        .post("/mail/action", request -> mail.perform(request.body(MailAction.class)))
        .post("/mail/undo", request -> mail.undo(
            Request.required(request.body(Bodies.Undo.class).mutationId(), "mutationId")))
        .get("/tasks/list", request -> tasks.all())
        .post("/tasks/create", request -> tasks.create(Request.required(request.body(Bodies.Tasks.class).tasks(), "tasks")))
        .post("/tasks/save", request -> tasks.save(Request.required(request.body(Bodies.Tasks.class).tasks(), "tasks")))
        .post("/tasks/delete", request -> tasks.delete(Request.required(request.body(Bodies.TaskIds.class).ids(), "ids")))
        .get("/chat/messages", request -> chat.all())
        .post("/chat/send", request -> {
          Bodies.ChatSend send = request.body(Bodies.ChatSend.class);
          return chat.send(Request.required(send.message(), "message"), Request.required(send.writeKey(), "writeKey"));
        })
        .post("/chat/delete", request -> {
          Bodies.ChatDelete delete = request.body(Bodies.ChatDelete.class);
          return chat.delete(Request.required(delete.id(), "id"), Request.required(delete.writeKey(), "writeKey"));
        })
        .admin("GET", "/admin/settings", request -> settings.snapshot())
        .admin("POST", "/admin/settings", request -> {
          settings.apply(request.body(AdminSettings.class));
          return settings.snapshot();
        });
  }

  /**
   * Binds the port and starts answering. A stopped server may be started again; its data is
   * kept.
   *
   * @return this server
   * @throws IOException if the port cannot be bound; the message names the address
   * @throws IllegalStateException if the server is running
   */
  public synchronized DemoServer start() throws IOException {
    if (http != null) {
      throw new IllegalStateException("the server is already running on port " + port());
    }
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort);
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new IOException("Could not listen on " + address + ": " + e.getMessage(), e);
    }
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE_CAPACITY), daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
    server.createContext("/", router);
    server.createContext("/chat/events", new ChatEventStream(chat));
    server.setExecutor(executor);
    server.start();
    this.http = server;
    this.pool = executor;
    return this;
  }

  /**
   * Stops answering at once: requests in progress are interrupted, the port is released.
   * Does nothing if the server is not running.
   */
  public synchronized void stop() {
    HttpServer server = http;
    ThreadPoolExecutor executor = pool;
    if (server == null || executor == null) {
      return;
    }
    http = null;
    pool = null;
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server, as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Whether the server is answering.
   *
   * @return true between {@link #start()} and {@link #stop()}
   */
  public synchronized boolean isRunning() {
    return http != null;
  }

  /**
   * The address the server listens on.
   *
   * @return a loopback address and the bound port
   * @throws IllegalStateException if the server is not running
   */
  public synchronized InetSocketAddress address() {
    HttpServer server = http;
    if (server == null) {
      throw new IllegalStateException("the server is not running: call start() first");
    }
    return server.getAddress();
  }

  /**
   * The port the server listens on (the one picked when it was asked for port 0).
   *
   * @return the port
   * @throws IllegalStateException if the server is not running
   */
  public int port() {
    return address().getPort();
  }

  /**
   * The root of the endpoints, such as {@code http://127.0.0.1:49152/}.
   *
   * @return the base URI, ending with a slash
   * @throws IllegalStateException if the server is not running
   */
  public URI baseUri() {
    InetSocketAddress address = address();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
  }

  /**
   * The latency and failure settings, changeable while the server runs (as through
   * {@code POST /admin/settings}).
   *
   * @return the live settings
   */
  public ServerSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "DemoServer{" + (isRunning() ? baseUri() : "stopped") + ", " + settings + "}";
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "demo-server-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configures a {@link DemoServer}. Not thread-safe. */
  public static final class Builder {
    private int port;
    private int threads = 8;
    private long latencyMs;
    private double failureRate;
    private RandomGenerator random = RandomGenerator.getDefault();
    private Clock clock = Clock.systemUTC();
    private @Nullable Duration notificationsEvery;
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /**
     * The port to listen on (default 0: any free port).
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How many requests are handled at once (default 8); more wait in a bounded queue.
     *
     * @param threads 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * The initial latency of every non-admin request (default none).
     *
     * @param latency 0 to {@value ServerSettings#MAX_LATENCY_MS} ms
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder latency(Duration latency) {
      this.latencyMs = ServerSettings.checkLatencyMs(Objects.requireNonNull(latency, "latency == null").toMillis());
      return this;
    }

    /**
     * The initial probability that a non-admin request fails (default 0).
     *
     * @param failureRate 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder failureRate(double failureRate) {
      this.failureRate = ServerSettings.checkFailureRate(failureRate);
      return this;
    }

    /**
     * The source of the random failures; pass a seeded one (such as
     * {@code new SplittableRandom(42)}) to make them reproducible.
     *
     * @param random the generator, used under a lock
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * Lets a new notification arrive by itself every {@code every} (by the clock, since the
     * server was built; at most 50), so that the server changes while nobody writes: what the
     * notifications screen's polling shows. Off by default.
     *
     * @param every the time between two arrivals
     * @return this builder
     * @throws NullPointerException if {@code every} is null
     * @throws IllegalArgumentException if {@code every} is not positive
     */
    public Builder notificationsArriveEvery(Duration every) {
      Objects.requireNonNull(every, "every == null");
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("every must be positive: " + every);
      }
      this.notificationsEvery = every;
      return this;
    }

    /**
     * The clock of the seeded timestamps, of snoozing and of arriving notifications (default
     * the system's, UTC).
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How the latency is waited out; tests record it instead of sleeping. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * Builds a server with freshly seeded data; it does not listen until
     * {@link DemoServer#start()}.
     *
     * @return the server
     */
    public DemoServer build() {
      return new DemoServer(this);
    }
  }
}
