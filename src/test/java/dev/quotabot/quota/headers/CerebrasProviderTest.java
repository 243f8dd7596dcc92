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
 * Cerebras' chat API against a WireMock stand-in: its documented headers (resets in seconds) and
 * its error answers, which are not wrapped in an {@code error} object (bodies as public clients
 * recorded them: {@code {"message":"Wrong API Key",…,"code":"wrong_api_key"}}, {@code
 * {"message":"Requests per minute limit exceeded - too many requests sent.",…}}).
 */
final class CerebrasProviderTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String KEY = "csk-testkey0123456789abcdefghijklmnopqrstuvwxyz0123";
  private static final String MODEL = "llama3.1-8b";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final HeaderHarness harness = new HeaderHarness();

  @Test
  void readsADayOfRequestsAndAMinuteOfTokensWithResetsInSeconds() {
    // GIVEN Cerebras answers with its documented example headers
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("cerebras/headers-documented.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN both windows, each reset that many seconds (fractions kept) after the answer came
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(
        List.of(
            new RateWindow(
                "requests_per_day",
                1_000_000_000L,
                999_997_455L,
                NOW.plusSeconds(33_011).plusNanos(382_867_097)),
            new RateWindow(
                "tokens_per_minute",
                1_000_000_000L,
                999_998_298L,
                NOW.plusSeconds(11).plusNanos(382_867_097))),
        row.windows());
  }

  @Test
  void sendsOneChatCappedAtOneCompletionToken() {
    // GIVEN Cerebras answers
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("cerebras/headers-documented.headers")));

    // WHEN a model is probed
    probe(provider(), KEY, MODEL);

    // THEN the cap is max_completion_tokens, the one Cerebras reserves tokens by
    upstream.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(
                equalToJson("{\"max_completion_tokens\":1,\"stream\":true}", true, true)));
  }

  @Test
  void a429StillTellsTheDocumentedWindows() {
    // GIVEN a per-minute request limit the documented headers do not cover
    upstream.stubFor(
        post(urlPathEqualTo(CHAT))
            .willReturn(
                withHeaders(
                    response(429, "cerebras/429-requests-per-minute.json"),
                    "cerebras/headers-429.headers")));

    // WHEN a model is probed
    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN limit_reached with Cerebras' words (a top-level message), and the windows it did send
    assertEquals(ProbeStatus.LIMIT_REACHED, row.status());
    assertEquals(
        "Rate limit reached (HTTP 429): Requests per minute limit exceeded - too many requests"
            + " sent.",
        row.error());
    assertEquals(
        List.of(
            new RateWindow("requests_per_day", 14_400L, 14_370L, NOW.plusSeconds(3_600)),
            new RateWindow("tokens_per_minute", 60_000L, 59_990L, NOW.plusMillis(500))),
        row.windows());
  }

  @Test
  void aWrongKeyIsSaidInCerebrasWords() {
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(response(401, "cerebras/401-wrong-api-key.json")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertEquals("Cerebras rejected the key (HTTP 401): Wrong API Key", row.error());
  }

  @Test
  void aModelCerebrasDoesNotServeIsUnavailable() {
    // GIVEN a top-level model_not_found
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(response(404, "cerebras/404-model-not-found.json")));

    ModelQuota row = probe(provider(), KEY, "nobody-no-such-model");

    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, row.status());
    assertEquals(
        "Model not available on Cerebras (HTTP 404): Model nobody-no-such-model does not exist"
            + " or you do not have access to it.",
        row.error());
  }

  @Test
  void resetsThatAreNotSecondsAndCountsThatAreNotCountsAreUnknown() {
    // GIVEN a Go duration and a negative number for resets, words and exponents for counts
    upstream.stubFor(
        post(urlPathEqualTo(CHAT)).willReturn(streamed("cerebras/headers-garbage.headers")));

    ModelQuota row = probe(provider(), KEY, MODEL);

    // THEN only the day's limit is read
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(List.of(new RateWindow("requests_per_day", 14_400L, null, null)), row.windows());
  }

  private CerebrasProvider provider() {
    return new CerebrasProvider(
        harness.http(), URI.create(upstream.baseUrl()), HeaderHarness.CLOCK);
  }
}
