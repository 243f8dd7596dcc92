package dev.quotabot.quota;

import java.util.regex.Pattern;

/** Removes things that look like credentials from text that is about to be shown or logged. */
public final class Redaction {
  /** The credential ends where the text does, or at a quote, a separator or a bracket. */
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[^\\s\"',;()\\[\\]{}<>]+");

  private static final Pattern TOKEN_LIKE =
      Pattern.compile("(?i)\\b(?:ms|sk|pk|rk)-[A-Za-z0-9_\\-]{12,}");

  private Redaction() {}

  /** Replaces bearer credentials and key-shaped tokens ({@code ms-…}, {@code sk-…}). */
  public static String tokens(String text) {
    String cleaned = BEARER.matcher(text).replaceAll("Bearer [redacted]");
    return TOKEN_LIKE.matcher(cleaned).replaceAll("[redacted]");
  }
}
