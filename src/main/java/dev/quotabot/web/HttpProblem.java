package dev.quotabot.web;

/**
 * A request the web door refuses, with the status to answer and a message saying what to fix. The
 * message never holds a key or a request body.
 */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  HttpProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
