package dev.quotabot.quota.headers;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a provider writes when a window is full again, as its documentation says. Each turns the
 * header's text into an instant, or null for anything it cannot read: a reset is never guessed.
 */
enum ResetFormat {
  /** A Go duration from now: {@code 6m0s}, {@code 7.66s}, {@code 120ms} (OpenAI, Groq). */
  GO_DURATION {
    @Override
    @Nullable Instant resetsAt(String text, Instant receivedAt) {
      Duration wait = GoDuration.parse(text);
      return wait == null ? null : receivedAt.plus(wait);
    }
  },
  /** Seconds from now, fractions allowed: {@code 33011.382867097855} (Cerebras). */
  SECONDS_FROM_NOW {
    @Override
    @Nullable Instant resetsAt(String text, Instant receivedAt) {
      BigDecimal seconds = decimal(text);
      if (seconds == null
          || seconds.compareTo(BigDecimal.valueOf(GoDuration.MAX.toSeconds())) > 0) {
        return null;
      }
      return receivedAt.plusNanos(seconds.movePointRight(9).longValue());
    }
  },
  /** An RFC 3339 time: {@code 2025-08-21T12:40:59Z} (Anthropic). */
  RFC_3339 {
    @Override
    @Nullable Instant resetsAt(String text, Instant receivedAt) {
      try {
        // RFC 3339 allows a lower-case t and z and a space between date and time
        String iso = text.toUpperCase(Locale.ROOT).replace(' ', 'T');
        return OffsetDateTime.parse(iso).toInstant();
      } catch (DateTimeParseException notATime) {
        return null;
      }
    }
  },
  /** Unix seconds, where a provider documents its resets so. */
  UNIX_SECONDS {
    @Override
    @Nullable Instant resetsAt(String text, Instant receivedAt) {
      BigDecimal seconds = decimal(text);
      // after 2001 and before 2100: anything else is a relative number or garbage
      if (seconds == null
          || seconds.compareTo(BigDecimal.valueOf(1_000_000_000L)) < 0
          || seconds.compareTo(BigDecimal.valueOf(4_102_444_800L)) > 0) {
        return null;
      }
      return Instant.ofEpochSecond(0, seconds.movePointRight(9).longValue());
    }
  };

  private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(?:\\.\\d{1,18})?");

  /**
   * @param raw the header's value; null when it was not sent
   * @param receivedAt when the answer came, for a relative reset
   */
  @Nullable Instant parse(@Nullable String raw, Instant receivedAt) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return resetsAt(raw.strip(), receivedAt);
  }

  abstract @Nullable Instant resetsAt(String text, Instant receivedAt);

  /** A non-negative decimal number, or null. */
  private static @Nullable BigDecimal decimal(String text) {
    return DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
  }
}
