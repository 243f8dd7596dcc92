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
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.support.LoopbackWireMock;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Groq's chat API against a WireMock stand-in: its documented headers and error answers. */
final class GroqProviderTest {
  private static final String CHAT = "/openai/v1/chat/completions";
  private static final String KEY = "gsk_TESTKEY0123456789abcdefghijklmnopqrstuvwxyzABCD";
  private static final String MODEL = "llama-3.1-8b-instant";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final HeaderHarness harness = new HeaderHarness();

  @Test
  void readsADayOfRequestsAndAMinuteOfTokensFromTheDocumentedHeaders() {
    // GIVEN Groq answers with the header set its rate-limit page documents
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("groq/headers-documented.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN two named windows, the resets counted from when the answer came; the seed's four
    // ModelScope numbers stay unknown
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(
        List.of(
            new RateWindow("requests_per_day", 14_400L, 14_370L, NOW.plusMillis(179_560)),
            new RateWindow("tokens_per_minute", 18_000L, 17_997L, NOW.plusMillis(7_660))),
        row.windows());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertNull(row.error());
    assertNull(row.note());
  }

  @Test
  void sendsTheCheapestStreamedChatWithTheKeyAsABearerToken() {
    // GIVEN Groq answers
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("groq/headers-documented.headers")));

    // WHEN a model is probed
    probe(provider(), KEY, MODEL);

    // THEN one chat completion under the OpenAI-compatible base: one output token, streamed
    upstream.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\""
                        + MODEL
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"max_completion_tokens\":1,\"stream\":true}")));
  }

  @Test
  void aBaseUrlEndingInV1ReachesTheSameEndpoint() {
    // GIVEN the operator pasted Groq's OpenAI-style base with /v1/
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("groq/headers-documented.headers")));
    GroqProvider provider =
        new GroqProvider(
            harness.http(), URI.create(upstream.baseUrl() + "/openai/v1/"), HeaderHarness.CLOCK);

    // WHEN a model is probed
    ModelQuota row = probe(provider, KEY, MODEL);

    // THEN /openai/v1/chat/completions was asked
    assertEquals(ProbeStatus.OK, row.status());
    upstream.verify(exactly(1), postRequestedFor(urlPathEqualTo(CHAT)));
  }

  @Test
  void a429StillTellsWhatIsLeftAndWhenItComesBack() {
    // GIVEN the minute of tokens is used up: a 429 with Groq's message and its headers
    upstream.stubFor(
        post(urlPathEqualTo(CHAT))
            .willReturn(
                withHeaders(
                    response(429, "groq/429-rate-limit-exceeded.json"),
                    "groq/headers-429.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN limit_reached, with both windows (a Go duration of hours, minutes and seconds, and one
    // of milliseconds) and Groq's words
    assertEquals(ProbeStatus.LIMIT_REACHED, row.status());
    assertEquals(
        List.of(
            new RateWindow("requests_per_day", 14_400L, 14_299L, NOW.plusMillis(3_723_500)),
            new RateWindow("tokens_per_minute", 18_000L, 0L, NOW.plusMillis(120))),
        row.windows());
    assertEquals(
        "Rate limit reached (HTTP 429): Rate limit reached for model `llama-3.1-8b-instant` in"
            + " organization `org_01testorganization` service tier `on_demand` on tokens per"
            + " minute (TPM): Limit 18000, Used 17990, Requested 40. Please try again in 120ms."
            + " Need more tokens? Upgrade to Dev Tier today at"
            + " https://console.groq.com/settings/billing",
        row.error());
  }

  @Test
  void anInvalidKeyIsSaidInGroqsWords() {
    // GIVEN Groq refuses the key (api.groq.com's 401 body)
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(response(401, "groq/401-invalid-api-key.json")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN invalid_key, no window
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertEquals("Groq rejected the key (HTTP 401): Invalid API Key", row.error());
    assertEquals(List.of(), row.windows());
  }

  @Test
  void aModelGroqDoesNotServeIsUnavailable() {
    // GIVEN Groq's model_not_found answer
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(response(404, "groq/404-model-not-found.json")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, "nobody/no-such-model");

    // THEN model_unavailable, with Groq's words
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, row.status());
    assertEquals(
        "Model not available on Groq (HTTP 404): The model `nobody/no-such-model` does not exist"
            + " or you do not have access to it.",
        row.error());
  }

  @Test
  void anOverloadedGroqIsAnUpstreamError() {
    // GIVEN Groq is over capacity
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(response(503, "groq/503-over-capacity.json")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN upstream_error with its words, no window
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals(
        "Groq answered HTTP 503: llama-3.1-8b-instant is currently over capacity. Please try"
            + " again and back off exponentially.",
        row.error());
    assertEquals(List.of(), row.windows());
  }

  @Test
  void valuesThatAreNotWhatTheDocsPromiseAreUnknownNeverZero() {
    // GIVEN a 200 whose headers hold a negative count, words, a fraction and a date for a duration
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("groq/headers-garbage.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN only the one good number is read; the day's window, with nothing readable, is not shown
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(List.of(new RateWindow("tokens_per_minute", 18_000L, null, null)), row.windows());
  }

  private GroqProvider provider() {
    return new GroqProvider(
        harness.http(), URI.create(upstream.baseUrl() + "/openai"), HeaderHarness.CLOCK);
  }
}
