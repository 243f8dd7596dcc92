package dev.quotabot.quota.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.Await;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.Ports;
import dev.quotabot.support.ScriptedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UpstreamFailures}, the one mapping from a failed call to what a person is told, through
 * real failures on the guarded client: answers that are not HTTP, heads that never end, resets,
 * refused connections, names that do not resolve. The texts are our own words: an upstream that
 * echoes the key it was sent never gets it into a text or a log. (Refused addresses: {@link
 * AddressGuardTest}; certificates: {@link UpstreamClientsTlsTest}; the deadline: {@link
 * UpstreamHttpTest}.)
 */
final class UpstreamFailuresTest {
  private static final String KEY = "sk-upstreamfailures-0123456789abcdef";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY);
  private static final String ENDED_IN_THE_HEAD =
      "The connection to the relay failed: it ended before the answer's status line and headers"
          + " were complete, or they were longer than 256 KB.";

  @RegisterExtension static final WireMockExtension relay = LoopbackWireMock.extension();

  @AutoClose private final NetHarness clients = new NetHarness();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "HTTP/1.1 abc %s\r\n\r\n",
        "FOO 200 OK %s\r\n\r\n",
        "SSH-2.0-OpenSSH_9.6 %s\r\n",
        "HTTP/2 200 %s\r\n\r\n",
        "HTTP/1.1 20 OK %s\r\n\r\n",
        "HTTP/1.1 200OK %s\r\n\r\n",
      })
  void anAnswerThatIsNotHttpIsAMalformedResponseThatQuotesNothing(String answer) throws Exception {
    // GIVEN an upstream that answers something else than HTTP, quoting the key it was sent
    try (ScriptedServer server =
        new ScriptedServer(
            (socket, request) ->
                ScriptedServer.send(
                    socket, String.format(answer, request.header("Authorization"))))) {

      // WHEN it is called with a key
      UpstreamResponse response = call(guarded(), "http://relay.example:" + server.port() + "/");

      // THEN a network error that says so in its own words, never the upstream's
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(
          "the relay sent a malformed HTTP response (not a valid status line or headers).",
          String.valueOf(response.failureText()));
    }
  }

  @Test
  void headersLongerThanTheLimitAreRefusedPromptlyAndTheConnectionClosed() throws Exception {
    // GIVEN an upstream that sends 10 MB of header lines
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              OutputStream out = socket.getOutputStream();
              out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
              String filler = "a".repeat(1000);
              for (int sent = 0, i = 0; sent < 10 * 1024 * 1024; i++) {
                byte[] line =
                    ("X-Pad-" + i + ": " + filler + "\r\n").getBytes(StandardCharsets.US_ASCII);
                out.write(line);
                sent += line.length;
              }
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            })) {

      // WHEN it is called
      long started = System.nanoTime();
      UpstreamResponse response = call(guarded(), "http://relay.example:" + server.port() + "/");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      // THEN it is refused at the limit, at once, and the upstream is told to stop
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(ENDED_IN_THE_HEAD, String.valueOf(response.failureText()));
      assertTrue(tookMillis < 3000, "took " + tookMillis + " ms");
      Await.until("the upstream's writes fail", () -> server.clientGone() == 1);
    }
  }

  @ParameterizedTest(name = "closes after \"{0}\"")
  @ValueSource(strings = {"", "HTTP/1.1 20", "HTTP/1.1 200 OK\r\nX-Partial: b\r\n"})
  void anAnswerThatEndsBeforeItsHeadersDidSaysSo(String partial) throws Exception {
    // GIVEN an upstream that closes the connection before its status line and headers are complete
    try (ScriptedServer server =
        new ScriptedServer(socket -> ScriptedServer.send(socket, partial))) {

      // WHEN it is called
      UpstreamResponse response = call(guarded(), "http://relay.example:" + server.port() + "/");

      // THEN the failure says the answer ended early
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(ENDED_IN_THE_HEAD, String.valueOf(response.failureText()));
    }
  }

  @Test
  void aResetConnectionIsANetworkError() {
    // GIVEN a relay that resets the connection
    relay.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    // WHEN it is called
    UpstreamResponse response =
        call(guarded(), "http://relay.example:" + relay.getPort() + "/reset");

    // THEN it is a network error that says the connection failed
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertTrue(
        response.failureText().english().startsWith("The connection to the relay failed: it "),
        String.valueOf(response.failureText()));
  }

  @Test
  void aRefusedConnectionIsANetworkError() {
    // GIVEN a port nobody listens on
    int port = Ports.unused();

    // WHEN it is called THEN the failure says so
    UpstreamResponse response = call(guarded(), "http://relay.example:" + port + "/");
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals("Could not connect to the relay.", String.valueOf(response.failureText()));
  }

  @Test
  void aConnectionAttemptThatTimesOutNamesTheConnectTimeout() {
    // GIVEN sockets whose connection attempt is never answered, and a 300 ms connect timeout
    SocketFactory unanswered =
        new SocketFactory() {
          @Override
          public Socket createSocket() {
            return new Socket() {
              @Override
              public void connect(SocketAddress endpoint, int timeout) throws IOException {
                try {
                  Thread.sleep(timeout);
                } catch (InterruptedException stopped) {
                  Thread.currentThread().interrupt();
                }
                throw new SocketTimeoutException("Connect timed out");
              }
            };
          }

          @Override
          public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException();
          }
        };
    UpstreamHttp http =
        clients.guarded(
            NetHarness.loopback().connectTimeout(Duration.ofMillis(300)).sockets(unanswered));

    // WHEN it is called with a longer call timeout
    UpstreamResponse response = call(http, "http://relay.example:" + relay.getPort() + "/");

    // THEN it is a timeout that names the connection, not the answer
    assertEquals(ProbeStatus.TIMEOUT, response.failure());
    assertEquals(
        "Could not connect to the relay within 300 ms.", String.valueOf(response.failureText()));
  }

  @Test
  void anUnresolvableNameIsANetworkErrorNamingTheHost() {
    UpstreamHttp http = unresolving();

    UpstreamResponse response = call(http, "http://no-such-relay.invalid/");

    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "The host name no-such-relay.invalid of the relay could not be resolved.",
        String.valueOf(response.failureText()));
  }

  @Test
  void aFailureIsWordedInTheReadersLanguage() {
    // GIVEN a name that does not resolve, on a call to an upstream named by its brand
    UpstreamHttp http = unresolving();

    // WHEN it is called
    UpstreamResponse response =
        NetHarness.get(
            http, "http://no-such-relay.invalid/", AUTH, NetHarness.TIMEOUT, "Example Relay");

    // THEN a Chinese reader is told in Chinese, the name and the host as they are
    assertEquals(
        "无法解析 Example Relay 的主机名 no-such-relay.invalid。",
        response.failureText().in(Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void logsAndFailureTextsNeverHoldTheKey() throws Exception {
    // GIVEN every kind of outcome, upstreams that echo the key, and logs captured at DEBUG
    relay.stubFor(
        get("/denied")
            .willReturn(
                aResponse().withStatus(401).withBody("{\"error\":\"bad key " + KEY + "\"}")));
    try (LogCapture logs = LogCapture.open();
        ScriptedServer echo =
            new ScriptedServer(
                (socket, request) ->
                    ScriptedServer.send(
                        socket, "HTTP/1.1 " + request.header("Authorization") + "\r\n\r\n"))) {
      UpstreamHttp strict =
          clients.guarded(
              UpstreamClients.builder()
                  .resolver(host -> InetAddress.getAllByName("10.0.0.5"))
                  .sockets(SocketFactory.getDefault()));
      UpstreamHttp loopback = guarded();

      // WHEN each is called
      List<UpstreamResponse> responses =
          List.of(
              call(strict, "http://r.example/"),
              call(loopback, "http://r.example:" + relay.getPort() + "/denied"),
              call(loopback, "http://r.example:" + echo.port() + "/"),
              call(loopback, "http://r.example:" + Ports.unused() + "/"),
              call(loopback, "http://r.example/", Map.of("Authorization", KEY + "\n")));

      // THEN no log line and no failure text holds the key
      assertFalse(logs.text().contains(KEY.substring(5)), logs.text());
      for (UpstreamResponse response : responses) {
        assertFalse(String.valueOf(response.failureText()).contains(KEY.substring(5)));
      }
    }
  }

  /** The guarded client, loopback allowed, every name resolving to loopback. */
  private UpstreamHttp guarded() {
    return clients.guarded(NetHarness.loopback());
  }

  private static UpstreamResponse call(UpstreamHttp http, String url) {
    return call(http, url, AUTH);
  }

  private static UpstreamResponse call(UpstreamHttp http, String url, Map<String, String> headers) {
    return NetHarness.get(http, url, headers);
  }

  /** A guarded client whose resolver knows no name, as a DNS answering NXDOMAIN. */
  private UpstreamHttp unresolving() {
    return clients.guarded(
        UpstreamClients.builder()
            .resolver(
                host -> {
                  throw new UnknownHostException(host + ": Name or service not known");
                }));
  }
}
