package dev.quotabot.quota;

import java.util.Collection;

/**
 * A query as a door received it, unchecked: every field may be null.
 *
 * @param apiKey the key
 * @param modelPieces strings that each hold one or more model ids
 * @param provider the provider's id; null means ModelScope
 * @param baseUrl a relay's address as pasted (with or without {@code /v1} or a trailing slash)
 * @param userId a relay user id, for the admin balance
 * @param accessToken a relay system access token, for the admin balance (a secret)
 */
public record QueryInput(
    String apiKey,
    Collection<String> modelPieces,
    String provider,
    String baseUrl,
    String userId,
    String accessToken) {

  @Override
  public String toString() {
    return "QueryInput[provider=" + provider + ", baseUrl=" + baseUrl + "]";
  }
}
