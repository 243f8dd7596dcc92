package dev.quotabot.quota.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.net.AddressPolicy.Rule;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every special range, its edges, and the IPv6 forms that carry an IPv4 address. */
final class AddressPolicyTest {
  private final AddressPolicy strict = new AddressPolicy(false);
  private final AddressPolicy allowPrivate = new AddressPolicy(true);

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "0.0.0.0, UNSPECIFIED",
    "0.255.255.255, UNSPECIFIED",
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "10.0.0.0, PRIVATE",
    "10.0.0.5, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.0, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.0.1, PRIVATE",
    "192.168.255.255, PRIVATE",
    "100.64.0.0, SHARED",
    "100.127.255.255, SHARED",
    "169.254.0.1, LINK_LOCAL",
    "169.254.255.255, LINK_LOCAL",
    "169.254.169.254, METADATA",
    "100.100.100.200, METADATA",
    "192.0.0.192, METADATA",
    "198.18.0.1, BENCHMARKING",
    "198.19.255.255, BENCHMARKING",
    "192.0.2.1, DOCUMENTATION",
    "198.51.100.7, DOCUMENTATION",
    "203.0.113.9, DOCUMENTATION",
    "224.0.0.1, MULTICAST",
    "239.255.255.255, MULTICAST",
    "240.0.0.1, RESERVED",
    "255.255.255.254, RESERVED",
    "192.0.0.8, RESERVED",
    "255.255.255.255, BROADCAST",
    "::, UNSPECIFIED",
    "::1, LOOPBACK",
    "fe80::1, LINK_LOCAL",
    "febf:ffff::1, LINK_LOCAL",
    "fec0::1, PRIVATE",
    "fc00::1, UNIQUE_LOCAL",
    "fdff:ffff::1, UNIQUE_LOCAL",
    "fd00:ec2::254, METADATA",
    "ff02::1, MULTICAST",
    "ff0e::101, MULTICAST",
    "2001:db8::1, DOCUMENTATION",
    "3fff:fff::1, DOCUMENTATION",
    "100::1, RESERVED",
    "::127.0.0.1, LOOPBACK",
    "::10.1.2.3, PRIVATE",
    "::169.254.169.254, METADATA",
    "64:ff9b::7f00:1, LOOPBACK",
    "64:ff9b::a9fe:a9fe, METADATA",
    "64:ff9b:1::1, PRIVATE",
    "2002:7f00:1::1, LOOPBACK",
    "2002:c0a8:101::1, PRIVATE",
  })
  void classifiesSpecialRanges(String literal, Rule expected) throws UnknownHostException {
    // GIVEN an address in a special range
    InetAddress address = InetAddress.getByName(literal);

    // WHEN it is classified THEN the rule is named and a strict policy refuses it
    assertEquals(Optional.of(expected), AddressPolicy.classify(address));
    assertEquals(Optional.of(expected), strict.refusal(address));
  }

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(
      strings = {
        "1.1.1.1",
        "8.8.8.8",
        "9.255.255.255",
        "11.0.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "126.255.255.255",
        "128.0.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.0.1.255",
        "192.0.3.0",
        "192.167.255.255",
        "192.169.0.0",
        "198.17.255.255",
        "198.20.0.0",
        "203.0.112.255",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "2001:4860:4860::8888",
        "fbff:ffff::1",
        "2a00:1450:4001::1",
        "2001:db9::1",
        "64:ff9b::808:808",
        "2002:808:808::1",
        "::ffff:8.8.8.8",
      })
  void letsPublicAddressesThrough(String literal) throws UnknownHostException {
    // GIVEN a public unicast address, some right next to a special range
    InetAddress address = InetAddress.getByName(literal);

    // WHEN it is checked THEN nothing is refused
    assertEquals(Optional.empty(), AddressPolicy.classify(address));
    assertEquals(Optional.empty(), strict.refusal(address));
  }

  @ParameterizedTest(name = "::ffff:{0} is {1}")
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "10.0.0.5, PRIVATE",
    "169.254.169.254, METADATA",
    "0.0.0.0, UNSPECIFIED",
    "224.0.0.1, MULTICAST",
  })
  void judgesIpv4MappedIpv6ByTheIpv4AddressItCarries(String ipv4, Rule expected)
      throws UnknownHostException {
    // GIVEN ::ffff:a.b.c.d kept as an IPv6 address (the JDK's parser would turn it into IPv4)
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, bytes, 12, 4);
    InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);
    assertInstanceOf(Inet6Address.class, mapped);

    // WHEN it is checked THEN the IPv4 rule applies
    assertEquals(Optional.of(expected), strict.refusal(mapped));
  }

  @Test
  void parsedMappedLiteralIsRefusedToo() throws UnknownHostException {
    // GIVEN the text form a user could put in a URL
    InetAddress parsed = InetAddress.getByName("::ffff:127.0.0.1");

    // WHEN / THEN it is loopback, whichever class the JDK chose
    assertEquals(Optional.of(Rule.LOOPBACK), strict.refusal(parsed));
  }

  @ParameterizedTest(name = "allow_private lets {0} through")
  @ValueSource(
      strings = {
        "127.0.0.1",
        "::1",
        "10.0.0.5",
        "172.16.0.1",
        "192.168.1.1",
        "100.64.0.1",
        "198.18.0.1",
        "fd12:3456::1"
      })
  void allowPrivateLiftsPrivateNetworkRules(String literal) throws UnknownHostException {
    // GIVEN upstream.allow_private_addresses=true and an address on a private network
    InetAddress address = InetAddress.getByName(literal);

    // WHEN / THEN it may be called (a strict policy refuses it)
    assertEquals(Optional.empty(), allowPrivate.refusal(address));
    assertTrue(strict.refusal(address).isPresent());
  }

  @ParameterizedTest(name = "allow_private still refuses {0}")
  @ValueSource(
      strings = {
        "169.254.169.254",
        "fd00:ec2::254",
        "100.100.100.200",
        "169.254.170.2",
        "fe80::1",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "ff02::1",
        "255.255.255.255",
        "240.0.0.1",
        "192.0.2.1",
        "2001:db8::1"
      })
  void allowPrivateKeepsMetadataLinkLocalAndNonUnicastRefused(String literal)
      throws UnknownHostException {
    // GIVEN upstream.allow_private_addresses=true and an address no relay can have
    InetAddress address = InetAddress.getByName(literal);

    // WHEN / THEN it is still refused
    assertTrue(allowPrivate.refusal(address).isPresent(), literal);
  }

  @Test
  void everyRuleHasWordsForTheRefusal() {
    for (Rule rule : Rule.values()) {
      assertTrue(rule.description().english().matches("(a|an|the) .+ address"), rule.name());
    }
  }
}
