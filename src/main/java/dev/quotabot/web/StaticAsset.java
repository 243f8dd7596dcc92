package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** One file of the page, read from the classpath once at start-up and served from memory. */
final class StaticAsset implements HttpHandler {
  private final byte[] content;
  private final String contentType;

  private StaticAsset(byte[] content, String contentType) {
    this.content = content;
    this.contentType = contentType;
  }

  static StaticAsset load(String name, String contentType) {
    String resource = "/static/" + name;
    try (InputStream in = StaticAsset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing page resource " + resource + " in the jar");
      }
      return new StaticAsset(in.readAllBytes(), contentType);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseSender().send(ByteBuffer.wrap(content));
  }
}
