package dev.quotabot.quota;

import java.util.regex.Pattern;

/**
 * Makes text that came from an upstream safe to show: the key and anything that looks like a
 * credential are removed, control characters become spaces, and it is cut to a readable length.
 */
public final class UpstreamText {
  static final int MAX_LENGTH = 300;

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
  private static final Pattern SPACES = Pattern.compile(" {2,}");

  private UpstreamText() {}

  /** Returns the cleaned text, or null when nothing readable is left. */
  public static String clean(String text, ApiKey key) {
    if (text == null) {
      return null;
    }
    String cleaned = Redaction.tokens(key.redactFrom(text));
    cleaned = CONTROL.matcher(cleaned).replaceAll(" ");
    cleaned = SPACES.matcher(cleaned).replaceAll(" ").strip();
    if (cleaned.isEmpty()) {
      return null;
    }
    if (cleaned.length() > MAX_LENGTH) {
      int end = MAX_LENGTH;
      if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
        end--;
      }
      cleaned = cleaned.substring(0, end) + "…";
    }
    return cleaned;
  }
}
