package dev.quotabot.quota;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An upstream API key. It exists only for the length of one query: it is never stored, logged or
 * echoed. {@link #toString()} and {@link #fingerprint()} show only its first 3 and last 4
 * characters, so an accidental log line or string concatenation does not leak it.
 */
public final class ApiKey {
  public static final int MAX_LENGTH = 512;

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Checks and wraps a key as the user typed it. Surrounding whitespace, including the no-break and
   * zero-width spaces a copy from a web page can bring along, is dropped.
   *
   * @throws InvalidQueryException if it is empty, too long, or holds anything but visible ASCII
   */
  public static ApiKey of(@Nullable String raw) {
    if (isAbsent(raw)) {
      throw new InvalidQueryException(Text.of("quota.key_missing"));
    }
    return secret(raw, "api_key");
  }

  /**
   * Checks and wraps another secret of the same kind (a relay's access token), naming {@code field}
   * in any message.
   */
  public static ApiKey secret(@Nullable String raw, String field) {
    if (isAbsent(raw)) {
      throw new InvalidQueryException(Text.of("quota.secret_missing", "field", field));
    }
    String trimmed = trimInvisible(raw);
    if (trimmed.length() > MAX_LENGTH) {
      throw new InvalidQueryException(
          Text.of("quota.secret_too_long", "field", field, "max", MAX_LENGTH));
    }
    if (trimmed.chars().anyMatch(ApiKey::isControlOrSpace)) {
      throw new InvalidQueryException(Text.of("quota.secret_has_spaces", "field", field));
    }
    if (trimmed.chars().anyMatch(c -> c > '~')) {
      throw new InvalidQueryException(Text.of("quota.secret_not_ascii", "field", field));
    }
    return new ApiKey(trimmed);
  }

  /**
   * True when nothing was typed: no value, or only whitespace and invisible characters (a lone
   * zero-width space or byte-order mark), which would otherwise be trimmed to an empty key.
   */
  public static boolean isAbsent(@Nullable String raw) {
    return raw == null || raw.chars().allMatch(c -> isInvisible((char) c));
  }

  /** {@code raw} without the whitespace and invisible characters around it. */
  static String trimInvisible(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && isInvisible(raw.charAt(start))) {
      start++;
    }
    while (end > start && isInvisible(raw.charAt(end - 1))) {
      end--;
    }
    return raw.substring(start, end);
  }

  private static boolean isInvisible(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT;
  }

  private static boolean isControlOrSpace(int c) {
    return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** The secret itself: only for the Authorization header of an upstream call. */
  public String reveal() {
    return value;
  }

  /** First 3 characters, an ellipsis, last 4: {@code ms-…a1b2}. Short keys show less. */
  public String fingerprint() {
    if (value.length() < 12) {
      return "…" + value.substring(Math.max(0, value.length() - 2));
    }
    return value.substring(0, 3) + "…" + value.substring(value.length() - 4);
  }

  /**
   * Removes this key from a text that may have echoed it (an upstream error message, say), in any
   * letter case.
   */
  public @Nullable String redactFrom(@Nullable String text) {
    if (text == null) {
      return null;
    }
    StringBuilder redacted = new StringBuilder(text.length());
    int copied = 0;
    int at = 0;
    while (at <= text.length() - value.length()) {
      if (text.regionMatches(true, at, value, 0, value.length())) {
        redacted.append(text, copied, at).append(fingerprint());
        at += value.length();
        copied = at;
      } else {
        at++;
      }
    }
    return copied == 0 ? text : redacted.append(text, copied, text.length()).toString();
  }

  @Override
  public String toString() {
    return fingerprint();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ApiKey && ((ApiKey) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
