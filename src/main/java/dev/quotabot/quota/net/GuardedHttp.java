package dev.quotabot.quota.net;

import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.TimeoutScheduler;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@link UpstreamHttp} for upstreams named by users (relay {@code base_url}s), safe against
 * server-side request forgery:
 *
 * <ul>
 *   <li>the host is resolved once, <em>every</em> address is checked with {@link AddressPolicy},
 *       and the connection goes to a checked address (no second lookup, so no DNS rebinding
 *       window); a refused address is never connected to and the answer says which rule it broke;
 *   <li>redirects are not followed (a 3xx is returned as it is);
 *   <li>header values with CR or LF are refused before anything is sent;
 *   <li>the body is read up to {@code maxBodyBytes}: at the cap reading stops, the connection is
 *       closed and the bytes read so far are the body (see {@link Http1Response});
 *   <li>the whole call, name lookup included, is bounded by its timeout.
 * </ul>
 *
 * <p>The JDK client resolves names itself, so this speaks HTTP/1.1 on its own socket ({@link
 * PinnedConnector}, {@link Http1Request}, {@link Http1Response}). That blocking work runs on {@code
 * blocking}, a bounded pool of daemon threads (never the common pool); a timer closes the socket at
 * the deadline. The returned future never completes exceptionally, and failure texts never hold a
 * header (so never a key).
 */
public final class GuardedHttp implements UpstreamHttp {
  private final AddressPolicy policy;
  private final int maxBodyBytes;
  private final Executor blocking;
  private final TimeoutScheduler timeouts;
  private final Resolver resolver;
  private final PinnedConnector connector;

  /** Production: the system resolver and the JVM's trust store. */
  public GuardedHttp(
      boolean allowPrivateAddresses,
      int maxBodyBytes,
      Duration connectTimeout,
      Executor blocking,
      TimeoutScheduler timeouts) {
    this(
        allowPrivateAddresses,
        maxBodyBytes,
        blocking,
        timeouts,
        InetAddress::getAllByName,
        new PinnedConnector(connectTimeout));
  }

  /**
   * @param allowPrivateAddresses {@code upstream.allow_private_addresses} (see {@link
   *     AddressPolicy})
   * @param maxBodyBytes the most body bytes read
   * @param blocking runs the blocking name lookup and socket I/O
   * @param timeouts fires the deadline of each call
   * @param resolver turns a host name into addresses
   * @param connector connects to a checked address
   */
  public GuardedHttp(
      boolean allowPrivateAddresses,
      int maxBodyBytes,
      Executor blocking,
      TimeoutScheduler timeouts,
      Resolver resolver,
      PinnedConnector connector) {
    this.policy = new AddressPolicy(allowPrivateAddresses);
    this.maxBodyBytes = maxBodyBytes;
    this.blocking = blocking;
    this.timeouts = timeouts;
    this.resolver = resolver;
    this.connector = connector;
  }

  @Override
  public CompletableFuture<UpstreamResponse> get(
      URI url, Map<String, String> headers, Duration timeout, String upstreamName) {
    Http1Request request;
    try {
      request = Http1Request.get(url, headers);
    } catch (IllegalArgumentException unsendable) {
      return CompletableFuture.completedFuture(
          UpstreamResponse.failed(
              ProbeStatus.NETWORK_ERROR,
              "The request to "
                  + upstreamName
                  + " was not sent: "
                  + unsendable.getMessage()
                  + "."));
    }
    GuardedCall call =
        new GuardedCall(request, timeout, upstreamName, policy, resolver, connector, maxBodyBytes);
    CompletableFuture<UpstreamResponse> result = call.result();
    try {
      call.armDeadline(timeouts);
      blocking.execute(call);
    } catch (RejectedExecutionException busy) {
      result.complete(
          UpstreamResponse.failed(
              ProbeStatus.NETWORK_ERROR,
              "quota-bot is too busy to call " + upstreamName + " right now: try again shortly."));
    }
    return result;
  }
}
