package dev.quotabot.quota.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request head sent on the pinned connection, and what is refused before sending. */
final class Http1RequestTest {
  private static final String KEY = "sk-secretsecretsecret1234";

  @Test
  void writesGetWithHostHeadersAcceptUserAgentAndClose() {
    // GIVEN a relay URL with a port and a query, and the caller's headers
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + KEY);
    headers.put("New-Api-User", "42");

    // WHEN the request is built
    Http1Request request =
        Http1Request.get(URI.create("https://relay.example:3000/api/usage/token/?a=1"), headers);

    // THEN the head is HTTP/1.1 with the target, Host with the port, and the framing headers
    assertEquals(
        "GET /api/usage/token/?a=1 HTTP/1.1\r\n"
            + "Host: relay.example:3000\r\n"
            + "Authorization: Bearer "
            + KEY
            + "\r\n"
            + "New-Api-User: 42\r\n"
            + "Accept: application/json\r\n"
            + "User-Agent: quota-bot\r\n"
            + "Connection: close\r\n\r\n",
        new String(request.head(), StandardCharsets.US_ASCII));
    assertTrue(request.https());
    assertEquals("relay.example", request.host());
    assertEquals(3000, request.port());
    assertFalse(request.ipLiteral());
  }

  @Test
  void usesDefaultPortsRootPathAndBracketsForIpv6() {
    // GIVEN URLs without a port or path
    Http1Request https = Http1Request.get(URI.create("https://relay.example"), Map.of());
    Http1Request http = Http1Request.get(URI.create("http://[::1]"), Map.of());

    // WHEN / THEN the default port is used and not written; IPv6 hosts are bracketed in Host only
    assertEquals(443, https.port());
    assertTrue(ascii(https).startsWith("GET / HTTP/1.1\r\nHost: relay.example\r\n"));
    assertEquals(80, http.port());
    assertEquals("::1", http.host());
    assertTrue(http.ipLiteral());
    assertTrue(ascii(http).startsWith("GET / HTTP/1.1\r\nHost: [::1]\r\n"));
  }

  @Test
  void dropsTrailingDotAndKnowsIpv4Literals() {
    assertEquals(
        "relay.example", Http1Request.get(URI.create("https://relay.example./"), Map.of()).host());
    assertTrue(Http1Request.get(URI.create("https://10.0.0.5/"), Map.of()).ipLiteral());
  }

  @Test
  void callerAcceptReplacesTheDefault() {
    Http1Request request =
        Http1Request.get(URI.create("https://relay.example/"), Map.of("Accept", "text/plain"));

    assertTrue(ascii(request).contains("Accept: text/plain\r\n"));
    assertFalse(ascii(request).contains("application/json"));
  }

  @ParameterizedTest(name = "refuses a value with {0}")
  @ValueSource(strings = {"\r\n", "\n", "\r", "\u0000", "\u007f", "é"})
  void refusesHeaderValuesThatCouldInjectOrCannotBeSent(String bad) {
    // GIVEN a header value with a line break or another character that cannot be sent
    Map<String, String> headers = Map.of("Authorization", "Bearer " + KEY + bad + "X-Evil: 1");

    // WHEN the request is built THEN it is refused, naming the header but not the value
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> Http1Request.get(URI.create("https://relay.example/"), headers));
    assertTrue(refused.getMessage().startsWith("header Authorization has a"));
    assertFalse(refused.getMessage().contains(KEY));
  }

  @ParameterizedTest(name = "refuses the caller setting {0}")
  @ValueSource(strings = {"Host", "connection", "Content-Length", "Transfer-Encoding", "Upgrade"})
  void refusesFramingHeadersFromTheCaller(String name) {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> Http1Request.get(URI.create("https://relay.example/"), Map.of(name, "x")));
    assertEquals("header " + name + " is set by quota-bot itself", refused.getMessage());
  }

  @ParameterizedTest(name = "refuses header name \"{0}\"")
  @ValueSource(strings = {"", "Bad Name", "Bad:Name", "Bad\r\nName", "Name\u00e9"})
  void refusesInvalidHeaderNames(String name) {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> Http1Request.get(URI.create("https://relay.example/"), Map.of(name, "x")));
    assertEquals("a header name is not valid", refused.getMessage());
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(
      strings = {"ftp://relay.example/", "https://user:pass@relay.example/", "file:///etc/passwd"})
  void refusesUrlsThatAreNotPlainHttpOrHttps(String url) {
    assertThrows(IllegalArgumentException.class, () -> Http1Request.get(URI.create(url), Map.of()));
  }

  @Test
  void percentEncodesNonAsciiPaths() throws Exception {
    Http1Request request =
        Http1Request.get(new URI("https", "relay.example", "/ü b", null), Map.of());

    assertTrue(ascii(request).startsWith("GET /%C3%BC%20b HTTP/1.1\r\n"));
  }

  private static String ascii(Http1Request request) {
    return new String(request.head(), StandardCharsets.US_ASCII);
  }
}
