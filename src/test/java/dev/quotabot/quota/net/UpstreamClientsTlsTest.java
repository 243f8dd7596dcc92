package dev.quotabot.quota.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.LocalTls;
import dev.quotabot.support.SocketReads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link UpstreamClients} over https against a local server whose certificate names {@code
 * localhost} and {@code 127.0.0.1}. The guarded client trusts exactly that certificate (or, as in
 * production, the JVM's trust store) and keeps every other check, so these show that the host name
 * is verified and sent as SNI on the connection to the checked address.
 */
final class UpstreamClientsTlsTest {
  private static final String KEY = "sk-tlstestkey0123456789abcdef";

  @RegisterExtension
  static final WireMockExtension relay =
      WireMockExtension.newInstance()
          .options(LocalTls.wireMockHttps().bindAddress("127.0.0.1"))
          .build();

  @AutoClose private final NetHarness clients = new NetHarness();

  @BeforeEach
  void stub() {
    relay.stubFor(get("/api/status").willReturn(aResponse().withStatus(200).withBody("{}")));
  }

  @Test
  void callsHttpsWhenTheCertificateNamesTheHost() {
    // GIVEN a relay at https://localhost whose certificate names localhost
    UpstreamHttp http = guarded(true);

    // WHEN it is called
    UpstreamResponse response =
        call(http, "https://localhost:" + relay.getHttpsPort() + "/api/status");

    // THEN the answer comes back and the key reached the relay
    assertNull(response.failure(), String.valueOf(response.failureText()));
    assertEquals(200, response.status());
    relay.verify(
        getRequestedFor(urlEqualTo("/api/status"))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void refusesACertificateForAnotherName() {
    // GIVEN relay.example resolving to the same server, whose certificate does not name it
    UpstreamHttp http = guarded(true);

    // WHEN it is called
    UpstreamResponse response =
        call(http, "https://relay.example:" + relay.getHttpsPort() + "/api/status");

    // THEN the handshake fails on the name, and no request (no key) was sent
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "The certificate of the relay is not trusted or not valid for relay.example.",
        String.valueOf(response.failureText()));
    relay.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void productionTrustStoreRefusesASelfSignedCertificate() {
    // GIVEN the JVM's default trust store (as in production)
    UpstreamHttp http = guarded(false);

    // WHEN a server with a self-signed certificate is called
    UpstreamResponse response =
        call(http, "https://localhost:" + relay.getHttpsPort() + "/api/status");

    // THEN it is refused before any request
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "The certificate of the relay is not trusted or not valid for localhost.",
        String.valueOf(response.failureText()));
    relay.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void sendsTheHostNameAsSniButNotForAnIpAddress() throws Exception {
    // GIVEN a TLS server that records the SNI names it is offered
    List<String> offered = new CopyOnWriteArrayList<>();
    try (SSLServerSocket server = sniRecordingServer(offered)) {
      UpstreamHttp http = guarded(true);
      int port = server.getLocalPort();

      // WHEN it is called by name (resolving to it) and by IP address
      UpstreamResponse byName = call(http, "https://relay.example:" + port + "/");
      UpstreamResponse byAddress = call(http, "https://127.0.0.1:" + port + "/");

      // THEN only the name was offered as SNI (its certificate names no relay.example, so that
      // call ends in the handshake; the address verifies)
      assertEquals(ProbeStatus.NETWORK_ERROR, byName.failure());
      assertEquals(200, byAddress.status(), String.valueOf(byAddress.failureText()));
      assertEquals(List.of("relay.example", "(none)"), offered);
    }
  }

  /**
   * The guarded client, loopback allowed, every name resolving to loopback.
   *
   * @param trustLocal trust only {@link LocalTls}'s certificate; else the JVM's trust store
   */
  private UpstreamHttp guarded(boolean trustLocal) {
    UpstreamClients.Builder settings = NetHarness.loopback();
    return clients.guarded(trustLocal ? LocalTls.trustingLocal(settings) : settings);
  }

  private SSLServerSocket sniRecordingServer(List<String> offered) throws IOException {
    SSLContext context = LocalTls.serverContext();
    SSLServerSocket server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                  List<String> names = new CopyOnWriteArrayList<>();
                  SSLParameters parameters = socket.getSSLParameters();
                  parameters.setSNIMatchers(List.of(recording(names, offered)));
                  socket.setSSLParameters(parameters);
                  socket.startHandshake();
                  if (names.isEmpty()) {
                    offered.add("(none)");
                  }
                  SocketReads.head(socket);
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException closedOrFailed) {
                  // next connection
                }
              }
            },
            "sni-recording-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** Records each name offered, before the handshake can fail on the certificate. */
  private static SNIMatcher recording(List<String> names, List<String> offered) {
    return new SNIMatcher(0) {
      @Override
      public boolean matches(SNIServerName serverName) {
        String name = ((SNIHostName) serverName).getAsciiName();
        names.add(name);
        offered.add(name);
        return true;
      }
    };
  }

  private static UpstreamResponse call(UpstreamHttp http, String url) {
    return NetHarness.get(http, url, Map.of("Authorization", "Bearer " + KEY));
  }
}
