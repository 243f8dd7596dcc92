package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /openapi.json}: the API's OpenAPI 3.1 description, a static resource read once. It
 * describes no key, so unlike every other answer it may be cached (an hour, then revalidated with
 * its {@code ETag}).
 */
final class OpenApiHandler implements HttpHandler {
  static final String RESOURCE = "/dev/quotabot/web/openapi.json";
  static final int MAX_AGE_SECONDS = 3600;

  private final byte[] document;
  private final ETag etag;

  private OpenApiHandler(byte[] document) {
    this.document = document;
    this.etag = new ETag(false, sha256(document));
  }

  /** The handler serving the document on the class path; fails at start if it is missing. */
  static OpenApiHandler fromClassPath() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is missing");
      }
      return new OpenApiHandler(in.readAllBytes());
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    SecurityHeaders.cacheable(exchange, MAX_AGE_SECONDS);
    exchange.getResponseHeaders().put(Headers.ETAG, etag.toString());
    if (!ETagUtils.handleIfNoneMatch(exchange, etag, true)) {
      exchange.setStatusCode(304);
      exchange.endExchange();
      return;
    }
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JsonResponses.JSON_UTF8);
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, document.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(document));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
