package dev.quotabot.quota.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the client for user-supplied addresses reach only what {@link AddressPolicy} allows, and
 * nothing else: as its {@link Dns} it resolves a name once and returns its addresses only when
 * every one of them is allowed, so OkHttp connects to a checked address and never looks the name up
 * again (no DNS rebinding window); as an interceptor it checks hosts written as IP addresses, which
 * OkHttp connects to without asking its {@code Dns}.
 */
final class AddressGuard implements Dns, Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(AddressGuard.class);

  /** What OkHttp itself treats as an IP address rather than a name. */
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*|[0-9.]+");

  private final AddressPolicy policy;
  private final Resolver resolver;

  AddressGuard(AddressPolicy policy, Resolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    InetAddress[] resolved = resolver.resolve(hostname);
    if (resolved.length == 0) {
      throw new UnknownHostException("no addresses");
    }
    for (InetAddress address : resolved) {
      check(hostname, false, address);
    }
    return List.of(resolved);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String host = chain.request().url().host();
    if (LITERAL.matcher(host).matches()) {
      check(host, true, InetAddress.getByName(host));
    }
    return chain.proceed(chain.request());
  }

  private void check(String host, boolean literal, InetAddress address)
      throws RefusedAddressException {
    Optional<AddressPolicy.Rule> refusal = policy.refusal(address);
    if (refusal.isPresent()) {
      LOG.debug("Not calling {}: {} is {}", host, address, refusal.get());
      throw new RefusedAddressException(host, literal, address, refusal.get());
    }
  }
}
