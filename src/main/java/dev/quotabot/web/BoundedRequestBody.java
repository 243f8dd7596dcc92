package dev.quotabot.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Reads a request body of at most {@link #MAX_BYTES}, without blocking a thread. A larger one
 * (declared or, for chunked bodies, counted as it arrives) is answered with 413 and the connection
 * is closed; Undertow's own entity limit would drop the connection without an answer.
 *
 * <p>Before that answer, the rest of the body is read and thrown away, up to {@link #DRAIN_BYTES}
 * and {@link #DRAIN_MS}: most clients send their whole body before they read, and closing a socket
 * with unread data makes the kernel reset the connection, which can overtake the 413.
 */
final class BoundedRequestBody {
  static final int MAX_BYTES = 64 * 1024;

  private static final String TOO_BIG =
      "The request body is larger than " + MAX_BYTES / 1024 + " KB: send fewer models.";

  /** Below Undertow's own entity limit (2 MiB), which would end the connection without a word. */
  static final long DRAIN_BYTES = 1024 * 1024;

  static final long DRAIN_MS = 2_000;

  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final BiConsumer<HttpServerExchange, byte[]> onBody;
  private long discarded;
  private boolean refusing;
  private boolean answered;

  private BoundedRequestBody(BiConsumer<HttpServerExchange, byte[]> onBody) {
    this.onBody = onBody;
  }

  static void read(HttpServerExchange exchange, BiConsumer<HttpServerExchange, byte[]> onBody) {
    long declared = exchange.getRequestContentLength();
    BoundedRequestBody body = new BoundedRequestBody(onBody);
    if (declared > DRAIN_BYTES) {
      // not worth reading: whoever sends that much will have to cope with the early answer
      body.refuse(exchange);
      return;
    }
    if (declared > MAX_BYTES) {
      body.startRefusing(exchange);
    }
    exchange.getRequestReceiver().receivePartialBytes(body::accept, body::failed);
  }

  /** Runs on the exchange's I/O thread, as does the drain timer: no two calls overlap. */
  private void accept(HttpServerExchange exchange, byte[] chunk, boolean last) {
    if (answered) {
      return;
    }
    if (!refusing && received.size() + chunk.length > MAX_BYTES) {
      received.reset();
      startRefusing(exchange);
    }
    if (refusing) {
      discarded += chunk.length;
      if (last || discarded > DRAIN_BYTES) {
        refuse(exchange);
      }
      return;
    }
    received.write(chunk, 0, chunk.length);
    if (last) {
      answered = true;
      onBody.accept(exchange, received.toByteArray());
    }
  }

  private void failed(HttpServerExchange exchange, IOException failure) {
    if (failure instanceof RequestTooBigException) {
      refuse(exchange);
    } else {
      Problems.send(exchange, failure);
    }
  }

  private void startRefusing(HttpServerExchange exchange) {
    refusing = true;
    exchange.getIoThread().executeAfter(() -> refuse(exchange), DRAIN_MS, TimeUnit.MILLISECONDS);
  }

  private void refuse(HttpServerExchange exchange) {
    if (answered) {
      return;
    }
    answered = true;
    exchange.getRequestReceiver().pause();
    exchange.setPersistent(false);
    exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
    JsonResponses.problem(exchange, 413, TOO_BIG);
  }
}
