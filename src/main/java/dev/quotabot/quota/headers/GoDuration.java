package dev.quotabot.quota.headers;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a duration written the way Go prints one ({@code time.Duration.String}): {@code 6m0s},
 * {@code 2m59.56s}, {@code 7.66s}, {@code 120ms}, {@code 1h2m3.5s}. OpenAI and Groq send their
 * resets like this. No library in the build reads this format, so it is a few lines here.
 */
final class GoDuration {
  /**
   * One number with its unit; the units Go prints, longest first so {@code ms} is not {@code m}.
   */
  private static final Pattern PART =
      Pattern.compile("(\\d{1,12}(?:\\.\\d{1,12})?|\\.\\d{1,12})(ns|us|µs|μs|ms|s|m|h)");

  /** A reset further away than this is not a rate-limit window: it is a misread value. */
  static final Duration MAX = Duration.ofDays(400);

  private GoDuration() {}

  /** The duration, or null when the text is anything else (a bare number, a date, garbage). */
  static @Nullable Duration parse(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String text = raw.strip().toLowerCase(Locale.ROOT);
    if (text.isEmpty()) {
      return null;
    }
    Matcher part = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (part.find()) {
      if (part.start() != end) {
        return null;
      }
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
      end = part.end();
    }
    if (end != text.length() || end == 0) {
      return null;
    }
    Duration duration = Duration.ofNanos(nanos.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
    return duration.compareTo(MAX) > 0 ? null : duration;
  }

  private static BigDecimal nanosPer(String unit) {
    return switch (unit) {
      case "ns" -> BigDecimal.ONE;
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> BigDecimal.valueOf(1_000_000_000L);
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
      default -> BigDecimal.valueOf(1_000L); // us, µs (micro sign) and μs (Greek mu), as Go accepts
    };
  }
}
