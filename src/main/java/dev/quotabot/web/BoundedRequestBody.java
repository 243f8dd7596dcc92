package dev.quotabot.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.util.function.BiConsumer;

/**
 * Reads a request body of at most {@link Problems#MAX_BODY_BYTES}, without blocking a thread. A
 * larger one (declared or, for chunked bodies, counted as it arrives) is answered with 413 and the
 * connection is closed; Undertow's own entity limit would drop the connection without an answer.
 */
final class BoundedRequestBody {
  private BoundedRequestBody() {}

  static void read(HttpServerExchange exchange, BiConsumer<HttpServerExchange, byte[]> onBody) {
    if (exchange.getRequestContentLength() > Problems.MAX_BODY_BYTES) {
      refuse(exchange);
      return;
    }
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    exchange
        .getRequestReceiver()
        .receivePartialBytes(
            (current, chunk, last) -> {
              if (received.size() + chunk.length > Problems.MAX_BODY_BYTES) {
                current.getRequestReceiver().pause();
                refuse(current);
                return;
              }
              received.write(chunk, 0, chunk.length);
              if (last) {
                onBody.accept(current, received.toByteArray());
              }
            },
            Problems::send);
  }

  private static void refuse(HttpServerExchange exchange) {
    exchange.setPersistent(false);
    exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
    JsonResponses.problem(exchange, 413, Problems.tooBig());
  }
}
