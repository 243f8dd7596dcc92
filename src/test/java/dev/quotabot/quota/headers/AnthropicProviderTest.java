package dev.quotabot.quota.headers;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anthropic's Messages API against a WireMock stand-in: its own call (x-api-key, anthropic-version,
 * max_tokens), its RFC 3339 headers and its error answers
 * (https://docs.anthropic.com/en/api/errors: {@code {"type":"error","error":{"type","message"}}}).
 */
final class AnthropicProviderTest {
  private static final String MESSAGES = "/v1/messages";
  private static final String KEY = "sk-ant-api03-TESTKEY0123456789abcdefghijklmnopqrstuvwxyz-AA";
  private static final String MODEL = "claude-haiku-4-5";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final HeaderHarness harness = new HeaderHarness();

  @Test
  void readsTheFourWindowsOfARecordedAnswer() {
    // GIVEN the headers of a real Messages API answer
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES)).willReturn(streamed("anthropic/headers-recorded.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN requests, tokens (no period: the most restrictive limit in effect), input and output
    // tokens, each with its own RFC 3339 reset
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(
        List.of(
            new RateWindow(
                "requests_per_minute", 1_000L, 999L, Instant.parse("2025-08-21T12:40:59Z")),
            new RateWindow("tokens", 96_000L, 96_000L, Instant.parse("2025-08-21T12:40:59Z")),
            new RateWindow(
                "input_tokens_per_minute", 80_000L, 80_000L, Instant.parse("2025-08-21T12:40:59Z")),
            new RateWindow(
                "output_tokens_per_minute",
                16_000L,
                16_000L,
                Instant.parse("2025-08-21T12:41:00Z"))),
        row.windows());
  }

  @Test
  void callsTheMessagesApiWithTheKeyInXApiKeyAndOneOutputToken() {
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES)).willReturn(streamed("anthropic/headers-recorded.headers")));

    probe(provider(), KEY, MODEL);

    upstream.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo(MESSAGES))
            .withHeader("x-api-key", equalTo(KEY))
            .withHeader("anthropic-version", equalTo("2023-06-01"))
            .withHeader("Authorization", absent())
            .withRequestBody(
                equalToJson(
                    "{\"model\":\""
                        + MODEL
                        + "\",\"max_tokens\":1,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}")));
  }

  @Test
  void a429StillTellsTheWindowsWithResetsInAnyRfc3339Form() {
    // GIVEN the minute's input tokens are used up; resets with a fraction and with an offset
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(
                withHeaders(
                    response(429, "anthropic/429-rate-limit-error.json"),
                    "anthropic/headers-429.headers")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(ProbeStatus.LIMIT_REACHED, row.status());
    assertEquals(
        List.of(
            new RateWindow(
                "requests_per_minute", 50L, 49L, Instant.parse("2026-11-24T01:30:01.5Z")),
            new RateWindow(
                "input_tokens_per_minute", 20_000L, 0L, Instant.parse("2026-11-24T01:30:20Z"))),
        row.windows());
    assertEquals(
        "Rate limit reached (HTTP 429): This request would exceed the rate limit for your"
            + " organization of 20,000 input tokens per minute. For details, refer to:"
            + " https://docs.claude.com/en/api/rate-limits.",
        row.error());
  }

  @Test
  void aWrongKeyIsSaidInAnthropicsWords() {
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(response(401, "anthropic/401-authentication-error.json")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertEquals("Anthropic rejected the key (HTTP 401): invalid x-api-key", row.error());
  }

  @Test
  void aCreditBalanceTooLowIsInsufficientBalanceThoughItComesAsA400() {
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(response(400, "anthropic/400-credit-balance-too-low.json")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, row.status());
    assertEquals(
        "The account's credit or quota is used up (HTTP 400): Your credit balance is too low to"
            + " access the Anthropic API. Please go to Plans & Billing to upgrade or purchase"
            + " credits.",
        row.error());
  }

  @Test
  void anUnknownModelIsUnavailable() {
    // GIVEN Anthropic's not_found_error, whose message only names the model
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(response(404, "anthropic/404-model-not-found.json")));

    ModelQuota row = probe(provider(), KEY, "claude-no-such-model");

    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, row.status());
    assertEquals(
        "Model not available on Anthropic (HTTP 404): model: claude-no-such-model", row.error());
  }

  @Test
  void anOverloadedAnthropicIsAnUpstreamError() {
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES)).willReturn(response(529, "anthropic/529-overloaded.json")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals("Anthropic answered HTTP 529: Overloaded", row.error());
  }

  @Test
  void resetsThatAreNotRfc3339AreUnknown() {
    // GIVEN a duration, unix seconds and a time without a zone where RFC 3339 is promised
    upstream.stubFor(
        post(urlPathEqualTo(MESSAGES)).willReturn(streamed("anthropic/headers-garbage.headers")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN the one readable number, nothing made up
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(List.of(new RateWindow("requests_per_minute", 50L, null, null)), row.windows());
  }

  private AnthropicProvider provider() {
    return new AnthropicProvider(
        harness.http(), URI.create(upstream.baseUrl()), HeaderHarness.CLOCK);
  }
}
