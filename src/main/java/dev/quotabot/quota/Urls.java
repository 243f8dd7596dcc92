package dev.quotabot.quota;

import java.net.URI;

/** Small helpers for the upstream addresses a provider builds. */
public final class Urls {
  private Urls() {}

  /** Appends {@code path} to a base URL whether or not the base ends with a slash. */
  public static URI resolve(URI base, String path) {
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
  }

  /**
   * {@code path} under {@code base}, after dropping a trailing slash and the first of {@code
   * redundant} the base ends with: an operator who pastes the address a client is given ({@code
   * https://api.moonshot.cn/v1}, {@code https://open.bigmodel.cn/api/anthropic}) gets the same URL
   * as one who gives the host.
   */
  public static URI under(URI base, String path, String... redundant) {
    return resolve(URI.create(withoutSuffix(base.toString(), redundant)), path);
  }

  /**
   * {@code text} without trailing slashes and then without the first of {@code suffixes} it ends
   * with (ignoring case), and the slashes left before it: what people paste as a base URL ({@code
   * https://relay.example/v1/}) becomes the base the paths go under ({@code
   * https://relay.example}).
   */
  public static String withoutSuffix(String text, String... suffixes) {
    String trimmed = withoutTrailingSlashes(text);
    for (String suffix : suffixes) {
      if (trimmed.regionMatches(
          true, trimmed.length() - suffix.length(), suffix, 0, suffix.length())) {
        return withoutTrailingSlashes(trimmed.substring(0, trimmed.length() - suffix.length()));
      }
    }
    return trimmed;
  }

  private static String withoutTrailingSlashes(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(0, end);
  }
}
