package dev.quotabot.quota.net;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.Text;
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
      throw new InvalidQueryException(Text.of("net.base_url_missing"));
    }
    String text = raw.strip();
    if (text.length() > 2048 || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new InvalidQueryException(Text.of("net.base_url_spaces"));
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException malformed) {
      throw new InvalidQueryException(Text.of("net.base_url_malformed"));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
      throw new InvalidQueryException(
          allowHttp ? Text.of("net.base_url_scheme") : Text.of("net.base_url_https_only"));
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidQueryException(Text.of("net.base_url_credentials"));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidQueryException(Text.of("net.base_url_no_host"));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidQueryException(Text.of("net.base_url_query"));
    }
    String path = Urls.withoutSuffix(uri.getPath() == null ? "" : uri.getPath(), "/v1");
    try {
      return new URI(
          scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), path, null, null);
    } catch (URISyntaxException impossible) {
      throw new InvalidQueryException(Text.of("net.base_url_invalid"));
    }
  }
}
