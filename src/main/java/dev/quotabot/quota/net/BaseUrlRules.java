package dev.quotabot.quota.net;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.Urls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks a user-supplied base URL must pass before anything is sent to it: https only (plain
 * http only when the operator allows it), a host, no credentials, no query or fragment. It also
 * normalizes what people paste: a trailing {@code /v1} or slash is dropped. Where the name resolves
 * is checked separately, at connection time ({@link AddressGuard}).
 */
public final class BaseUrlRules {
  private final boolean allowHttp;

  public BaseUrlRules(boolean allowHttp) {
    this.allowHttp = allowHttp;
  }

  /**
   * @throws InvalidQueryException naming the rule the URL breaks
   */
  public URI normalize(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidQueryException("base_url is missing: give the relay's address.");
    }
    String text = raw.strip();
    if (text.length() > 2048 || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new InvalidQueryException(
          "base_url must be one URL such as https://relay.example, without spaces.");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException malformed) {
      throw new InvalidQueryException(
          "base_url is not a valid URL: give the relay's address such as https://relay.example.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
      throw new InvalidQueryException(
          allowHttp
              ? "base_url must start with https:// or http://."
              : "base_url must start with https:// (plain http is not allowed on this server).");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidQueryException(
          "base_url must not contain a user name or password: send the key as api_key.");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidQueryException("base_url has no host name.");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidQueryException(
          "base_url must not have a query (?…) or fragment (#…): give only the relay's address.");
    }
    String path = Urls.withoutSuffix(uri.getPath() == null ? "" : uri.getPath(), "/v1");
    try {
      return new URI(
          scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), path, null, null);
    } catch (URISyntaxException impossible) {
      throw new InvalidQueryException("base_url is not a valid URL.");
    }
  }
}
