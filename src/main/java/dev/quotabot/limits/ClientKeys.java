package dev.quotabot.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Whose bucket a request takes from: an IPv4 client by its address, an IPv6 client by its /64
 * prefix (one host usually holds a whole /64 and can rotate through it). This key is all a shared
 * bucket table holds about a client.
 */
public final class ClientKeys {
  private static final int IPV6_PREFIX_BYTES = 8;

  private ClientKeys() {}

  public static String of(@Nullable InetAddress client) {
    if (client == null) {
      return "unknown";
    }
    if (client instanceof Inet6Address) {
      byte[] prefix = new byte[IPV6_PREFIX_BYTES];
      System.arraycopy(client.getAddress(), 0, prefix, 0, IPV6_PREFIX_BYTES);
      return HexFormat.of().formatHex(prefix) + "/64";
    }
    return client.getHostAddress();
  }
}
