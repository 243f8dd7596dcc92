package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.RateLimits;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads ModelScope's {@code modelscope-ratelimit-*} headers; present on any status code. */
final class QuotaHeaders {
  static final String REQUESTS_LIMIT = "modelscope-ratelimit-requests-limit";
  static final String REQUESTS_REMAINING = "modelscope-ratelimit-requests-remaining";
  static final String MODEL_REQUESTS_LIMIT = "modelscope-ratelimit-model-requests-limit";
  static final String MODEL_REQUESTS_REMAINING = "modelscope-ratelimit-model-requests-remaining";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");

  private QuotaHeaders() {}

  static RateLimits read(HttpHeaders headers) {
    return new RateLimits(
        number(headers, REQUESTS_LIMIT),
        number(headers, REQUESTS_REMAINING),
        number(headers, MODEL_REQUESTS_LIMIT),
        number(headers, MODEL_REQUESTS_REMAINING));
  }

  /**
   * A non-negative whole number, or null when absent or anything else (the raw value is dropped).
   */
  private static Long number(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name).map(String::strip);
    if (value.isEmpty() || !WHOLE_NUMBER.matcher(value.get()).matches()) {
      return null;
    }
    return Long.valueOf(value.get());
  }
}
