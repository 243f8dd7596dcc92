package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.net.UpstreamResponse;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads ModelScope's {@code modelscope-ratelimit-*} headers; present on any status code. */
final class QuotaHeaders {
  static final String REQUESTS_LIMIT = "modelscope-ratelimit-requests-limit";
  static final String REQUESTS_REMAINING = "modelscope-ratelimit-requests-remaining";
  static final String MODEL_REQUESTS_LIMIT = "modelscope-ratelimit-model-requests-limit";
  static final String MODEL_REQUESTS_REMAINING = "modelscope-ratelimit-model-requests-remaining";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");

  private QuotaHeaders() {}

  static RateLimits read(UpstreamResponse headers) {
    return new RateLimits(
        number(headers, REQUESTS_LIMIT),
        number(headers, REQUESTS_REMAINING),
        number(headers, MODEL_REQUESTS_LIMIT),
        number(headers, MODEL_REQUESTS_REMAINING));
  }

  /**
   * A non-negative whole number, or null when absent or anything else (the raw value is dropped).
   */
  private static @Nullable Long number(UpstreamResponse headers, String name) {
    String value = headers.header(name);
    if (value == null || !WHOLE_NUMBER.matcher(value.strip()).matches()) {
      return null;
    }
    return Long.valueOf(value.strip());
  }
}
