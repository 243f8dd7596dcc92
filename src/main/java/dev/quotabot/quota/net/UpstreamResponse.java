package dev.quotabot.quota.net;

import dev.quotabot.quota.ProbeStatus;

/**
 * What one upstream call gave: a status and a (size-capped) body, or why there was none.
 *
 * @param status the HTTP status, or 0 when the call failed
 * @param body the body read, at most the cap (empty when the call failed)
 * @param failure why there was no answer ({@code TIMEOUT}, {@code NETWORK_ERROR}); null when there
 *     was one
 * @param failureText a human explanation of {@code failure}, without secrets
 */
public record UpstreamResponse(int status, byte[] body, ProbeStatus failure, String failureText) {

  public static UpstreamResponse failed(ProbeStatus failure, String why) {
    return new UpstreamResponse(0, new byte[0], failure, why);
  }

  public boolean answered() {
    return failure == null;
  }
}
