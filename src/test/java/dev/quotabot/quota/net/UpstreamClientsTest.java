package dev.quotabot.quota.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.ScriptedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What both of {@link UpstreamClients}' clients promise whoever gave the address: a redirect is
 * returned, never followed (it could point anywhere, the metadata address included), and a proxy
 * the JVM is told about is not used (it would take the call past the address checks).
 */
final class UpstreamClientsTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private UpstreamClients clients;

  @ParameterizedTest(name = "{0} client")
  @ValueSource(strings = {"trusted", "guarded"})
  void returnsARedirectWithoutFollowingIt(String which) {
    // GIVEN an upstream that redirects to the metadata address
    upstream.stubFor(
        get("/api/status")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

    // WHEN it is called
    clients = clients();
    UpstreamResponse response = call(which, "/api/status");

    // THEN the 302 is the answer and only the one request was made
    assertNull(response.failure(), String.valueOf(response.failureText()));
    assertEquals(302, response.status());
    assertEquals("http://169.254.169.254/latest/meta-data/", response.header("Location"));
    upstream.verify(exactly(1), anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "{0} client")
  @ValueSource(strings = {"trusted", "guarded"})
  void ignoresTheJvmsProxySetting(String which) throws Exception {
    // GIVEN the JVM told to send every call through a proxy
    upstream.stubFor(get("/api/status").willReturn(aResponse().withStatus(200).withBody("{}")));
    ProxySelector previous = ProxySelector.getDefault();
    try (ScriptedServer proxy = new ScriptedServer(ScriptedServer::awaitClose)) {
      ProxySelector.setDefault(everythingThrough(proxy.port()));

      // WHEN clients made now call it
      clients = clients();
      UpstreamResponse response = call(which, "/api/status");

      // THEN it went straight to the upstream
      assertEquals(200, response.status(), String.valueOf(response.failureText()));
      assertEquals(0, proxy.accepted());
      upstream.verify(exactly(1), anyRequestedFor(anyUrl()));
    } finally {
      ProxySelector.setDefault(previous);
    }
  }

  private static UpstreamClients clients() {
    return NetHarness.loopback().build();
  }

  private UpstreamResponse call(String which, String path) {
    UpstreamHttp http =
        which.equals("trusted") ? clients.trusted(NetHarness.CAP) : clients.guarded(NetHarness.CAP);
    String host = which.equals("trusted") ? "127.0.0.1" : "relay.example";
    return NetHarness.get(
        http,
        "http://" + host + ":" + upstream.getPort() + path,
        Map.of(),
        NetHarness.TIMEOUT,
        "the upstream");
  }

  private static ProxySelector everythingThrough(int port) {
    Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", port));
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // nothing to learn
      }
    };
  }
}
