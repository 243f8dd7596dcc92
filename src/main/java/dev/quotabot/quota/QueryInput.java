package dev.quotabot.quota;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * A query as a door received it, unchecked: every field may be null. {@link QuotaService#check}
 * turns it into a query or says what to fix.
 *
 * @param apiKey the key
 * @param modelPieces strings that each hold one or more model ids
 * @param provider the provider's id; null means the default provider
 * @param baseUrl a relay's address as pasted (with or without {@code /v1} or a trailing slash)
 * @param userId a relay user id, for the admin balance
 * @param accessToken a relay system access token, for the admin balance (a secret)
 */
public record QueryInput(
    @Nullable String apiKey,
    @Nullable Collection<? extends @Nullable String> modelPieces,
    @Nullable String provider,
    @Nullable String baseUrl,
    @Nullable String userId,
    @Nullable String accessToken) {

  /** The longest key (or access token) accepted; a door's field may share it. */
  public static final int MAX_KEY_LENGTH = ApiKey.MAX_LENGTH;

  /** The longest relay user id accepted; a door's field may share it. */
  public static final int MAX_USER_ID_LENGTH = 20;

  /**
   * True when no key was typed: no value, or only whitespace and invisible characters (a lone
   * zero-width space or byte-order mark).
   */
  public static boolean keyAbsent(@Nullable String raw) {
    return ApiKey.isAbsent(raw);
  }

  @Override
  public String toString() {
    return "QueryInput[provider=" + provider + ", baseUrl=" + baseUrl + "]";
  }
}
