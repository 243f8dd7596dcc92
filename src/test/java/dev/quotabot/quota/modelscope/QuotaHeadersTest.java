package dev.quotabot.quota.modelscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.net.UpstreamResponse;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ModelScope's four {@code modelscope-ratelimit-*} headers as numbers. */
final class QuotaHeadersTest {

  @Test
  void readsTheFourHeadersWhateverTheirCaseAndARealZeroStaysZero() {
    // GIVEN a proxy that capitalises header names, and a used-up model
    Headers headers =
        Headers.of(
            "ModelScope-RateLimit-Requests-Limit", "2000",
            "MODELSCOPE-RATELIMIT-REQUESTS-REMAINING", "1",
            "Modelscope-Ratelimit-Model-Requests-Limit", "100",
            "modelscope-ratelimit-model-requests-remaining", "0");

    // WHEN they are read
    // THEN the numbers are those, 0 included
    assertEquals(new RateLimits(2000L, 1L, 100L, 0L), read(headers));
  }

  @Test
  void toleratesSpacesAroundANumber() {
    assertEquals(
        new RateLimits(2000L, null, null, null),
        read(Headers.of(QuotaHeaders.REQUESTS_LIMIT, " 2000 ")));
  }

  @Test
  void missingHeadersAreUnknown() {
    assertEquals(RateLimits.UNKNOWN, read(Headers.of("Content-Type", "text/event-stream")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc", "-5", "1e3", "12.5", "0x10", "99999999999999999999", "GARBAGE-7d1e0c", ""})
  void anythingButAWholeNumberIsUnknownAndNeverEchoed(String garbage) {
    // GIVEN a header that is not a whole number, beside good ones
    Headers headers =
        Headers.of(
            QuotaHeaders.REQUESTS_LIMIT,
            "2000",
            QuotaHeaders.REQUESTS_REMAINING,
            garbage,
            QuotaHeaders.MODEL_REQUESTS_LIMIT,
            garbage,
            QuotaHeaders.MODEL_REQUESTS_REMAINING,
            "3");

    // WHEN they are read
    RateLimits limits = read(headers);

    // THEN the bad values are null (not 0), and the raw value is not kept anywhere
    assertEquals(new RateLimits(2000L, null, null, 3L), limits);
    if (!garbage.isEmpty()) {
      assertFalse(limits.toString().contains(garbage), limits.toString());
    }
  }

  private static RateLimits read(Headers headers) {
    return QuotaHeaders.read(new UpstreamResponse(200, headers, new byte[0], null, null));
  }
}
