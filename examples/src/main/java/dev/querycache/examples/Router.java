package dev.querycache.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import tools.jackson.core.JacksonException;

/**
 * The {@link DemoServer}'s one handler: finds the endpoint of a request, applies the
 * server's latency and failures (to every endpoint but the admin ones), runs it and writes
 * its result as JSON. Errors answer {@code {"message": ...}} with their status: 400 for bad
 * input, 404 for unknown paths and ids, 405 for a wrong method, 500 for (simulated) failures.
 */
final class Router implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());
  private static final int MAX_BODY_BYTES = 64 * 1024;

  /** What an endpoint does with a request: its result is sent as JSON. */
  @FunctionalInterface
  interface Endpoint {
    Object handle(Request request) throws Exception;
  }

  private record Route(boolean admin, Endpoint endpoint) {}

  private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();
  private final ServerSettings settings;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  Router(ServerSettings settings, RandomGenerator random, Sleeper sleeper) {
    this.settings = settings;
    this.random = random;
    this.sleeper = sleeper;
  }

  Router get(String path, Endpoint endpoint) {
    return add("GET", path, false, endpoint);
  }

  Router post(String path, Endpoint endpoint) {
    return add("POST", path, false, endpoint);
  }

  /** An admin endpoint: no latency, no failures. */
  Router admin(String method, String path, Endpoint endpoint) {
    return add(method, path, true, endpoint);
  }

  private Router add(String method, String path, boolean admin, Endpoint endpoint) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, new Route(admin, endpoint));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Object result = dispatch(exchange);
      send(exchange, 200, result);
    } catch (HttpStatusException e) {
      send(exchange, e.status(), new Bodies.ErrorMessage(e.getMessage()));
    } catch (IllegalArgumentException e) {
      send(exchange, 400, new Bodies.ErrorMessage(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(exchange, 503, new Bodies.ErrorMessage("The server is stopping"));
    } catch (IOException e) {
      // Reading the request or writing the answer failed: the client went away (it cancelled).
      LOG.log(Level.DEBUG, "the client of " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " went away", e);
    } catch (Exception e) {
      LOG.log(Level.ERROR, "unexpected failure in " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
      send(exchange, 500, new Bodies.ErrorMessage("Internal error: " + e));
    } finally {
      exchange.close();
    }
  }

  private Object dispatch(HttpExchange exchange) throws Exception {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    Map<String, Route> byMethod = routes.get(path);
    if (byMethod == null) {
      throw HttpStatusException.notFound("No endpoint " + method + " " + path);
    }
    Route route = byMethod.get(method);
    if (route == null) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
      throw new HttpStatusException(405, method + " is not allowed on " + path + "; use " + String.join(" or ", byMethod.keySet()));
    }
    byte[] body = readBody(exchange);
    if (!route.admin()) {
      misbehave();
    }
    return route.endpoint().handle(new Request(exchange.getRequestURI().getRawQuery(), body));
  }

  /** The server's latency, then maybe a simulated failure. */
  private void misbehave() throws InterruptedException {
    long latencyMs = settings.latencyMs();
    if (latencyMs > 0) {
      sleeper.sleep(settings.latency());
    }
    if (settings.takeForcedFailure()) {
      throw new HttpStatusException(500, "Simulated failure (the server was told to fail this request)");
    }
    double rate = settings.failureRate();
    if (rate > 0 && nextDouble() < rate) {
      throw new HttpStatusException(500, String.format(Locale.ROOT, "Simulated failure (failure rate %.2f)", rate));
    }
  }

  private double nextDouble() {
    synchronized (random) { // most generators are not thread-safe
      return random.nextDouble();
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new HttpStatusException(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JacksonException e) {
      LOG.log(Level.ERROR, "cannot write the answer as JSON", e);
      status = 500;
      bytes = ("{\"message\":\"Internal error: cannot write the answer as JSON\"}").getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
