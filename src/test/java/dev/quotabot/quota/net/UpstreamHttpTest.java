package dev.quotabot.quota.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.Await;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.RecordingSockets;
import dev.quotabot.support.ScriptedServer;
import dev.quotabot.support.SocketReads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UpstreamHttp} on the guarded client (loopback allowed, {@code relay.example} resolving to
 * it) against local servers: what is sent, how bodies are read and capped, the whole-call deadline,
 * cancelling, and when a call is sent again. Scripted servers stand in where WireMock cannot (a
 * body that drips, raw chunked framing, a connection closed between calls).
 */
final class UpstreamHttpTest {
  private static final String KEY = "sk-upstreamhttptestkey0123456789";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int CAP = NetHarness.CAP;
  private static final int SMALL_CAP = 64;

  @RegisterExtension static final WireMockExtension relay = LoopbackWireMock.extension();

  private final AtomicInteger lookups = new AtomicInteger();
  private final RecordingSockets sockets = new RecordingSockets();
  @AutoClose private UpstreamClients clients;
  private UpstreamHttp http;

  @BeforeEach
  void start() {
    clients = clients(host -> InetAddress.getAllByName("127.0.0.1"));
    http = clients.guarded(CAP);
  }

  @Test
  void sendsTheCallersHeadersWithAcceptUserAgentAndTheHost() {
    // GIVEN a relay
    relay.stubFor(
        get(urlPathEqualTo("/api/user/self"))
            .willReturn(aResponse().withStatus(200).withBody("{\"success\":true}")));

    // WHEN it is called with the admin headers
    UpstreamResponse response =
        call(
            http,
            "http://relay.example:" + relay.getPort() + "/api/user/self?x=1",
            Map.of("Authorization", "Bearer " + KEY, "New-Api-User", "42"));

    // THEN the answer comes back, and the headers and the query reached the relay
    assertNull(response.failure(), String.valueOf(response.failureText()));
    assertEquals(200, response.status());
    assertEquals("{\"success\":true}", text(response));
    relay.verify(
        getRequestedFor(urlEqualTo("/api/user/self?x=1"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("New-Api-User", equalTo("42"))
            .withHeader("Accept", equalTo("application/json"))
            .withHeader("User-Agent", equalTo("quota-bot"))
            .withHeader("Host", equalTo("relay.example:" + relay.getPort())));
  }

  @Test
  void theCallersAcceptReplacesTheDefault() {
    relay.stubFor(get("/models").willReturn(aResponse().withStatus(200)));

    call(
        http,
        "http://relay.example:" + relay.getPort() + "/models",
        Map.of("Accept", "text/plain"));

    relay.verify(
        getRequestedFor(urlEqualTo("/models")).withHeader("Accept", equalTo("text/plain")));
  }

  @ParameterizedTest(name = "refuses a value with {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'\\r\\n' | has a line break in its value.",
        "'\\n' | has a line break in its value.",
        "'\\r' | has a line break in its value.",
        "'\\u0000' | has a character in its value that cannot be sent.",
        "'\\u007f' | has a character in its value that cannot be sent.",
        "'é' | has a character in its value that cannot be sent.",
      })
  void refusesAHeaderValueThatCouldInjectOrCannotBeSentBeforeAnything(String bad, String why) {
    // GIVEN a header value that would inject another header, or holds a character HTTP forbids
    String value = "Bearer " + KEY + unescape(bad) + "X-Injected: yes";

    // WHEN it is called
    UpstreamResponse response =
        call(http, "http://relay.example:" + relay.getPort() + "/", Map.of("Authorization", value));

    // THEN nothing was resolved or sent, and the text names the header but holds no part of it
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "The request to the relay was not sent: header Authorization " + why,
        String.valueOf(response.failureText()));
    assertEquals(0, lookups.get());
    assertEquals(List.of(), sockets.targets());
  }

  @Test
  void refusesAnInvalidHeaderNameWithoutNamingIt() {
    UpstreamResponse response =
        call(http, "http://relay.example:" + relay.getPort() + "/", Map.of("Bad Name", KEY));

    assertEquals(
        "The request to the relay was not sent: a header name is not valid.",
        String.valueOf(response.failureText()));
    assertEquals(List.of(), sockets.targets());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ftp://relay.example/", "file:///etc/passwd", "gopher://relay.example"})
  void neverCallsAnAddressThatIsNotHttp(String url) {
    UpstreamResponse response = call(http, url);

    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "The request to the relay was not sent: its address cannot be sent.",
        String.valueOf(response.failureText()));
    assertEquals(0, lookups.get());
    assertEquals(List.of(), sockets.targets());
  }

  @Test
  void percentEncodesANonAsciiPath() throws Exception {
    try (ScriptedServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {

      call(http, new URI("http", null, "relay.example", server.port(), "/ü b", null, null));

      assertTrue(
          server.heads().get(0).startsWith("GET /%C3%BC%20b HTTP/1.1\r\n"), server.heads().get(0));
    }
  }

  @Test
  void acceptsBareLineFeedsAndReadsExactlyTheAnnouncedLength() throws Exception {
    try (ScriptedServer server = answering("HTTP/1.1 200 OK\nContent-Length: 2\n\nokand more")) {

      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      assertEquals(200, response.status(), String.valueOf(response.failureText()));
      assertEquals("ok", text(response));
    }
  }

  @Test
  void aCallAfterTheClientsAreClosedIsAnAnswerNotAnException() {
    // GIVEN clients closed (the process is stopping)
    clients.close();

    // WHEN a call is made THEN it answers with a failure
    UpstreamResponse response = call(http, "http://relay.example:" + relay.getPort() + "/");
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
    // GIVEN a relay answering in chunks, slowly, with a chunk extension and a trailer
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
              ScriptedServer.send(socket, "7\r\n{\"data\"\r\n");
              Thread.sleep(50);
              ScriptedServer.send(socket, "5;x=y\r\n:true\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n");
            })) {

      // WHEN it is called
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      // THEN the chunks are joined, and the request named the relay's host
      assertEquals("{\"data\":true}", text(response));
      assertTrue(server.heads().get(0).startsWith("GET / HTTP/1.1\r\n"), server.heads().get(0));
      assertEquals(
          "relay.example:" + server.port(),
          new ScriptedServer.Request(server.heads().get(0), "").header("Host"));
    }
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {200, 500})
  void capsAHugeBodyClosesTheConnectionAndReturnsPromptly(int status) throws Exception {
    // GIVEN a relay that announces 10 MB and sends it as fast as it can
    int tenMegabytes = 10 * 1024 * 1024;
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              OutputStream out = socket.getOutputStream();
              out.write(
                  ("HTTP/1.1 "
                          + status
                          + " Whatever\r\nContent-Length: "
                          + tenMegabytes
                          + "\r\n\r\n")
                      .getBytes(StandardCharsets.US_ASCII));
              byte[] block = new byte[16 * 1024];
              for (int sent = 0; sent < tenMegabytes; sent += block.length) {
                out.write(block);
              }
              out.flush();
            })) {

      // WHEN it is called with a 64 KB cap
      long started = System.nanoTime();
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      // THEN exactly the cap is returned at once, and the relay finds the connection closed
      assertEquals(status, response.status(), String.valueOf(response.failureText()));
      assertEquals(CAP, response.body().length);
      assertTrue(tookMillis < 3000, "took " + tookMillis + " ms");
      Await.until("the relay's writes fail", () -> server.clientGone() == 1);
    }
  }

  @Test
  void capsAChunkedBodyInTheMiddleOfAChunk() throws Exception {
    try (ScriptedServer server =
        answering(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n28\r\n"
                + "a".repeat(40)
                + "\r\n28\r\n"
                + "b".repeat(40)
                + "\r\n0\r\n\r\n")) {

      UpstreamResponse response =
          call(clients.guarded(SMALL_CAP), "http://relay.example:" + server.port() + "/");

      assertEquals("a".repeat(40) + "b".repeat(24), text(response));
    }
  }

  @Test
  void readsABodyWithoutFramingUntilTheConnectionClosesUpToTheCap() throws Exception {
    try (ScriptedServer short_ = answering("HTTP/1.0 200 OK\r\n\r\nshort");
        ScriptedServer long_ = answering("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(1000))) {
      UpstreamHttp small = clients.guarded(SMALL_CAP);

      assertEquals("short", text(call(small, "http://relay.example:" + short_.port() + "/")));
      assertEquals(
          SMALL_CAP, call(small, "http://relay.example:" + long_.port() + "/").body().length);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP/1.1 200 OK\\r\\nContent-Length: 100\\r\\n\\r\\nhalf | half",
        "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabc\\r\\nzz\\r\\n | abc",
      })
  void aBodyCutShortByTheConnectionIsReturnedAsFarAsItCame(String wire, String expected)
      throws Exception {
    // GIVEN an upstream that closes the connection before its body is complete
    try (ScriptedServer server = answering(unescape(wire))) {

      // WHEN it is called THEN what came is the answer
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");
      assertEquals(200, response.status(), String.valueOf(response.failureText()));
      assertEquals(expected, text(response));
    }
  }

  @Test
  void skipsInterimResponsesAndReturnsTheFinalOne() throws Exception {
    try (ScriptedServer server =
        answering(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone")) {

      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      assertEquals(200, response.status(), String.valueOf(response.failureText()));
      assertEquals("done", text(response));
    }
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {204, 304})
  void readsNoBodyForAStatusThatHasNone(int status) throws Exception {
    try (ScriptedServer server = answering("HTTP/1.1 " + status + " None\r\n\r\nleftover")) {

      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      assertEquals(status, response.status(), String.valueOf(response.failureText()));
      assertEquals(0, response.body().length);
    }
  }

  @Test
  void keepsTheBodysBytesExactly() throws Exception {
    byte[] binary = {0, (byte) 0xff, '\r', '\n', 42};
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
              socket.getOutputStream().write(binary);
            })) {

      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      assertArrayEquals(binary, response.body());
    }
  }

  /**
   * At the deadline the call is cancelled, which also ends the body with what had come: that must
   * not pass for a whole answer (it races the cancellation).
   */
  @RepeatedTest(25)
  void aBodyStillComingAtTheDeadlineIsATimeout() throws Exception {
    // GIVEN an upstream that sends its status line and headers, a few body bytes, then nothing
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              ScriptedServer.send(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 1000\r\n\r\n{\"success\":true,");
              ScriptedServer.awaitClose(socket);
            })) {

      // WHEN it is called with a 200 ms timeout
      UpstreamResponse response =
          call(
              http,
              "http://relay.example:" + server.port() + "/balance",
              Duration.ofMillis(200),
              "the upstream");

      // THEN it is a timeout, not a 200 with half a body
      assertEquals(ProbeStatus.TIMEOUT, response.failure(), "HTTP " + response.status());
      assertEquals(
          "the upstream did not answer within 200 ms.", String.valueOf(response.failureText()));
    }
  }

  @Test
  void dripFedHeadersTimeOutOnTheWholeCallDeadline() throws Exception {
    // GIVEN a relay that sends one header byte every 100 ms, forever (no single read times out)
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nX-Slow: ");
              while (true) {
                ScriptedServer.send(socket, "a");
                Thread.sleep(100);
              }
            })) {

      // WHEN it is called with a 700 ms timeout
      long started = System.nanoTime();
      UpstreamResponse response =
          call(
              http,
              "http://relay.example:" + server.port() + "/",
              Duration.ofMillis(700),
              "the relay");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      // THEN it is a TIMEOUT near 700 ms, and the relay sees the connection closed
      assertEquals(ProbeStatus.TIMEOUT, response.failure());
      assertEquals(
          "the relay did not answer within 700 ms.", String.valueOf(response.failureText()));
      assertTrue(tookMillis >= 650 && tookMillis < 2500, "took " + tookMillis + " ms");
      Await.until("the relay sees the close", () -> server.clientGone() == 1);
    }
  }

  @Test
  void aNameLookupThatHangsIsBoundedByTheTimeout() {
    // GIVEN a resolver that hangs
    UpstreamClients hanging =
        clients(
            host -> {
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              }
              throw new UnknownHostException(host);
            });
    try {
      // WHEN it is called with a short timeout
      long started = System.nanoTime();
      UpstreamResponse response =
          call(hanging.guarded(CAP), "http://relay.example/", Duration.ofMillis(300), "the relay");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      // THEN it times out on time
      assertEquals(ProbeStatus.TIMEOUT, response.failure());
      assertEquals(
          "the relay did not answer within 300 ms.", String.valueOf(response.failureText()));
      assertTrue(tookMillis < 1500, "took " + tookMillis + " ms");
    } finally {
      hanging.close();
    }
  }

  @Test
  void cancellingTheCallClosesTheConnection() throws Exception {
    // GIVEN a relay that never answers
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              ScriptedServer.awaitClose(socket);
              throw new IOException("client closed");
            })) {
      CompletableFuture<UpstreamResponse> call =
          http.get(
              URI.create("http://relay.example:" + server.port() + "/"), AUTH, TIMEOUT, "relay");
      Await.until("the request arrives", () -> server.heads().size() == 1);

      // WHEN the caller cancels
      call.cancel(true);

      // THEN the connection is closed at once
      Await.until(
          "the relay sees the close", Duration.ofSeconds(2), () -> server.clientGone() == 1);
    }
  }

  @Test
  void sendsAGetAgainWhenThePooledConnectionWasClosedByTheUpstream() throws Exception {
    // GIVEN an upstream that keeps no connection alive yet does not say so (no Connection: close)
    try (ScriptedServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")) {
      String url = "http://relay.example:" + server.port() + "/";
      assertEquals(200, call(http, url).status());
      Await.until("the upstream closes its end", () -> server.open() == 0);

      // WHEN it is called again (the client still holds the first connection in its pool)
      UpstreamResponse again = call(http, url);

      // THEN the GET went out again on a new connection and was answered
      assertEquals(200, again.status(), String.valueOf(again.failureText()));
      assertEquals("{}", text(again));
      assertEquals(2, server.accepted());
    }
  }

  @Test
  void neverSendsAProbeAgainWhenItsConnectionBreaks() throws Exception {
    // GIVEN an upstream that answers a GET and keeps the connection, then resets it on a POST
    AtomicInteger posts = new AtomicInteger();
    try (ScriptedServer server =
        new ScriptedServer(
            (socket, request) -> {
              String method = request.method();
              if (method.equals("GET")) {
                ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
                method = nextMethod(socket);
              }
              if (method.equals("POST")) {
                posts.incrementAndGet();
                ScriptedServer.reset(socket);
              }
            })) {
      String base = "http://relay.example:" + server.port() + "/";
      assertEquals(200, call(http, base).status());

      // WHEN a probe goes out on the pooled connection and the upstream breaks it
      UpstreamResponse probe =
          http.probe(URI.create(base + "chat"), AUTH, "{}", TIMEOUT, "the upstream")
              .orTimeout(10, TimeUnit.SECONDS)
              .join();

      // THEN it failed, and the upstream saw it once: a probe may already have been counted
      assertEquals(ProbeStatus.NETWORK_ERROR, probe.failure());
      assertEquals(1, posts.get());
      assertEquals(1, server.accepted());
    }
  }

  private UpstreamClients clients(Resolver resolver) {
    return UpstreamClients.builder()
        .allowPrivateAddresses(true)
        .resolver(
            host -> {
              lookups.incrementAndGet();
              return resolver.resolve(host);
            })
        .sockets(sockets)
        .build();
  }

  /** An upstream that sends {@code wire} to every request, then closes the connection. */
  private static ScriptedServer answering(String wire) throws IOException {
    return new ScriptedServer(socket -> ScriptedServer.send(socket, wire));
  }

  /** Reads the next request head on a kept connection; returns its method ("" if it closed). */
  private static String nextMethod(Socket socket) throws IOException {
    String head = SocketReads.head(socket);
    return head.endsWith("\r\n\r\n") ? head.substring(0, Math.max(0, head.indexOf(' '))) : "";
  }

  private static String unescape(String text) {
    return text.replace("\\r", "\r")
        .replace("\\n", "\n")
        .replace("\\u0000", "\u0000")
        .replace("\\u007f", "\u007f");
  }

  private static String text(UpstreamResponse response) {
    return new String(response.body(), StandardCharsets.ISO_8859_1);
  }

  private static UpstreamResponse call(UpstreamHttp http, String url) {
    return call(http, url, AUTH);
  }

  private static UpstreamResponse call(UpstreamHttp http, URI url) {
    return call(http, url.toString(), AUTH);
  }

  private static UpstreamResponse call(UpstreamHttp http, String url, Map<String, String> headers) {
    return call(http, url, headers, TIMEOUT, "the relay");
  }

  private static UpstreamResponse call(
      UpstreamHttp http, String url, Duration timeout, String upstream) {
    return call(http, url, AUTH, timeout, upstream);
  }

  /**
   * A GET of {@code url} within {@code timeout}, {@code upstream} naming it in failure texts; it
   * must complete normally (within 5 s more), and its failure text never holds the key.
   */
  private static UpstreamResponse call(
      UpstreamHttp http,
      String url,
      Map<String, String> headers,
      Duration timeout,
      String upstream) {
    UpstreamResponse response = NetHarness.get(http, url, headers, timeout, upstream);
    assertFalse(String.valueOf(response.failureText()).contains(KEY));
    return response;
  }
}
