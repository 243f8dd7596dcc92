package dev.quotabot.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Who is asking: the socket's address, or the first X-Forwarded-For hop behind a trusted proxy. */
final class ClientAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

  /** With a colon, which {@link InetAddress#getByName} never looks up in DNS. */
  private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

  private final boolean trustProxy;

  ClientAddress(boolean trustProxy) {
    this.trustProxy = trustProxy;
  }

  /** The client's address; null when the socket has none (never for TCP). */
  @Nullable InetAddress of(HttpServerExchange exchange) {
    if (trustProxy) {
      @Nullable String forwarded = exchange.getRequestHeaders().getFirst(Headers.X_FORWARDED_FOR);
      @Nullable InetAddress first = forwarded == null ? null : literal(forwarded.split(",", 2)[0]);
      if (first != null) {
        return first;
      }
    }
    @Nullable InetSocketAddress source = exchange.getSourceAddress();
    return source == null ? null : source.getAddress();
  }

  /**
   * An IPv4 or IPv6 address literal, or null for anything else. Never a DNS lookup (on the I/O
   * thread): {@link InetAddress#getByName} would look up any text that is not a valid literal.
   */
  static @Nullable InetAddress literal(String text) {
    String value = text.strip();
    try {
      if (IPV4.matcher(value).matches()) {
        return ipv4(value);
      }
      if (value.length() <= 64 && IPV6.matcher(value).matches()) {
        return InetAddress.getByName(value);
      }
    } catch (UnknownHostException notAnAddress) {
      return null;
    }
    return null;
  }

  private static @Nullable InetAddress ipv4(String dotted) throws UnknownHostException {
    String[] octets = dotted.split("\\.");
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(octets[i]);
      if (octet > 255) {
        return null;
      }
      address[i] = (byte) octet;
    }
    return InetAddress.getByAddress(address);
  }
}
