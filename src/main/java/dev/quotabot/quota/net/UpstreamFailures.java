package dev.quotabot.quota.net;

import dev.quotabot.quota.ProbeStatus;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one mapping from a failed upstream call to what a person is told. Exception messages are
 * never shown: OkHttp's may quote the upstream's bytes or the URL, so only fixed texts and our own
 * refusals are used.
 */
final class UpstreamFailures {
  /** OkHttp's words when a header line or the header block is over its limit. */
  private static final String HEADER_LIMIT = "\\n not found: limit=";

  private UpstreamFailures() {}

  static UpstreamResponse timedOut(String upstream, Duration timeout) {
    return UpstreamResponse.failed(
        ProbeStatus.TIMEOUT, upstream + " did not answer within " + timeout.toMillis() + " ms.");
  }

  static UpstreamResponse unsendable(String upstream) {
    return UpstreamResponse.failed(
        ProbeStatus.NETWORK_ERROR,
        "The request to "
            + upstream
            + " was not sent: its address or a header value holds characters that cannot be"
            + " sent.");
  }

  static UpstreamResponse of(IOException failure, String upstream, String host, Duration timeout) {
    if (failure instanceof RefusedAddressException) {
      return network(failure.getMessage());
    }
    if (failure instanceof UnknownHostException) {
      return network("The host name " + host + " of " + upstream + " could not be resolved.");
    }
    if (failure instanceof SocketTimeoutException && isConnect(failure)) {
      return UpstreamResponse.failed(
          ProbeStatus.TIMEOUT,
          "Could not connect to " + upstream + " within " + timeout.toMillis() + " ms.");
    }
    if (failure instanceof SocketTimeoutException) {
      return timedOut(upstream, timeout);
    }
    if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
      return network("Could not connect to " + upstream + ".");
    }
    if (failure instanceof SSLPeerUnverifiedException
        || (failure instanceof SSLException && causedBy(failure, GeneralSecurityException.class))) {
      return network(
          "The certificate of " + upstream + " is not trusted or not valid for " + host + ".");
    }
    if (failure instanceof SSLException) {
      return network("The secure connection to " + upstream + " failed (TLS handshake).");
    }
    if (failure instanceof ProtocolException) {
      return network(
          upstream + " sent a malformed HTTP response (not a valid status line or headers).");
    }
    if (failure instanceof EOFException
        && failure.getMessage() != null
        && failure.getMessage().startsWith(HEADER_LIMIT)) {
      return network(upstream + " sent a malformed HTTP response (its headers are too large).");
    }
    return network(
        "The connection to " + upstream + " failed (" + failure.getClass().getSimpleName() + ").");
  }

  private static UpstreamResponse network(String why) {
    return UpstreamResponse.failed(ProbeStatus.NETWORK_ERROR, why);
  }

  private static boolean isConnect(IOException failure) {
    String message = failure.getMessage();
    return message != null && message.startsWith("Connect timed out");
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (kind.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
