package dev.quotabot.quota.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.support.Await;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.Ports;
import dev.quotabot.support.RecordingSockets;
import dev.quotabot.support.ScriptedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GuardedHttp} over plain http against local servers: what is refused (before any
 * connection), that the checked address is the one connected to, and the HTTP/1.1 exchange itself.
 */
final class GuardedHttpTest {
  private static final String KEY = "sk-guardedtestkey0123456789abcd";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int CAP = 64 * 1024;

  @RegisterExtension
  static final WireMockExtension relay =
      WireMockExtension.newInstance()
          .options(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private ExecutorService blocking;
  private TimeoutScheduler timeouts;
  private RecordingSockets sockets;
  private AtomicInteger lookups;

  @BeforeEach
  void start() {
    blocking =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "guarded-http-test");
              thread.setDaemon(true);
              return thread;
            });
    timeouts = new TimeoutScheduler();
    sockets = new RecordingSockets();
    lookups = new AtomicInteger();
  }

  @AfterEach
  void stop() throws InterruptedException {
    blocking.shutdownNow();
    blocking.awaitTermination(5, TimeUnit.SECONDS);
    timeouts.close();
  }

  @ParameterizedTest(name = "relay.example -> {0} is refused as {1}")
  @CsvSource({
    "127.0.0.1, a loopback address",
    "127.8.9.10, a loopback address",
    "10.0.0.5, a private address",
    "172.16.3.4, a private address",
    "192.168.1.1, a private address",
    "100.64.0.1, a carrier-grade NAT (shared) address",
    "169.254.1.1, a link-local address",
    "169.254.169.254, a cloud metadata address",
    "0.0.0.0, an unspecified address",
    "224.0.0.1, a multicast address",
    "255.255.255.255, the broadcast address",
    "240.0.0.1, a reserved address",
    "::1, a loopback address",
    "::, an unspecified address",
    "fe80::1, a link-local address",
    "fc00::1, a unique-local IPv6 address",
    "fd00:ec2::254, a cloud metadata address",
    "ff02::1, a multicast address",
    "::127.0.0.1, a loopback address",
  })
  void refusesEachForbiddenAddressBeforeConnecting(String address, String rule) throws Exception {
    // GIVEN a relay name that resolves to a forbidden address, and a strict server
    InetAddress resolved = InetAddress.getByName(address);
    GuardedHttp http = guarded(false, host -> new InetAddress[] {resolved});

    // WHEN it is called
    UpstreamResponse response = call(http, "http://relay.example:3000/api/status");

    // THEN it is refused with the rule and the address, and nothing was connected to
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "relay.example resolves to "
            + rule
            + " ("
            + resolved.getHostAddress()
            + "), which this server does not call: give the relay's public address.",
        response.failureText());
    assertEquals(List.of(), sockets.targets());
    assertEquals(1, lookups.get());
  }

  @Test
  void refusesIpv4MappedIpv6Loopback() throws Exception {
    // GIVEN ::ffff:127.0.0.1 as an IPv6 address (as some resolvers return it) on a live server
    try (ScriptedServer server = new ScriptedServer(socket -> {})) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(new byte[] {127, 0, 0, 1}, 0, mapped, 12, 4);
      InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
      GuardedHttp http = guarded(false, host -> new InetAddress[] {address});

      // WHEN it is called
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      // THEN it is refused as loopback and the server saw no connection
      assertTrue(response.failureText().contains("a loopback address"), response.failureText());
      assertEquals(0, server.accepted());
      assertEquals(List.of(), sockets.targets());
    }
  }

  @Test
  void refusesANameResolvingToLoopbackWhereARealServerListens() throws Exception {
    // GIVEN a server on loopback and a name that resolves there
    try (ScriptedServer server = new ScriptedServer(socket -> {})) {
      GuardedHttp http = guarded(false, host -> InetAddress.getAllByName("127.0.0.1"));

      // WHEN it is called
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      // THEN the server never saw a connection
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(0, server.accepted());
    }
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({
    "http://127.0.0.1:PORT/, '127.0.0.1 is a loopback address, which this server does not call'",
    "http://[::1]:PORT/, '::1 is a loopback address (0:0:0:0:0:0:0:1), which this server'",
    "http://[::ffff:127.0.0.1]:PORT/, '::ffff:127.0.0.1 is a loopback address (127.0.0.1)'",
    "http://2130706433:PORT/, '2130706433 is a loopback address (127.0.0.1)'",
  })
  void refusesLiteralAddressesWithTheRealResolver(String url, String expected) throws Exception {
    // GIVEN a URL naming a loopback address directly, and the production resolver
    try (ScriptedServer server = new ScriptedServer(socket -> {})) {
      GuardedHttp http = guarded(false, InetAddress::getAllByName);

      // WHEN it is called
      UpstreamResponse response = call(http, url.replace("PORT", String.valueOf(server.port())));

      // THEN it is refused (or not resolvable) and the server saw no connection
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertTrue(
          response.failureText().contains(expected)
              || response.failureText().contains("could not be resolved"),
          response.failureText());
      assertEquals(0, server.accepted());
    }
  }

  @ParameterizedTest(name = "{0} + {1}: every address is checked")
  @CsvSource({"93.184.215.14, 10.0.0.5", "10.0.0.5, 93.184.215.14", "2606:4700::1, ::1"})
  void refusesANameWithOnePrivateAddressAmongPublicOnes(String first, String second)
      throws Exception {
    // GIVEN a name with a public and a private address
    InetAddress[] addresses = {InetAddress.getByName(first), InetAddress.getByName(second)};
    GuardedHttp http = guarded(false, host -> addresses);

    // WHEN it is called
    UpstreamResponse response = call(http, "http://relay.example/");

    // THEN it is refused, naming the private one, and nothing was connected to
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertTrue(response.failureText().contains("resolves to a"), response.failureText());
    assertEquals(List.of(), sockets.targets());
  }

  @Test
  void allowPrivateCallsLoopbackAndSendsTheHeaders() {
    // GIVEN allow_private_addresses and a relay on loopback
    relay.stubFor(
        get(urlPathEqualTo("/api/user/self"))
            .willReturn(aResponse().withStatus(200).withBody("{\"success\":true}")));
    GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

    // WHEN it is called with the admin headers
    UpstreamResponse response =
        call(
            http,
            "http://relay.example:" + relay.getPort() + "/api/user/self?x=1",
            Map.of("Authorization", "Bearer " + KEY, "New-Api-User", "42"));

    // THEN the answer comes back and the headers reached the relay
    assertNull(response.failure(), response.failureText());
    assertEquals(200, response.status());
    assertEquals("{\"success\":true}", new String(response.body(), StandardCharsets.UTF_8));
    relay.verify(
        getRequestedFor(urlEqualTo("/api/user/self?x=1"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("New-Api-User", equalTo("42"))
            .withHeader("Accept", equalTo("application/json"))
            .withHeader("User-Agent", equalTo("quota-bot"))
            .withHeader("Host", equalTo("relay.example:" + relay.getPort())));
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", relay.getPort())), sockets.targets());
  }

  @Test
  void connectsToTheCheckedAddressNotToASecondLookup() throws Exception {
    // GIVEN a rebinding name: public on the first lookup, loopback on the next ones; the test's
    // sockets record the address asked for and carry the connection to the local relay
    relay.stubFor(get("/api/status").willReturn(aResponse().withStatus(200).withBody("{}")));
    InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    Resolver rebinding = host -> new InetAddress[] {lookups.get() == 1 ? publicAddress : loopback};
    sockets = new RecordingSockets(target -> new InetSocketAddress(loopback, target.getPort()));
    GuardedHttp http = guarded(false, rebinding);

    // WHEN it is called
    UpstreamResponse first = call(http, "http://relay.example:" + relay.getPort() + "/api/status");

    // THEN the one lookup's (checked) address is the one connected to
    assertEquals(200, first.status(), first.failureText());
    assertEquals(1, lookups.get());
    assertEquals(List.of(new InetSocketAddress(publicAddress, relay.getPort())), sockets.targets());

    // AND WHEN it is called again THEN the new (loopback) answer is checked and refused
    UpstreamResponse second = call(http, "http://relay.example:" + relay.getPort() + "/api/status");
    assertEquals(2, lookups.get());
    assertTrue(second.failureText().contains("a loopback address (127.0.0.1)"));
    assertEquals(1, sockets.targets().size());
    relay.verify(exactly(1), getRequestedFor(urlEqualTo("/api/status")));
  }

  @Test
  void triesTheNextCheckedAddressWhenOneRefusesTheConnection() throws Exception {
    // GIVEN a name with two allowed addresses; nothing listens on the first
    relay.stubFor(get("/ok").willReturn(aResponse().withStatus(200)));
    InetAddress[] addresses = {
      InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1")
    };
    GuardedHttp http = guarded(true, host -> addresses);

    // WHEN it is called
    UpstreamResponse response = call(http, "http://relay.example:" + relay.getPort() + "/ok");

    // THEN the second is used, and only those two were tried
    assertEquals(200, response.status(), response.failureText());
    assertEquals(2, sockets.targets().size());
  }

  @Test
  void returnsRedirectsWithoutFollowingThem() {
    // GIVEN a relay that redirects to the metadata address
    relay.stubFor(
        get("/api/status")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
    GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

    // WHEN it is called
    UpstreamResponse response =
        call(http, "http://relay.example:" + relay.getPort() + "/api/status");

    // THEN the 302 is the answer and only the one connection was made
    assertNull(response.failure());
    assertEquals(302, response.status());
    assertEquals(1, sockets.targets().size());
    relay.verify(exactly(1), anyRequestedFor(anyUrl()));
  }

  @Test
  void capsAHugeBodyClosesTheConnectionAndReturnsPromptly() throws Exception {
    // GIVEN a relay that announces 10 MB and sends it as fast as it can
    int tenMegabytes = 10 * 1024 * 1024;
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              OutputStream out = socket.getOutputStream();
              out.write(
                  ("HTTP/1.1 200 OK\r\nContent-Length: " + tenMegabytes + "\r\n\r\n")
                      .getBytes(StandardCharsets.US_ASCII));
              byte[] block = new byte[16 * 1024];
              for (int sent = 0; sent < tenMegabytes; sent += block.length) {
                out.write(block);
              }
              out.flush();
            })) {
      GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

      // WHEN it is called with a 64 KB cap
      long started = System.nanoTime();
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      // THEN exactly the cap is returned at once, and the relay finds the connection closed
      assertEquals(200, response.status(), response.failureText());
      assertEquals(CAP, response.body().length);
      assertTrue(tookMillis < 3000, "took " + tookMillis + " ms");
      Await.until("the relay's writes fail", () -> server.clientGone() == 1);
    }
  }

  @Test
  void readsAChunkedBody() throws Exception {
    // GIVEN a relay answering in chunks, slowly
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
              ScriptedServer.send(socket, "7\r\n{\"data\"\r\n");
              Thread.sleep(50);
              ScriptedServer.send(socket, "5;x=y\r\n:true\r\n1\r\n}\r\n0\r\n\r\n");
            })) {
      GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

      // WHEN it is called
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      // THEN the chunks are joined
      assertEquals("{\"data\":true}", new String(response.body(), StandardCharsets.UTF_8));
      assertTrue(server.heads().get(0).startsWith("GET / HTTP/1.1\r\nHost: relay.example:"));
      assertTrue(server.heads().get(0).contains("\r\nConnection: close\r\n"));
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
      GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

      // WHEN it is called with a 700 ms timeout
      long started = System.nanoTime();
      UpstreamResponse response =
          http.get(
                  URI.create("http://relay.example:" + server.port() + "/"),
                  AUTH,
                  Duration.ofMillis(700),
                  "the relay")
              .join();
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      // THEN it is a TIMEOUT near 700 ms, and the relay sees the connection closed
      assertEquals(ProbeStatus.TIMEOUT, response.failure());
      assertEquals("the relay did not answer within 700 ms.", response.failureText());
      assertTrue(tookMillis >= 650 && tookMillis < 2500, "took " + tookMillis + " ms");
      Await.until("the relay sees the close", () -> server.clientGone() == 1);
    }
  }

  @Test
  void cancellingTheCallClosesTheConnection() throws Exception {
    // GIVEN a relay that never answers
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              while (socket.getInputStream().read() >= 0) {
                // wait for the client to go
              }
              throw new IOException("client closed");
            })) {
      GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));
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
  void refusedConnectionIsANetworkError() throws Exception {
    // GIVEN a port nobody listens on
    int port = Ports.unused();
    GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

    // WHEN it is called THEN the failure says so
    UpstreamResponse response = call(http, "http://relay.example:" + port + "/");
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals("Could not connect to the relay.", response.failureText());
  }

  @Test
  void resetConnectionIsANetworkError() {
    // GIVEN a relay that resets the connection
    relay.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

    // WHEN it is called
    UpstreamResponse response = call(http, "http://relay.example:" + relay.getPort() + "/reset");

    // THEN it is a network error that does not echo anything sent
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertTrue(response.failureText().startsWith("The connection to the relay failed"));
  }

  @Test
  void garbageAnswerIsANetworkErrorSayingWhy() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(socket -> ScriptedServer.send(socket, "SSH-2.0-OpenSSH_9.6\r\n"))) {
      GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(
          "the relay sent a malformed HTTP response (not an HTTP/1.1 status line).",
          response.failureText());
    }
  }

  @Test
  void headerValueWithLineBreakIsRefusedBeforeResolving() {
    // GIVEN a header value that would inject another header
    GuardedHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

    // WHEN it is called
    UpstreamResponse response =
        call(
            http,
            "http://relay.example:" + relay.getPort() + "/",
            Map.of("Authorization", "Bearer " + KEY + "\r\nX-Injected: yes"));

    // THEN nothing was resolved or sent, and the text holds no part of the value
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "The request to the relay was not sent: header Authorization has a line break in its"
            + " value.",
        response.failureText());
    assertEquals(0, lookups.get());
    assertEquals(List.of(), sockets.targets());
  }

  @Test
  void unresolvableNameIsANetworkError() {
    GuardedHttp http =
        guarded(
            false,
            host -> {
              throw new UnknownHostException(host + ": Name or service not known");
            });

    UpstreamResponse response = call(http, "http://no-such-relay.invalid/");

    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "The host name no-such-relay.invalid of the relay could not be resolved.",
        response.failureText());
  }

  @Test
  void slowNameLookupIsBoundedByTheTimeout() {
    // GIVEN a resolver that hangs
    GuardedHttp http =
        guarded(
            false,
            host -> {
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              }
              throw new UnknownHostException(host);
            });

    // WHEN it is called with a short timeout THEN it times out on time
    UpstreamResponse response =
        http.get(URI.create("http://relay.example/"), AUTH, Duration.ofMillis(300), "the relay")
            .orTimeout(3, TimeUnit.SECONDS)
            .join();
    assertEquals(ProbeStatus.TIMEOUT, response.failure());
  }

  @Test
  void busyExecutorIsAnAnswerNotAnException() {
    GuardedHttp http =
        new GuardedHttp(
            true,
            CAP,
            task -> {
              throw new RejectedExecutionException("full");
            },
            timeouts,
            host -> InetAddress.getAllByName("127.0.0.1"),
            connector());

    UpstreamResponse response = call(http, "http://relay.example/");

    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertTrue(response.failureText().contains("too busy"));
  }

  @Test
  void logsAndFailureTextsNeverHoldTheKey() throws Exception {
    // GIVEN every kind of outcome, with logs captured at DEBUG
    relay.stubFor(get("/ok").willReturn(aResponse().withStatus(401).withBody("{\"error\":1}")));
    try (LogCapture logs = LogCapture.open()) {
      List<UpstreamResponse> responses =
          List.of(
              call(
                  guarded(false, host -> InetAddress.getAllByName("10.0.0.5")),
                  "http://r.example/"),
              call(
                  guarded(true, host -> InetAddress.getAllByName("127.0.0.1")),
                  "http://r.example:" + relay.getPort() + "/ok"),
              call(
                  guarded(true, host -> InetAddress.getAllByName("127.0.0.1")),
                  "http://r.example:1/"),
              call(
                  guarded(true, host -> InetAddress.getAllByName("127.0.0.1")),
                  "http://r.example/",
                  Map.of("Authorization", KEY + "\n")));

      // THEN no log line and no failure text holds the key
      assertFalse(logs.text().contains(KEY), logs.text());
      assertFalse(logs.text().contains(KEY.substring(5)), logs.text());
      for (UpstreamResponse response : responses) {
        assertFalse(String.valueOf(response.failureText()).contains(KEY.substring(5)));
      }
    }
  }

  private GuardedHttp guarded(boolean allowPrivate, Resolver resolver) {
    Resolver counting =
        host -> {
          lookups.incrementAndGet();
          return resolver.resolve(host);
        };
    return new GuardedHttp(allowPrivate, CAP, blocking, timeouts, counting, connector());
  }

  private PinnedConnector connector() {
    return new PinnedConnector(
        Duration.ofSeconds(2), sockets, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  private static UpstreamResponse call(GuardedHttp http, String url) {
    return call(http, url, AUTH);
  }

  private static UpstreamResponse call(GuardedHttp http, String url, Map<String, String> headers) {
    return http.get(URI.create(url), headers, TIMEOUT, "the relay")
        .orTimeout(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)
        .join();
  }
}
