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
