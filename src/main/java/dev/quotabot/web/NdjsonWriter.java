package dev.quotabot.web;

import com.google.gson.JsonObject;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;

/**
 * Writes one JSON object per line to a streamed response, from any thread, in order. All writing
 * happens on the connection's IO thread, one line at a time; when a write fails (the client went
 * away) the rest is dropped and {@code onGone} runs once.
 */
final class NdjsonWriter {
  static final String NDJSON = "application/x-ndjson; charset=utf-8";
  private static final HttpString X_ACCEL_BUFFERING = HttpString.tryFromString("X-Accel-Buffering");

  private final HttpServerExchange exchange;
  private final Runnable onGone;
  private final Queue<ByteBuffer> pending = new ArrayDeque<>();
  private boolean writing;
  private boolean finishing;
  private boolean gone;

  private NdjsonWriter(HttpServerExchange exchange, Runnable onGone) {
    this.exchange = exchange;
    this.onGone = onGone;
  }

  /** Starts a 200 NDJSON response (chunked: its length is not known in advance). */
  static NdjsonWriter start(HttpServerExchange exchange, Runnable onGone) {
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, NDJSON);
    // ask proxies such as nginx not to buffer the stream
    exchange.getResponseHeaders().put(X_ACCEL_BUFFERING, "no");
    return new NdjsonWriter(exchange, onGone);
  }

  /** One line as sent: the JSON and its newline, for a line written many times. */
  static byte[] line(JsonObject json) {
    return (JsonResponses.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  void write(JsonObject line) {
    enqueue(line(line), false);
  }

  /** Writes a line made once by {@link #line}; the array is only read. */
  void write(byte[] line) {
    enqueue(line, false);
  }

  /** Writes the last line and ends the response. */
  void finish(JsonObject line) {
    enqueue(line(line), true);
  }

  private void enqueue(byte[] line, boolean last) {
    ByteBuffer bytes = ByteBuffer.wrap(line);
    exchange
        .getIoThread()
        .execute(
            () -> {
              if (gone || finishing) {
                return;
              }
              pending.add(bytes);
              finishing = last;
              pump();
            });
  }

  /** On the IO thread: sends the next line once the previous one is out. */
  private void pump() {
    if (writing || gone) {
      return;
    }
    @Nullable ByteBuffer next = pending.poll();
    if (next == null) {
      if (finishing) {
        exchange.endExchange();
      }
      return;
    }
    writing = true;
    exchange
        .getResponseSender()
        .send(
            next,
            new IoCallback() {
              @Override
              public void onComplete(HttpServerExchange done, Sender sender) {
                writing = false;
                pump();
              }

              @Override
              public void onException(
                  HttpServerExchange failed, Sender sender, IOException exception) {
                writing = false;
                markGone();
                IoUtils.safeClose(failed.getConnection());
              }
            });
  }

  /** The client is gone: drop what is left and say so, once. */
  private void markGone() {
    if (!gone) {
      gone = true;
      pending.clear();
      onGone.run();
    }
  }
}
