package dev.quotabot.quota.net;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP/1.1 GET, checked and serialized before any connection is made: where to connect and the
 * request head to send. Header names must be tokens and values visible ASCII (no CR or LF: no
 * header injection); the framing headers are this client's own.
 *
 * @param https whether to speak TLS
 * @param host the host to resolve, and to verify the certificate against (no brackets, no trailing
 *     dot)
 * @param ipLiteral whether {@code host} is an IP address (then no SNI is sent)
 * @param port the port to connect to
 * @param head the request head, ending with the empty line
 */
record Http1Request(boolean https, String host, boolean ipLiteral, int port, byte[] head) {
  private static final Set<String> OWN_HEADERS =
      Set.of(
          "host",
          "connection",
          "content-length",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "expect",
          "keep-alive",
          "proxy-connection");

  /**
   * @throws IllegalArgumentException saying what cannot be sent (never a header value)
   */
  static Http1Request get(URI url, Map<String, String> headers) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("only http and https URLs can be called");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the URL must not contain a user name or password");
    }
    String rawHost = url.getHost();
    if (rawHost == null || rawHost.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host name");
    }
    boolean https = scheme.equals("https");
    boolean ipv6 = rawHost.startsWith("[");
    String host = ipv6 ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
    host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    boolean ipLiteral = ipv6 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();

    StringBuilder head = new StringBuilder(256);
    head.append("GET ").append(target(url)).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(ipv6 ? "[" + host + "]" : host);
    if (url.getPort() != -1 && port != (https ? 443 : 80)) {
      head.append(':').append(port);
    }
    head.append("\r\n");
    boolean hasAccept = false;
    boolean hasUserAgent = false;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      checkHeader(name, header.getValue());
      String lower = name.toLowerCase(Locale.ROOT);
      hasAccept |= lower.equals("accept");
      hasUserAgent |= lower.equals("user-agent");
      head.append(name).append(": ").append(header.getValue().strip()).append("\r\n");
    }
    if (!hasAccept) {
      head.append("Accept: application/json\r\n");
    }
    if (!hasUserAgent) {
      head.append("User-Agent: quota-bot\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return new Http1Request(
        https, host, ipLiteral, port, head.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** The origin-form target: path (or "/") and query, percent-encoded ASCII. */
  private static String target(URI url) {
    URI ascii = URI.create(url.toASCIIString());
    String path =
        ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
    String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
    if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
      throw new IllegalArgumentException("the URL's path cannot be sent");
    }
    return target;
  }

  private static void checkHeader(String name, String value) {
    if (name == null || name.isEmpty() || !name.chars().allMatch(Http1Request::isTokenChar)) {
      throw new IllegalArgumentException("a header name is not valid");
    }
    if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("header " + name + " is set by quota-bot itself");
    }
    if (value == null) {
      throw new IllegalArgumentException("header " + name + " has no value");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header " + name + " has a line break in its value");
    }
    if (!value.chars().allMatch(c -> c == '\t' || (c >= ' ' && c < 0x7f))) {
      throw new IllegalArgumentException(
          "header " + name + " has a character that cannot be sent in its value");
    }
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
