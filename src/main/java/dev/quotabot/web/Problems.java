package dev.quotabot.web;

import dev.quotabot.quota.InvalidQueryException;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one mapping from a failure to an HTTP answer, most specific first. */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  static void send(HttpServerExchange exchange, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof HttpProblem problem) {
      JsonResponses.problem(exchange, problem.status(), problem.getMessage());
    } else if (cause instanceof InvalidQueryException invalid) {
      JsonResponses.problem(exchange, 400, invalid.getMessage());
    } else {
      // No request data in the log line: it could hold a key.
      LOG.error(
          "Unexpected {} while answering {} {}",
          cause.getClass().getName(),
          exchange.getRequestMethod(),
          exchange.getRelativePath());
      JsonResponses.problem(exchange, 500, "Internal error: please try again later.");
    }
  }
}
