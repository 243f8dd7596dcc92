package dev.quotabot.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Checks every JSON query endpoint makes before reading a body. */
final class RequestChecks {
  private static final Set<String> SECRET_QUERY_PARAMETERS =
      Set.of("api_key", "apikey", "key", "token", "access_token", "authorization");

  private RequestChecks() {}

  /** 415 unless the body is declared JSON (UTF-8, the only encoding JSON allows). */
  static void requireJson(HttpServerExchange exchange) {
    @Nullable String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    // limit -1: a bare ";" still yields a (blank) media type instead of no parts at all
    String @Nullable [] parts =
        contentType == null ? null : contentType.toLowerCase(Locale.ROOT).split(";", -1);
    if (parts == null || parts[0].isBlank()) {
      throw new HttpProblem(415, "Missing Content-Type: send the body as application/json.");
    }
    String mediaType = parts[0].strip();
    if (!mediaType.equals("application/json")
        && !mediaType.matches("application/[a-z0-9.+-]+\\+json")) {
      throw new HttpProblem(
          415, "Content-Type must be application/json, not " + shorten(mediaType) + ".");
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.startsWith("charset=")
          && !parameter.substring(8).replace("\"", "").strip().equals("utf-8")) {
        throw new HttpProblem(415, "JSON must be sent as UTF-8 (charset=utf-8).");
      }
    }
  }

  /** Keys in URLs end up in proxy logs and browser history: refuse them outright. */
  static void refuseSecretsInUrl(HttpServerExchange exchange) {
    for (String name : exchange.getQueryParameters().keySet()) {
      if (SECRET_QUERY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new HttpProblem(
            400,
            "Do not put the API key in the URL (it ends up in logs and history): send it as"
                + " \"api_key\" in the JSON body or as \"Authorization: Bearer <key>\", and"
                + " consider the key exposed.");
      }
    }
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
