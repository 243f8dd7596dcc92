package dev.quotabot.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;

/** Who is asking: the socket's address, or the first X-Forwarded-For hop behind a trusted proxy. */
final class ClientAddress {
  private final boolean trustProxy;

  ClientAddress(boolean trustProxy) {
    this.trustProxy = trustProxy;
  }

  String of(HttpServerExchange exchange) {
    if (trustProxy) {
      String forwarded = exchange.getRequestHeaders().getFirst(Headers.X_FORWARDED_FOR);
      if (forwarded != null) {
        String first = forwarded.split(",", 2)[0].strip();
        if (!first.isEmpty() && first.length() <= 64 && first.matches("[0-9A-Fa-f:.\\[\\]]+")) {
          return first;
        }
      }
    }
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null || source.getAddress() == null
        ? "unknown"
        : source.getAddress().getHostAddress();
  }
}
