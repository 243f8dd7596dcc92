package dev.quotabot.quota.net;

import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Text;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * What one upstream call gave: a status, its headers and a (size-capped) body, or why there was
 * none.
 *
 * @param status the HTTP status, or 0 when the call failed
 * @param headers the response headers (empty when the call failed)
 * @param body the body read, at most the cap (empty when the call failed, or not read)
 * @param failure why there was no answer ({@code TIMEOUT}, {@code NETWORK_ERROR}); null when there
 *     was one
 * @param failureText what explains {@code failure} to a person, without secrets
 */
public record UpstreamResponse(
    int status,
    Headers headers,
    byte[] body,
    @Nullable ProbeStatus failure,
    @Nullable Text failureText) {

  private static final byte[] EMPTY = new byte[0];

  public static UpstreamResponse failed(ProbeStatus failure, Text why) {
    return new UpstreamResponse(0, Headers.of(), EMPTY, failure, why);
  }

  static UpstreamResponse answered(int status, Headers headers, byte[] body) {
    return new UpstreamResponse(status, headers, body, null, null);
  }

  public boolean answered() {
    return failure == null;
  }

  /** The first value of a header (names ignore case), or null. */
  public @Nullable String header(String name) {
    return headers.get(name);
  }
}
