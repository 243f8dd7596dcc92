package dev.quotabot.quota.net;

import dev.quotabot.quota.Text;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A user-supplied host that resolves to (or is) an address the {@link AddressPolicy} refuses. An
 * {@link UnknownHostException} because that is what OkHttp lets a {@code Dns} throw; its {@link
 * #text()} is written for the person who gave the address (it never holds a header, so never a
 * key), and its message is that text in English.
 */
final class RefusedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  private final transient Text text;

  RefusedAddressException(
      String host, boolean literal, InetAddress address, AddressPolicy.Rule rule) {
    this(describe(host, literal, address, rule));
  }

  private RefusedAddressException(Text text) {
    super(text.english());
    this.text = text;
  }

  /** Why the address is not called, to be worded in the reader's language. */
  Text text() {
    return text;
  }

  private static Text describe(
      String host, boolean literal, InetAddress address, AddressPolicy.Rule rule) {
    String shown = address.getHostAddress();
    if (!literal) {
      return Text.of(
          "net.name_refused", "host", host, "rule", rule.description(), "address", shown);
    }
    return host.equals(shown)
        ? Text.of("net.address_refused", "host", host, "rule", rule.description())
        : Text.of(
            "net.address_refused_as", "host", host, "rule", rule.description(), "address", shown);
  }
}
