package dev.quotabot.quota.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A user-supplied host that resolves to (or is) an address the {@link AddressPolicy} refuses. An
 * {@link UnknownHostException} because that is what OkHttp lets a {@code Dns} throw; its message is
 * written for the person who gave the address (it never holds a header, so never a key).
 */
final class RefusedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  RefusedAddressException(
      String host, boolean literal, InetAddress address, AddressPolicy.Rule rule) {
    super(describe(host, literal, address, rule));
  }

  private static String describe(
      String host, boolean literal, InetAddress address, AddressPolicy.Rule rule) {
    String shown = address.getHostAddress();
    String subject = host + (literal ? " is " : " resolves to ");
    String detail = literal && host.equals(shown) ? "" : " (" + shown + ")";
    return subject
        + rule.description()
        + detail
        + ", which this server does not call: give the relay's public address.";
  }
}
