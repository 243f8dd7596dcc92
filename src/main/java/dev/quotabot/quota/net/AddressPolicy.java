package dev.quotabot.quota.net;

import dev.quotabot.quota.Text;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which resolved addresses a user-supplied upstream may have. Only public unicast addresses pass;
 * the rest are refused with the {@link Rule} they break.
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:AABB:CCDD::}) are judged
 * by the IPv4 address they carry, so {@code ::ffff:127.0.0.1} is loopback.
 *
 * <p>{@code upstream.allow_private_addresses=true} lifts only the rules for networks where a
 * self-hosted relay can live (loopback, private, shared/CGNAT, unique-local, benchmarking).
 * Link-local ranges and the cloud metadata addresses stay refused whatever the setting: cloud
 * providers serve instance credentials there, and no relay is ever reached that way. Addresses that
 * cannot be a unicast TCP peer (unspecified, multicast, broadcast, reserved) or are never assigned
 * to a host (documentation) also stay refused.
 */
public final class AddressPolicy {

  /** A rule an address breaks, with the words used in a refusal. */
  public enum Rule {
    UNSPECIFIED(Text.of("net.rule_unspecified"), false),
    LOOPBACK(Text.of("net.rule_loopback"), true),
    PRIVATE(Text.of("net.rule_private"), true),
    SHARED(Text.of("net.rule_shared"), true),
    BENCHMARKING(Text.of("net.rule_benchmarking"), true),
    UNIQUE_LOCAL(Text.of("net.rule_unique_local"), true),
    LINK_LOCAL(Text.of("net.rule_link_local"), false),
    METADATA(Text.of("net.rule_metadata"), false),
    MULTICAST(Text.of("net.rule_multicast"), false),
    BROADCAST(Text.of("net.rule_broadcast"), false),
    RESERVED(Text.of("net.rule_reserved"), false),
    DOCUMENTATION(Text.of("net.rule_documentation"), false);

    private final Text description;
    private final boolean privateNetwork;

    Rule(Text description, boolean privateNetwork) {
      this.description = description;
      this.privateNetwork = privateNetwork;
    }

    /** "a private address": fits "relay.example resolves to …" in each language. */
    public Text description() {
      return description;
    }

    /** Whether {@code upstream.allow_private_addresses=true} lifts this rule. */
    public boolean liftedByAllowPrivate() {
      return privateNetwork;
    }
  }

  private static final byte[] AWS_METADATA_V6 = {
    (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  private final boolean allowPrivate;

  /**
   * @param allowPrivate {@code upstream.allow_private_addresses}: also allow loopback and private
   *     networks (tests, fully private deployments)
   */
  public AddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** The rule {@code address} breaks under this policy, or empty when it may be called. */
  public Optional<Rule> refusal(InetAddress address) {
    return classify(address).filter(rule -> !(allowPrivate && rule.liftedByAllowPrivate()));
  }

  /** The special range {@code address} belongs to, or empty for a public unicast address. */
  public static Optional<Rule> classify(InetAddress address) {
    byte[] bytes = address.getAddress();
    return Optional.ofNullable(bytes.length == 4 ? ipv4(toInt(bytes, 0)) : ipv6(bytes));
  }

  private static @Nullable Rule ipv4(int a) {
    if (a == ip(169, 254, 169, 254) || a == ip(100, 100, 100, 200) || a == ip(192, 0, 0, 192)) {
      return Rule.METADATA; // AWS/GCP/Azure and most others, Alibaba Cloud, Oracle Cloud
    }
    if (a == 0xffffffff) {
      return Rule.BROADCAST;
    }
    if (in(a, 0, 0, 0, 0, 8)) {
      return Rule.UNSPECIFIED; // "this network"; 0.0.0.0 reaches the local host on Linux
    }
    if (in(a, 127, 0, 0, 0, 8)) {
      return Rule.LOOPBACK;
    }
    if (in(a, 10, 0, 0, 0, 8) || in(a, 172, 16, 0, 0, 12) || in(a, 192, 168, 0, 0, 16)) {
      return Rule.PRIVATE;
    }
    if (in(a, 100, 64, 0, 0, 10)) {
      return Rule.SHARED;
    }
    if (in(a, 169, 254, 0, 0, 16)) {
      return Rule.LINK_LOCAL;
    }
    if (in(a, 198, 18, 0, 0, 15)) {
      return Rule.BENCHMARKING; // also the "fake IP" range of some local proxies
    }
    if (in(a, 192, 0, 2, 0, 24) || in(a, 198, 51, 100, 0, 24) || in(a, 203, 0, 113, 0, 24)) {
      return Rule.DOCUMENTATION;
    }
    if (in(a, 224, 0, 0, 0, 4)) {
      return Rule.MULTICAST;
    }
    if (in(a, 240, 0, 0, 0, 4) || in(a, 192, 0, 0, 0, 24)) {
      return Rule.RESERVED; // future use; IETF protocol assignments
    }
    return null;
  }

  private static @Nullable Rule ipv6(byte[] b) {
    if (Arrays.equals(b, AWS_METADATA_V6)) {
      return Rule.METADATA;
    }
    if (zeros(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
      return b[15] == 0 ? Rule.UNSPECIFIED : Rule.LOOPBACK;
    }
    if (zeros(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      return ipv4(toInt(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
    }
    if (zeros(b, 0, 12)) {
      return ipv4(toInt(b, 12)); // IPv4-compatible ::a.b.c.d (deprecated)
    }
    if (prefix(b, 0x0064, 0xff9b) && zeros(b, 4, 12)) {
      return ipv4(toInt(b, 12)); // NAT64 well-known prefix 64:ff9b::/96
    }
    if (prefix(b, 0x0064, 0xff9b) && b[4] == 0 && b[5] == 1) {
      return Rule.PRIVATE; // NAT64 local-use 64:ff9b:1::/48
    }
    if ((b[0] & 0xff) == 0x20 && b[1] == 0x02) {
      return ipv4(toInt(b, 2)); // 6to4 2002:AABB:CCDD::/48
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0xff) {
      return Rule.MULTICAST;
    }
    if (first == 0xfe && (second & 0xc0) == 0x80) {
      return Rule.LINK_LOCAL; // fe80::/10
    }
    if (first == 0xfe && (second & 0xc0) == 0xc0) {
      return Rule.PRIVATE; // fec0::/10, the deprecated site-local range
    }
    if ((first & 0xfe) == 0xfc) {
      return Rule.UNIQUE_LOCAL; // fc00::/7
    }
    if (prefix(b, 0x2001, 0x0db8) || (first == 0x3f && (second & 0xf0) == 0xf0)) {
      return Rule.DOCUMENTATION; // 2001:db8::/32, 3fff::/20
    }
    if (prefix(b, 0x0100, 0x0000) && zeros(b, 4, 8)) {
      return Rule.RESERVED; // 100::/64, discard only
    }
    return null;
  }

  private static int ip(int a, int b, int c, int d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
  }

  private static boolean in(int address, int a, int b, int c, int d, int bits) {
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    return (address & mask) == (ip(a, b, c, d) & mask);
  }

  private static int toInt(byte[] bytes, int from) {
    return ((bytes[from] & 0xff) << 24)
        | ((bytes[from + 1] & 0xff) << 16)
        | ((bytes[from + 2] & 0xff) << 8)
        | (bytes[from + 3] & 0xff);
  }

  private static boolean zeros(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean prefix(byte[] b, int firstGroup, int secondGroup) {
    return ((b[0] & 0xff) << 8 | (b[1] & 0xff)) == firstGroup
        && ((b[2] & 0xff) << 8 | (b[3] & 0xff)) == secondGroup;
  }
}
