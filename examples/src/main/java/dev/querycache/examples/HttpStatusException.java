package dev.querycache.examples;

/**
 * A request the {@link DemoServer} refuses with a given HTTP status and a message for the
 * client (sent as {@code {"message": ...}}).
 */
final class HttpStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpStatusException(int status, String message) {
    super(message);
    this.status = status;
  }

  static HttpStatusException badRequest(String message) {
    return new HttpStatusException(400, message);
  }

  static HttpStatusException notFound(String message) {
    return new HttpStatusException(404, message);
  }

  int status() {
    return status;
  }
}
