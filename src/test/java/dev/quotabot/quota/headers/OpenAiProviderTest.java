package dev.quotabot.quota.headers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.headers.HeaderHarness.NOW;
import static dev.quotabot.quota.headers.HeaderHarness.probe;
import static dev.quotabot.quota.headers.HeaderHarness.streamed;
import static dev.quotabot.quota.headers.HeaderHarness.withHeaders;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.support.LoopbackWireMock;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenAI's chat API against a WireMock stand-in: its documented headers (periods not stated, so the
 * windows are just requests and tokens) and its error answers
 * (https://platform.openai.com/docs/guides/error-codes).
 */
final class OpenAiProviderTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String KEY =
      "sk-proj-TESTKEY0123456789abcdefghijklmnopqrstuvwxyzT3BlbkFJwxyz";
  private static final String MODEL = "gpt-4o-mini";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final HeaderHarness harness = new HeaderHarness();

  @Test
  void readsRequestsAndTokensFromTheDocumentedHeaders() {
    // GIVEN OpenAI answers with the sample values of its rate-limit guide
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("openai/headers-documented.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN the two windows, reset 1s and 6m0s after the answer came
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(
        List.of(
            new RateWindow("requests", 60L, 59L, NOW.plusSeconds(1)),
            new RateWindow("tokens", 150_000L, 149_984L, NOW.plusSeconds(360))),
        row.windows());
    upstream.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"gpt-4o-mini\",\"max_completion_tokens\":1,\"stream\":true}",
                    true,
                    true)));
  }

  @Test
  void readsResetsInMillisecondsAndIgnoresUndocumentedHeaders() {
    // GIVEN the headers of a real answer: resets of 12ms and 9ms, and *_usage_based extras
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("openai/headers-milliseconds.headers")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(
        List.of(
            new RateWindow("requests", 5_000L, 4_999L, NOW.plusMillis(12)),
            new RateWindow("tokens", 160_000L, 159_976L, NOW.plusMillis(9))),
        row.windows());
  }

  @Test
  void aUsedUpCreditIsInsufficientBalanceThoughItComesAsA429() {
    // GIVEN OpenAI's insufficient_quota, sent with status 429 and the usual headers
    upstream.stubFor(
        post(urlPathEqualTo(CHAT))
            .willReturn(
                withHeaders(
                    response(429, "openai/429-insufficient-quota.json"),
                    "openai/headers-documented.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN insufficient_balance, not a rate limit; the windows are still read
    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, row.status());
    assertEquals(
        "The account's credit or quota is used up (HTTP 429): You exceeded your current quota,"
            + " please check your plan and billing details. For more information on this error,"
            + " read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        row.error());
    assertEquals(2, row.windows().size());
  }

  @Test
  void aRateLimitIsLimitReachedWithItsWindows() {
    upstream.stubFor(
        post(urlPathEqualTo(CHAT))
            .willReturn(
                withHeaders(
                    response(429, "openai/429-rate-limit-exceeded.json"),
                    "openai/headers-documented.headers")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(ProbeStatus.LIMIT_REACHED, row.status());
    assertEquals(new RateWindow("requests", 60L, 59L, NOW.plusSeconds(1)), row.windows().get(0));
  }

  @Test
  void anIncorrectKeyIsInvalidAndTheMaskedKeyItQuotesStaysMasked() {
    // GIVEN OpenAI's 401, which quotes the key masked
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(response(401, "openai/401-invalid-api-key.json")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertEquals(
        "OpenAI rejected the key (HTTP 401): Incorrect API key provided:"
            + " sk-proj-********************************wxyz. You can find your API key at"
            + " https://platform.openai.com/account/api-keys.",
        row.error());
  }

  @Test
  void anUnknownModelIsUnavailable() {
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(response(404, "openai/404-model-not-found.json")));

    ModelQuota row = probe(provider(), KEY, "nobody-no-such-model");

    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, row.status());
  }

  @Test
  void negativeCountsAndUnknownUnitsAreUnknownNeverZero() {
    // GIVEN -1 for "no limit" (as Azure's front sends), a duration in days, one without a unit
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("openai/headers-garbage.headers")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN the requests' numbers, no reset; nothing of the tokens
    assertEquals(List.of(new RateWindow("requests", 60L, 59L, null)), row.windows());
  }

  private OpenAiProvider provider() {
    return new OpenAiProvider(harness.http(), URI.create(upstream.baseUrl()), HeaderHarness.CLOCK);
  }
}
