package dev.quotabot.quota.net;

import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Text;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one mapping from a failed upstream call to what a person is told. Exception messages are
 * never shown: OkHttp's quote the upstream's bytes (a status line that echoes the key) or the URL,
 * so only fixed texts and our own refusals are used. A message is read in one place only, to tell
 * okio's "no line end" from other ends of stream; it is never passed on.
 */
final class UpstreamFailures {
  /** okio's words when a status or header line has no end: the stream ended, or the limit hit. */
  private static final String NO_LINE_END = "\\n not found: limit=";

  /** The most status line and header bytes OkHttp reads (its {@code HeadersReader} limit). */
  private static final int HEADER_LIMIT_KB = 256;

  private UpstreamFailures() {}

  static UpstreamResponse timedOut(String upstream, Duration timeout) {
    return UpstreamResponse.failed(
        ProbeStatus.TIMEOUT,
        Text.of("net.timed_out", "upstream", upstream, "ms", timeout.toMillis()));
  }

  /** A request whose address OkHttp cannot send (not http or https, or not a URL). */
  static UpstreamResponse unsendableAddress(String upstream) {
    return network(Text.of("net.unsendable_address", "upstream", upstream));
  }

  /**
   * A header OkHttp refuses to send: a value with a line break (so nothing can be injected) or
   * another character HTTP does not allow, or a name that is not a token. Only the name of a valid
   * name is told, never a value.
   */
  static UpstreamResponse unsendableHeader(String upstream, String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      return network(Text.of("net.header_line_break", "upstream", upstream, "name", name));
    }
    if (value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
      return network(Text.of("net.header_name_invalid", "upstream", upstream));
    }
    return network(Text.of("net.header_unsendable_character", "upstream", upstream, "name", name));
  }

  /**
   * @param host the host name called, as given (it is named when it cannot be resolved or its
   *     certificate does not fit)
   * @param connectTimeout how long connecting may take
   */
  static UpstreamResponse of(
      IOException failure, String upstream, String host, Duration connectTimeout) {
    if (failure instanceof RefusedAddressException refused) {
      return network(refused.text());
    }
    if (failure instanceof UnknownHostException) {
      return network(Text.of("net.unresolved_host", "host", host, "upstream", upstream));
    }
    if (failure instanceof SocketTimeoutException) {
      // reads and writes have no socket timeout here (the call deadline bounds them): connecting
      return UpstreamResponse.failed(
          ProbeStatus.TIMEOUT,
          Text.of("net.connect_timed_out", "upstream", upstream, "ms", connectTimeout.toMillis()));
    }
    if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
      return network(Text.of("net.connect_failed", "upstream", upstream));
    }
    if (failure instanceof SSLPeerUnverifiedException
        || (failure instanceof SSLException && causedBy(failure, GeneralSecurityException.class))) {
      return network(Text.of("net.certificate_refused", "upstream", upstream, "host", host));
    }
    if (failure instanceof SSLException) {
      return network(Text.of("net.tls_failed", "upstream", upstream));
    }
    if (failure instanceof ProtocolException) {
      return network(Text.of("net.malformed_response", "upstream", upstream));
    }
    if (endedInTheHead(failure)) {
      // okio says the same for both: the stream ended mid-line, or the lines passed the limit
      return network(Text.of("net.head_incomplete", "upstream", upstream, "kb", HEADER_LIMIT_KB));
    }
    if (failure instanceof SocketException) {
      return network(Text.of("net.connection_reset", "upstream", upstream));
    }
    return network(
        Text.of(
            "net.connection_failed",
            "upstream",
            upstream,
            "kind",
            failure.getClass().getSimpleName()));
  }

  private static UpstreamResponse network(Text why) {
    return UpstreamResponse.failed(ProbeStatus.NETWORK_ERROR, why);
  }

  /**
   * OkHttp wraps an end of stream while reading the status line or headers in an {@code
   * IOException("unexpected end of stream on …")}; its cause is okio's {@link EOFException}.
   */
  private static boolean endedInTheHead(IOException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof EOFException) {
        String message = cause.getMessage();
        return message == null || message.startsWith(NO_LINE_END);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
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
