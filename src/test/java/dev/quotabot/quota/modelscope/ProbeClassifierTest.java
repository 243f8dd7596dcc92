package dev.quotabot.quota.modelscope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.net.UpstreamResponse;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.UpstreamProbes;
import java.time.Instant;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What ModelScope's answer to a probe means: the status, the numbers and the words a person reads.
 * The answers are ModelScope's own, kept as fixture files; how they travel is {@link
 * ModelScopeProbeTest}'s business.
 */
final class ProbeClassifierTest {
  private static final ApiKey KEY = ApiKey.of(UpstreamProbes.KEY);
  private static final String MODEL = "Qwen/Qwen3-32B";

  /** One second before midnight in Shanghai: the windows reset one second later. */
  private static final Instant NOW = Instant.parse("2026-11-24T15:59:59Z");

  private static final Instant MIDNIGHT_SHANGHAI = Instant.parse("2026-11-24T16:00:00Z");
  private static final Headers ALL_FOUR =
      Headers.of(
          QuotaHeaders.REQUESTS_LIMIT, "2000",
          QuotaHeaders.REQUESTS_REMAINING, "1500",
          QuotaHeaders.MODEL_REQUESTS_LIMIT, "500",
          QuotaHeaders.MODEL_REQUESTS_REMAINING, "20");

  // ---------------------------------------------------------------- 2xx

  @Test
  void aSuccessWithAllFourNumbersIsOkWithTheSeedsNumbersAndTwoDailyWindows() {
    // GIVEN a 200 with all four quota headers, 231 ms after the probe started
    // WHEN it is classified
    ModelQuota row = classify(200, ALL_FOUR, "", 231);

    // THEN the row is ok with exactly the seed's four numbers, no error or note, the latency, and
    // the same numbers as the user's and the model's daily windows, full again at the next
    // midnight in Shanghai
    assertEquals(
        new ModelQuota(
            MODEL,
            new RateLimits(2000L, 1500L, 500L, 20L),
            ProbeStatus.OK,
            null,
            null,
            231,
            List.of(
                new RateWindow("requests_per_day", 2000L, 1500L, MIDNIGHT_SHANGHAI),
                new RateWindow("model_requests_per_day", 500L, 20L, MIDNIGHT_SHANGHAI))),
        row);
    assertTrue(row.isSuccess());
  }

  @Test
  void aSuccessWithoutNumbersSaysTheCallWorkedAndItsCostIsUnknownNeverZero() {
    // GIVEN a 200 without any quota header (as reported since the 魔粒 change)
    // WHEN it is classified
    ModelQuota row = classify(200, Headers.of(), "", 1);

    // THEN the probe worked, every number is null, no window is made up, and the note says the
    // call worked and its cost is unknown (at most a flagship call), with no figure in it
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertEquals(List.of(), row.windows());
    assertNull(row.error());
    assertEquals(
        "The call worked, but ModelScope did not report per-model quota for this call, so these"
            + " numbers are unknown (not zero). What the call cost in 魔粒 is unknown too: at most"
            + " a flagship model's price per call (the probe cost).",
        row.note());
    assertFalse(row.note().matches(".*\\d.*"), row.note());
    assertTrue(row.isSuccess());
  }

  @Test
  void aSuccessWithSomeNumbersKeepsThoseAndLeavesTheRestUnknown() {
    // GIVEN the user-level headers but not the per-model ones
    Headers some =
        Headers.of(
            QuotaHeaders.REQUESTS_LIMIT, "2000", "modelscope-ratelimit-requests-remaining", "42");

    // WHEN it is classified
    ModelQuota row = classify(200, some, "", 1);

    // THEN the known numbers are kept, the missing ones are null, never 0; only the window
    // ModelScope reported is there
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status());
    assertEquals(new RateLimits(2000L, 42L, null, null), row.limits());
    assertEquals(
        List.of(new RateWindow("requests_per_day", 2000L, 42L, MIDNIGHT_SHANGHAI)), row.windows());
    assertNull(row.error());
    assertEquals(ProbeClassifier.UNKNOWN_QUOTA_NOTE.english(), row.note());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/html; charset=utf-8", "TEXT/HTML", " application/xhtml+xml"})
  void aWebPageAnsweringIsAnUpstreamErrorNotASuccess(String contentType) {
    // GIVEN a 200 with a login page (a proxy or captive portal in the way), no quota headers
    // WHEN it is classified
    ModelQuota row =
        classify(
            200, Headers.of("Content-Type", contentType), "<html><body>Sign in</body></html>", 1);

    // THEN it did not work: upstream_error saying a web page answered, numbers unknown
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status(), row.toString());
    assertFalse(row.isSuccess());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertEquals(
        "ModelScope answered HTTP 200 with a web page instead of a chat answer: a proxy or login"
            + " page may be in the way.",
        row.error());
  }

  // ---------------------------------------------------------------- refusals

  @ParameterizedTest(name = "HTTP {0} ({1}) is {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          400 | 400-no-provider.json            | MODEL_UNAVAILABLE    | Model not available on ModelScope API-Inference (HTTP 400): Model id : Org/Missing-Model , has no provider supported
          404 | 404-no-provider.json            | MODEL_UNAVAILABLE    | Model not available on ModelScope API-Inference (HTTP 404): Model id : Org/Missing-Model , has no provider supported
          400 | 400-bad-parameter.json          | UPSTREAM_ERROR       | ModelScope answered HTTP 400: Invalid parameter: max_tokens must be positive
          403 | 403-forbidden.json              | INVALID_KEY          | ModelScope rejected the key (HTTP 403): Access denied: real-name verification required
          402 | 402-balance-exhausted.json      | INSUFFICIENT_BALANCE | The account's balance or quota is exhausted (HTTP 402): magicube balance exhausted
          429 | 429-limit-reached.json          | LIMIT_REACHED        | Rate or daily limit reached (HTTP 429): You have exceeded today's quota for model Qwen/Qwen3-32B, 今日已达到使用量上限
          429 | 429-request-limit-exceeded.json | LIMIT_REACHED        | Rate or daily limit reached (HTTP 429): Request limit exceeded.
          500 | 500-internal.json               | UPSTREAM_ERROR       | ModelScope answered HTTP 500: Internal server error
          503 | 500-internal.json               | UPSTREAM_ERROR       | ModelScope answered HTTP 503: Internal server error
          502 | 502-bad-gateway.html            | UPSTREAM_ERROR       | ModelScope answered HTTP 502.
          """)
  void classifiesModelScopesRefusalsKeepingTheirWords(
      int status, String fixture, ProbeStatus expected, String error) {
    // GIVEN ModelScope refuses the call in one of its two body shapes ({"error":…}, {"errors":…})
    // or an HTML page: a model without a provider, a parameter it does not like (any other 400
    // is not about the model), the account, a spent 魔粒 balance, a used-up limit, a failure
    // WHEN it is classified
    ModelQuota row = classify(status, Headers.of(), Fixtures.read("modelscope/" + fixture), 5);

    // THEN the status that says what to do, with ModelScope's own words (never its HTML)
    assertEquals(expected, row.status());
    assertEquals(error, row.error());
    assertNull(row.note());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertFalse(row.isSuccess());
  }

  @Test
  void aRefusalKeepsTheNumbersItCarries() {
    // GIVEN a 400 for a model without a provider that still sends the user's quota
    Headers some =
        Headers.of(
            QuotaHeaders.REQUESTS_LIMIT, "2000",
            QuotaHeaders.REQUESTS_REMAINING, "1999",
            QuotaHeaders.MODEL_REQUESTS_LIMIT, "0");

    // WHEN it is classified
    ModelQuota row = classify(400, some, Fixtures.read("modelscope/400-no-provider.json"), 1);

    // THEN the model is unavailable, with the numbers it sent, as windows too
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, row.status());
    assertEquals(new RateLimits(2000L, 1999L, 0L, null), row.limits());
    assertEquals(
        List.of(
            new RateWindow("requests_per_day", 2000L, 1999L, MIDNIGHT_SHANGHAI),
            new RateWindow("model_requests_per_day", 0L, null, MIDNIGHT_SHANGHAI)),
        row.windows());
  }

  @Test
  void aBare404IsAnUpstreamErrorNotAMissingModel() {
    // GIVEN a 404 that says nothing about the model (a wrong modelscope.api_base_url, say)
    // WHEN it is classified
    ModelQuota row = classify(404, Headers.of(), "404 page not found", 1);

    // THEN the row does not claim the model is unavailable
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals("ModelScope answered HTTP 404.", row.error());
  }

  // ---------------------------------------------------------------- the key

  @Test
  void tellsWhereToBindAlibabaCloudWhenTheAccountIsNotBound() {
    // GIVEN ModelScope's 401 for an account not bound to Alibaba Cloud
    // WHEN it is classified
    ModelQuota row =
        classify(401, Headers.of(), Fixtures.read("modelscope/401-bind-alibaba-cloud.json"), 1);

    // THEN invalid_key, ModelScope's words, and exactly what to do and where
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertEquals(
        "ModelScope rejected the key (HTTP 401): Please bind your Alibaba Cloud account before"
            + " use. The ModelScope account is not bound to an Alibaba Cloud (Aliyun) account,"
            + " which API-Inference needs: sign in on modelscope.cn, bind one in your account"
            + " settings (https://www.modelscope.cn/my/accountsettings; steps:"
            + " https://www.modelscope.cn/docs/accounts/aliyun-binding-and-authorization),"
            + " complete its real-name verification, then check again.",
        row.error());
  }

  @Test
  void tellsToVerifyTheAlibabaCloudAccountWhenItIsNotRealNameVerified() {
    // GIVEN ModelScope's 403 for a bound Alibaba Cloud account without real-name verification
    // WHEN it is classified
    ModelQuota row =
        classify(403, Headers.of(), Fixtures.read("modelscope/403-aliyun-real-name.json"), 1);

    // THEN invalid_key, and the fix is the verification, not a binding
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertTrue(
        row.error()
            .endsWith(
                " The Alibaba Cloud (Aliyun) account bound to this ModelScope account has not"
                    + " passed real-name verification, which API-Inference needs: complete it from"
                    + " your account settings on modelscope.cn"
                    + " (https://www.modelscope.cn/my/accountsettings), then check again."),
        row.error());
    assertFalse(row.error().contains("bind one"), row.error());
  }

  @Test
  void findsTheAliyunHintBeyondTheShownPartOfALongMessage() {
    // GIVEN a 401 whose message mentions Aliyun only after 300 characters (the shown part)
    String message =
        "Authentication failed. " + "Details follow. ".repeat(25) + "Bind your Aliyun account.";

    // WHEN it is classified
    ModelQuota row =
        classify(401, Headers.of(), "{\"errors\":{\"message\":\"" + message + "\"}}", 1);

    // THEN the binding hint is still given, after the shortened message
    assertTrue(row.error().endsWith("… " + AliyunAccount.BIND.english()), row.error());
  }

  @Test
  void explainsABare401() {
    // GIVEN a 401 without a body
    // WHEN it is classified
    ModelQuota row = classify(401, Headers.of(), "", 1);

    // THEN invalid_key with a hint about what a valid key is
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertEquals(
        "ModelScope rejected the key (HTTP 401). Check that it is a ModelScope access token"
            + " (modelscope.cn → Access Tokens).",
        row.error());
  }

  @Test
  void neverShowsTheKeyAnUpstreamEchoes() {
    // GIVEN an upstream that repeats the key (twice) in its error message
    // WHEN it is classified
    ModelQuota row =
        classify(401, Headers.of(), Fixtures.read("modelscope/401-echoes-key.json"), 1);

    // THEN the message survives with the key's fingerprint instead of the key
    assertEquals(
        "ModelScope rejected the key (HTTP 401): Authentication failed: the token ms-…cdef is not"
            + " valid (Authorization: Bearer [redacted])",
        row.error());
  }

  @Test
  void neverShowsAKeyWithoutAKnownPrefixThatAnUpstreamEchoes() {
    // GIVEN a key that does not look like ms-…, echoed by the upstream
    String plainKey = "Zq8vT3kLm9Xw2RbN4cYd7HfJ";
    UpstreamResponse answer =
        answer(401, Headers.of(), "{\"error\":{\"message\":\"unknown token " + plainKey + "\"}}");

    // WHEN it is classified for that key
    ModelQuota row = ProbeClassifier.classify(MODEL, answer, ApiKey.of(plainKey), 1, NOW);

    // THEN the key is replaced by its fingerprint
    assertEquals("ModelScope rejected the key (HTTP 401): unknown token Zq8…7HfJ", row.error());
  }

  // ---------------------------------------------------------------- helpers

  private static ModelQuota classify(int status, Headers headers, String body, long latencyMs) {
    return ProbeClassifier.classify(MODEL, answer(status, headers, body), KEY, latencyMs, NOW);
  }

  private static UpstreamResponse answer(int status, Headers headers, String body) {
    return new UpstreamResponse(status, headers, body.getBytes(UTF_8), null, null);
  }
}
