package dev.quotabot.quota;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Makes text that came from an upstream safe to show: the key and anything that looks like a
 * credential are removed, control characters become spaces, and it is cut to a readable length.
 */
public final class UpstreamText {
  static final int MAX_LENGTH = 300;

  /** How long an account's or token's name may be once cleaned. */
  public static final int MAX_NAME_LENGTH = 100;

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
  private static final Pattern SPACES = Pattern.compile(" {2,}");

  private UpstreamText() {}

  /** Returns the cleaned text, or null when nothing readable is left. */
  public static @Nullable String clean(@Nullable String text, ApiKey key) {
    if (text == null) {
      return null;
    }
    String cleaned = Redaction.tokens(key.redactFrom(text));
    cleaned = CONTROL.matcher(cleaned).replaceAll(" ");
    cleaned = SPACES.matcher(cleaned).replaceAll(" ").strip();
    if (cleaned.isEmpty()) {
      return null;
    }
    return cleaned.length() > MAX_LENGTH ? cut(cleaned, MAX_LENGTH) + "…" : cleaned;
  }

  /**
   * An account's name from an upstream: cleaned, and cut to {@link #MAX_NAME_LENGTH} without a
   * mark.
   */
  public static @Nullable String name(@Nullable String raw, ApiKey key) {
    return cut(clean(raw, key), MAX_NAME_LENGTH);
  }

  /**
   * The first {@code max} characters of a text (all of it when shorter; null stays null), one fewer
   * when the last would be the first half of a surrogate pair. Adds no mark; callers that want "…"
   * append it.
   */
  public static @Nullable String cut(@Nullable String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
