package dev.querycache.examples;

import java.io.IOException;

/**
 * The {@link DemoServer} answered with an error status; the message is the server's own
 * ({@code {"message": ...}}), such as {@code "Simulated failure (failure rate 1.00)"}, which
 * is what an error toast shows as the cause.
 */
public final class DemoApiException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * An error answer.
   *
   * @param status the HTTP status, such as 500
   * @param message the server's message
   */
  public DemoApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * The HTTP status of the answer.
   *
   * @return such as 400, 404, 500
   */
  public int status() {
    return status;
  }
}
