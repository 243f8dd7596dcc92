package dev.quotabot.quota;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Small helpers for upstream requests made with the JDK client, and for what their failures say.
 */
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

  /**
   * A request builder with the timeout set. Plain-http upstreams (tests, local relays) are spoken
   * to in HTTP/1.1: an h2c upgrade attempt only costs a round trip.
   */
  public static HttpRequest.Builder request(URI uri, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "quota-bot");
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    return builder;
  }

  /**
   * What to say when the JDK client refused an answer as not HTTP ({@code ProtocolException}). Its
   * message may quote the upstream's bytes, so only a fixed hint is kept from it.
   */
  public static String malformedAnswer(String upstreamName, Throwable refusal) {
    String why = refusal.getMessage();
    boolean tooBig = why != null && why.startsWith("Header size too big");
    return upstreamName
        + " sent a malformed HTTP response ("
        + (tooBig ? "its headers are too large" : "not a valid status line or headers")
        + ").";
  }
}
