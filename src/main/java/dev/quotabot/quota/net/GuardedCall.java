package dev.quotabot.quota.net;

import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.TimeoutScheduler;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link GuardedHttp} call, run on the blocking executor: resolve, check every address, connect
 * to a checked one, send, read. Whatever happens, {@link #result()} completes exactly once and
 * normally; completing it (by the deadline, the caller cancelling, or the answer) closes the
 * socket.
 */
final class GuardedCall implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(GuardedCall.class);

  private final Http1Request request;
  private final Duration timeout;
  private final String upstreamName;
  private final AddressPolicy policy;
  private final Resolver resolver;
  private final PinnedConnector connector;
  private final int maxBodyBytes;
  private final long deadline;
  private final CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
  private final AtomicReference<Socket> socket = new AtomicReference<>();
  private boolean connected;

  GuardedCall(
      Http1Request request,
      Duration timeout,
      String upstreamName,
      AddressPolicy policy,
      Resolver resolver,
      PinnedConnector connector,
      int maxBodyBytes) {
    this.request = request;
    this.timeout = timeout;
    this.upstreamName = upstreamName;
    this.policy = policy;
    this.resolver = resolver;
    this.connector = connector;
    this.maxBodyBytes = maxBodyBytes;
    this.deadline = System.nanoTime() + timeout.toNanos();
    result.whenComplete((response, cancelled) -> closeSocket());
  }

  CompletableFuture<UpstreamResponse> result() {
    return result;
  }

  /** At the deadline the call answers TIMEOUT and its socket is closed, wherever it is blocked. */
  void armDeadline(TimeoutScheduler timeouts) {
    Future<?> timer = timeouts.after(timeout, () -> result.complete(timedOut()));
    result.whenComplete((response, cancelled) -> timer.cancel(false));
  }

  @Override
  public void run() {
    if (result.isDone()) {
      return;
    }
    try {
      result.complete(exchange());
    } catch (Exception failure) {
      result.complete(failed(failure));
    } finally {
      if (!result.isDone()) {
        result.complete(
            UpstreamResponse.failed(
                ProbeStatus.NETWORK_ERROR, "The call to " + upstreamName + " failed."));
      }
      closeSocket();
    }
  }

  private UpstreamResponse exchange() throws IOException {
    InetAddress[] resolved = resolver.resolve(request.host());
    if (resolved == null || resolved.length == 0) {
      throw new UnknownHostException("no addresses");
    }
    for (InetAddress address : resolved) {
      Optional<AddressPolicy.Rule> refusal = policy.refusal(address);
      if (refusal.isPresent()) {
        log.debug("Not calling {}: {} is {}", request.host(), address, refusal.get());
        return UpstreamResponse.failed(ProbeStatus.NETWORK_ERROR, refused(address, refusal.get()));
      }
    }
    PinnedConnector.Connection connection =
        connector.open(request, List.of(resolved), this::remainingMillis, this::register);
    connected = true;
    OutputStream out = connection.socket().getOutputStream();
    out.write(request.head());
    out.flush();
    InputStream in =
        new BufferedInputStream(
            new DeadlineInputStream(connection.socket().getInputStream(), connection.tcp()));
    Http1Response response = Http1Response.read(in, maxBodyBytes);
    return new UpstreamResponse(response.status(), response.body(), null, null);
  }

  private String refused(InetAddress address, AddressPolicy.Rule rule) {
    String shown = address.getHostAddress();
    String subject = request.host() + (request.ipLiteral() ? " is " : " resolves to ");
    String detail = request.ipLiteral() && request.host().equals(shown) ? "" : " (" + shown + ")";
    return subject
        + rule.description()
        + detail
        + ", which this server does not call: give the relay's public address.";
  }

  private UpstreamResponse failed(Exception failure) {
    if (failure instanceof SocketTimeoutException) {
      return connected
          ? timedOut()
          : UpstreamResponse.failed(
              ProbeStatus.TIMEOUT,
              "Could not connect to " + upstreamName + " within " + timeout.toMillis() + " ms.");
    }
    if (failure instanceof UnknownHostException) {
      return UpstreamResponse.failed(
          ProbeStatus.NETWORK_ERROR,
          "The host name " + request.host() + " of " + upstreamName + " could not be resolved.");
    }
    if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
      return UpstreamResponse.failed(
          ProbeStatus.NETWORK_ERROR, "Could not connect to " + upstreamName + ".");
    }
    if (failure instanceof SSLException) {
      return UpstreamResponse.failed(
          ProbeStatus.NETWORK_ERROR,
          causedBy(failure, CertificateException.class)
              ? "The certificate of "
                  + upstreamName
                  + " is not trusted or not valid for "
                  + request.host()
                  + "."
              : "The secure connection to " + upstreamName + " failed (TLS handshake).");
    }
    if (failure instanceof MalformedResponseException) {
      return UpstreamResponse.failed(
          ProbeStatus.NETWORK_ERROR,
          upstreamName + " sent a malformed HTTP response (" + failure.getMessage() + ").");
    }
    return UpstreamResponse.failed(
        ProbeStatus.NETWORK_ERROR,
        "The connection to "
            + upstreamName
            + " failed ("
            + failure.getClass().getSimpleName()
            + ").");
  }

  private UpstreamResponse timedOut() {
    return UpstreamResponse.failed(
        ProbeStatus.TIMEOUT,
        upstreamName + " did not answer within " + timeout.toMillis() + " ms.");
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (kind.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private long remainingMillis() {
    return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
  }

  private void register(Socket opened) {
    socket.set(opened);
    if (result.isDone()) {
      closeSocket();
    }
  }

  private void closeSocket() {
    Socket open = socket.getAndSet(null);
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // closing is all that was wanted
      }
    }
  }

  /** Gives each read only the time left before the deadline. */
  private final class DeadlineInputStream extends FilterInputStream {
    private final Socket tcp;

    DeadlineInputStream(InputStream in, Socket tcp) {
      super(in);
      this.tcp = tcp;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int read = read(one, 0, 1);
      return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      long remaining = remainingMillis();
      if (remaining <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      tcp.setSoTimeout(PinnedConnector.timeoutFor(remaining));
      return super.read(buffer, offset, length);
    }
  }
}
