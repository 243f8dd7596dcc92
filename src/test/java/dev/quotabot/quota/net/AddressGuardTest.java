package dev.quotabot.quota.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.RecordingSockets;
import dev.quotabot.support.ScriptedServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link AddressGuard} on the guarded client: what is refused (before any connection), that the
 * checked address is the one connected to, and that a name is looked up once per connection. The
 * test's resolver stands in for DNS; its sockets record where the client connects.
 */
final class AddressGuardTest {
  private static final Map<String, String> AUTH =
      Map.of("Authorization", "Bearer sk-addressguardkey0123456789");

  @RegisterExtension static final WireMockExtension relay = LoopbackWireMock.extension();

  @AutoClose private final NetHarness clients = new NetHarness();
  private final AtomicInteger lookups = new AtomicInteger();
  private RecordingSockets sockets = new RecordingSockets();

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
    // GIVEN a relay name that resolves to a forbidden address
    InetAddress resolved = InetAddress.getByName(address);
    UpstreamHttp http = guarded(false, host -> new InetAddress[] {resolved});

    // WHEN it is called
    UpstreamResponse response = call(http, "http://relay.example:3000/api/status");

    // THEN it is refused with the rule and the address, after one lookup and no connection
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        "relay.example resolves to "
            + rule
            + " ("
            + resolved.getHostAddress()
            + "), which this server does not call: give the relay's public address.",
        String.valueOf(response.failureText()));
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
      UpstreamHttp http = guarded(false, host -> new InetAddress[] {address});

      // WHEN it is called
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      // THEN it is refused as loopback and the server saw no connection
      assertEquals(
          "relay.example resolves to a loopback address (0:0:0:0:0:ffff:7f00:1), which this"
              + " server does not call: give the relay's public address.",
          String.valueOf(response.failureText()));
      assertEquals(0, server.accepted());
      assertEquals(List.of(), sockets.targets());
    }
  }

  @Test
  void refusesANameResolvingToLoopbackWhereARealServerListens() throws Exception {
    // GIVEN a server on loopback and a name that resolves there
    try (ScriptedServer server = new ScriptedServer(socket -> {})) {
      UpstreamHttp http = guarded(false, host -> InetAddress.getAllByName("127.0.0.1"));

      // WHEN it is called
      UpstreamResponse response = call(http, "http://relay.example:" + server.port() + "/");

      // THEN the server never saw a connection
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(0, server.accepted());
    }
  }

  /** OkHttp connects to a host written as an address without asking its Dns: it is checked too. */
  @ParameterizedTest(name = "{0} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:PORT/ | 127.0.0.1 is a loopback address, which this server does not call",
        "http://[::1]:PORT/ | ::1 is a loopback address (0:0:0:0:0:0:0:1), which this server",
        "http://[::ffff:127.0.0.1]:PORT/ | 127.0.0.1 is a loopback address, which this server",
        "http://2130706433:PORT/ | 2130706433 is a loopback address (127.0.0.1), which this server",
      })
  void refusesHostsWrittenAsAddresses(String url, String expected) throws Exception {
    // GIVEN a URL naming a loopback address directly, and the production resolver
    try (ScriptedServer server = new ScriptedServer(socket -> {})) {
      UpstreamHttp http = guarded(false, InetAddress::getAllByName);

      // WHEN it is called
      UpstreamResponse response = call(http, url.replace("PORT", String.valueOf(server.port())));

      // THEN it is refused and the server saw no connection
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(
          true,
          String.valueOf(response.failureText()).startsWith(expected),
          String.valueOf(response.failureText()));
      assertEquals(0, server.accepted());
      assertEquals(List.of(), sockets.targets());
    }
  }

  @ParameterizedTest(name = "{0} + {1}: every address is checked")
  @CsvSource({
    "93.184.215.14, 10.0.0.5, 10.0.0.5",
    "10.0.0.5, 93.184.215.14, 10.0.0.5",
    "2606:4700::1, ::1, 0:0:0:0:0:0:0:1"
  })
  void refusesANameWithOnePrivateAddressAmongPublicOnes(String first, String second, String refused)
      throws Exception {
    // GIVEN a name with a public and a private address
    InetAddress[] addresses = {InetAddress.getByName(first), InetAddress.getByName(second)};
    UpstreamHttp http = guarded(false, host -> addresses);

    // WHEN it is called
    UpstreamResponse response = call(http, "http://relay.example/");

    // THEN it is refused, naming the private one, and nothing was connected to
    assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
    assertEquals(
        true,
        response.failureText().english().startsWith("relay.example resolves to a "),
        String.valueOf(response.failureText()));
    assertEquals(
        true,
        response.failureText().english().contains("(" + refused + ")"),
        String.valueOf(response.failureText()));
    assertEquals(List.of(), sockets.targets());
  }

  @Test
  void allowingPrivateAddressesLetsItCallARelayOnLoopback() {
    // GIVEN upstream.allow_private_addresses and a relay on loopback
    relay.stubFor(get("/api/status").willReturn(aResponse().withStatus(200).withBody("{}")));
    UpstreamHttp http = guarded(true, host -> InetAddress.getAllByName("127.0.0.1"));

    // WHEN it is called
    UpstreamResponse response =
        call(http, "http://relay.example:" + relay.getPort() + "/api/status");

    // THEN the relay answers, reached at the resolved address
    assertNull(response.failure(), String.valueOf(response.failureText()));
    assertEquals(200, response.status());
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", relay.getPort())), sockets.targets());
  }

  @Test
  void connectsToTheCheckedAddressNotToASecondLookup() throws Exception {
    // GIVEN a rebinding name: public on the first lookup, loopback on the next ones; the test's
    // sockets record the address asked for and carry the connection to the local relay, which
    // closes each connection after its answer (so the next call must connect again)
    relay.stubFor(
        get("/api/status")
            .willReturn(
                aResponse().withStatus(200).withHeader("Connection", "close").withBody("{}")));
    InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    Resolver rebinding = host -> new InetAddress[] {lookups.get() == 1 ? publicAddress : loopback};
    sockets = new RecordingSockets(target -> new InetSocketAddress(loopback, target.getPort()));
    UpstreamHttp http = guarded(false, rebinding);

    // WHEN it is called
    UpstreamResponse first = call(http, "http://relay.example:" + relay.getPort() + "/api/status");

    // THEN the one lookup's (checked) address is the one connected to
    assertEquals(200, first.status(), String.valueOf(first.failureText()));
    assertEquals(1, lookups.get());
    assertEquals(List.of(new InetSocketAddress(publicAddress, relay.getPort())), sockets.targets());

    // AND WHEN it is called again THEN the new (loopback) answer is checked and refused
    UpstreamResponse second = call(http, "http://relay.example:" + relay.getPort() + "/api/status");
    assertEquals(2, lookups.get());
    assertEquals(
        "relay.example resolves to a loopback address (127.0.0.1), which this server does not"
            + " call: give the relay's public address.",
        String.valueOf(second.failureText()));
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
    UpstreamHttp http = guarded(true, host -> addresses);

    // WHEN it is called
    UpstreamResponse response = call(http, "http://relay.example:" + relay.getPort() + "/ok");

    // THEN the second is used, after one lookup, and only those two were tried
    assertEquals(200, response.status(), String.valueOf(response.failureText()));
    assertEquals(1, lookups.get());
    assertEquals(
        List.of(
            new InetSocketAddress(addresses[0], relay.getPort()),
            new InetSocketAddress(addresses[1], relay.getPort())),
        sockets.targets());
  }

  private UpstreamHttp guarded(boolean allowPrivate, Resolver resolver) {
    Resolver counting =
        host -> {
          lookups.incrementAndGet();
          return resolver.resolve(host);
        };
    return clients.guarded(
        UpstreamClients.builder()
            .allowPrivateAddresses(allowPrivate)
            .resolver(counting)
            .sockets(sockets));
  }

  private static UpstreamResponse call(UpstreamHttp http, String url) {
    return NetHarness.get(http, url, AUTH);
  }
}
