package dev.quotabot.quota.modelscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static dev.quotabot.support.Numbers.elapsedMs;
import static dev.quotabot.support.UpstreamProbes.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.Ports;
import dev.quotabot.support.UpstreamProbes;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One probe against a WireMock stand-in for ModelScope API-Inference, wired as in production. */
final class ModelScopeProbeTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String MODEL = "Qwen/Qwen3-32B";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @RegisterExtension
  static final WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(WireMockConfiguration.options().dynamicPort().containerThreads(40))
          .build();

  private UpstreamProbes probes;

  @BeforeEach
  void wireProbe() {
    probes = UpstreamProbes.against(upstream.baseUrl() + "/v1");
  }

  @AfterEach
  void closeProbe() {
    probes.close();
  }

  // ---------------------------------------------------------------- the request

  @Test
  void sendsTheCheapestStreamingChatWithTheBearerKey() {
    // GIVEN ModelScope answers 200
    upstream.stubFor(post(CHAT).willReturn(quotaHeaders(aResponse().withStatus(200), 2000, 500)));

    // WHEN one model is probed
    probe(MODEL);

    // THEN exactly one chat call went out: bearer key, JSON, 1 token, streamed
    upstream.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"Qwen/Qwen3-32B\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"max_tokens\":1,\"stream\":true}")));
  }

  @Test
  void escapesTheModelNameInTheJsonBody() {
    // GIVEN a model id with quotes and a backslash
    upstream.stubFor(post(CHAT).willReturn(aResponse().withStatus(200)));
    String odd = "Org/we\"ird\\name";

    // WHEN it is probed
    probe(odd);

    // THEN it arrives as that exact JSON string, not as broken or injected JSON
    upstream.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"Org/we\\\"ird\\\\name\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"max_tokens\":1,\"stream\":true}")));
  }

  @Test
  void appendsChatCompletionsToABaseUrlWithATrailingSlash() {
    // GIVEN the base URL is configured with a trailing slash
    upstream.stubFor(post(CHAT).willReturn(aResponse().withStatus(200)));
    try (UpstreamProbes slashed = UpstreamProbes.against(upstream.baseUrl() + "/v1/")) {
      // WHEN a model is probed
      slashed.probe().probe(ApiKey.of(KEY), MODEL, TIMEOUT).join();
    }

    // THEN the path has exactly one slash between base and endpoint
    upstream.verify(exactly(1), postRequestedFor(urlEqualTo(CHAT)));
  }

  // ---------------------------------------------------------------- quota headers

  @Test
  void readsAllFourHeadersOn200() {
    // GIVEN ModelScope reports all four numbers
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("modelscope-ratelimit-requests-limit", "2000")
                    .withHeader("modelscope-ratelimit-requests-remaining", "1500")
                    .withHeader("modelscope-ratelimit-model-requests-limit", "500")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "20")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the row is ok with exactly those numbers
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(new RateLimits(2000L, 1500L, 500L, 20L), row.limits());
    assertEquals(MODEL, row.model());
    assertNull(row.error());
    assertNull(row.note());
    assertTrue(row.isSuccess());
  }

  @Test
  void readsHeadersWhateverTheirCase() {
    // GIVEN a proxy that capitalises header names
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("ModelScope-RateLimit-Requests-Limit", "2000")
                    .withHeader("MODELSCOPE-RATELIMIT-REQUESTS-REMAINING", "1")
                    .withHeader("Modelscope-Ratelimit-Model-Requests-Limit", "100")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "0")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the numbers are read (and a real 0 stays 0)
    assertEquals(new RateLimits(2000L, 1L, 100L, 0L), row.limits());
    assertEquals(ProbeStatus.OK, row.status());
  }

  @Test
  void readsHeadersOn400AndReportsTheModelUnavailable() {
    // GIVEN ModelScope has no provider for the model, and still sends the user's quota
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                quotaHeaders(response(400, "modelscope/400-no-provider.json"), 2000, 1999)
                    .withHeader("modelscope-ratelimit-model-requests-limit", "0")));

    // WHEN the model is probed
    ModelQuota row = probe("Org/Missing-Model");

    // THEN the row says the model is unavailable, with ModelScope's words and the numbers
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, row.status());
    assertEquals(new RateLimits(2000L, 1999L, 0L, null), row.limits());
    assertTrue(row.error().contains("HTTP 400"), row.error());
    assertTrue(row.error().contains("has no provider supported"), row.error());
    assertNull(row.note());
    assertFalse(row.isSuccess());
  }

  @Test
  void readsHeadersOn429() {
    // GIVEN the model's daily limit is used up ({"error":{…}} body shape)
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                quotaHeaders(response(429, "modelscope/429-limit-reached.json"), 2000, 1200)
                    .withHeader("modelscope-ratelimit-model-requests-limit", "500")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "0")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN limit_reached, with the numbers and the upstream message
    assertEquals(ProbeStatus.LIMIT_REACHED, row.status());
    assertEquals(new RateLimits(2000L, 1200L, 500L, 0L), row.limits());
    assertTrue(row.error().contains("今日已达到使用量上限"), row.error());
    assertTrue(row.error().contains("HTTP 429"), row.error());
  }

  @Test
  void readsTheErrorsShapeOn429() {
    // GIVEN the other body shape, {"errors":{"message":…}}
    upstream.stubFor(
        post(CHAT).willReturn(response(429, "modelscope/429-request-limit-exceeded.json")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the message is found all the same; unknown numbers are null
    assertEquals(ProbeStatus.LIMIT_REACHED, row.status());
    assertTrue(row.error().contains("Request limit exceeded."), row.error());
    assertEquals(RateLimits.UNKNOWN, row.limits());
  }

  @Test
  void neverRetriesA429() {
    // GIVEN every call is refused with 429
    upstream.stubFor(post(CHAT).willReturn(response(429, "modelscope/429-limit-reached.json")));

    // WHEN the model is probed
    probe(MODEL);

    // THEN ModelScope saw one call: a retry could spend quota again
    upstream.verify(exactly(1), postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void missingHeadersAreUnknownNotZero() {
    // GIVEN a 200 without any quota header (as reported since the 魔粒 change)
    upstream.stubFor(post(CHAT).willReturn(aResponse().withStatus(200)));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the probe worked, every number is null and a note says why
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertNull(row.error());
    assertNotNull(row.note());
    assertTrue(row.isSuccess());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/html; charset=utf-8", "TEXT/HTML", "application/xhtml+xml"})
  void aWebPageAnsweringIsAnUpstreamErrorNotASuccess(String contentType) {
    // GIVEN a 200 with a login page (a proxy or captive portal in the way), no quota headers
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", contentType)
                    .withBody("<html><body>Sign in</body></html>")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN it did not work: upstream_error saying a web page answered, numbers unknown
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status(), row.toString());
    assertFalse(row.isSuccess());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertTrue(row.error().contains("with a web page instead of a chat answer"), row.error());
  }

  @Test
  void someMissingHeadersLeaveOnlyThoseUnknown() {
    // GIVEN the user-level headers but not the per-model ones
    upstream.stubFor(post(CHAT).willReturn(quotaHeaders(aResponse().withStatus(200), 2000, 42)));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the known numbers are kept, the missing ones are null, never 0
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status());
    assertEquals(new RateLimits(2000L, 42L, null, null), row.limits());
    assertNull(row.error());
    assertNotNull(row.note());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc", "-5", "1e3", "12.5", "0x10", "99999999999999999999", "GARBAGE-7d1e0c"})
  void garbageHeadersAreUnknownAndNeverEchoed(String garbage) {
    // GIVEN a header that is not a whole number, beside a good one
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("modelscope-ratelimit-requests-limit", "2000")
                    .withHeader("modelscope-ratelimit-requests-remaining", garbage)
                    .withHeader("modelscope-ratelimit-model-requests-limit", garbage)
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "3")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the bad values are null (not 0), the status says so, and the raw value appears nowhere
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status());
    assertEquals(new RateLimits(2000L, null, null, 3L), row.limits());
    assertNull(row.error());
    assertNotNull(row.note());
    assertFalse(row.toString().contains(garbage), row.toString());
  }

  // ---------------------------------------------------------------- classification

  @Test
  void keepsModelScopesAliyunBindingHintOn401() {
    // GIVEN ModelScope refuses a key whose account is not bound to Aliyun
    upstream.stubFor(post(CHAT).willReturn(response(401, "modelscope/401-bind-aliyun.json")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN invalid_key, and the row still tells the user to bind the Aliyun account
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertTrue(row.error().contains("bind your Alibaba Cloud (Aliyun) account"), row.error());
    assertTrue(row.error().contains("HTTP 401"), row.error());
    assertEquals(RateLimits.UNKNOWN, row.limits());
  }

  @Test
  void recognisesTheAliyunHintInChinese() {
    // GIVEN the same refusal in Chinese
    upstream.stubFor(post(CHAT).willReturn(response(401, "modelscope/401-bind-aliyun-zh.json")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN ModelScope's words are kept and the English hint is added
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertTrue(row.error().contains("请先绑定阿里云账号"), row.error());
    assertTrue(row.error().contains("Aliyun"), row.error());
  }

  @Test
  void explainsA401WithoutBody() {
    // GIVEN a bare 401
    upstream.stubFor(post(CHAT).willReturn(aResponse().withStatus(401)));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN invalid_key with a hint about what a valid key is
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertTrue(row.error().contains("access token"), row.error());
  }

  @ParameterizedTest(name = "HTTP {0} ({1}) is {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          403 | 403-forbidden.json         | INVALID_KEY          | real-name verification required
          402 | 402-balance-exhausted.json | INSUFFICIENT_BALANCE | magicube balance exhausted
          404 | 404-no-provider.json       | MODEL_UNAVAILABLE    |
          400 | 400-bad-parameter.json     | UPSTREAM_ERROR       | max_tokens must be positive
          """)
  void classifiesModelScopesErrorAnswersKeepingTheirWords(
      int status, String fixture, ProbeStatus expected, String words) {
    // GIVEN ModelScope refuses the call: a 403 for the account, a spent 魔粒 balance, a model
    // without a provider, a parameter it does not like (any other 400 is not about the model)
    upstream.stubFor(post(CHAT).willReturn(response(status, "modelscope/" + fixture)));

    // WHEN the model is probed
    ModelQuota row = probe("Org/Missing-Model");

    // THEN the status that says what to do, with ModelScope's own words
    assertEquals(expected, row.status());
    if (words != null) {
      assertTrue(row.error().contains(words), row.error());
    }
  }

  @ParameterizedTest
  @CsvSource({"500, 500-internal.json", "502, 502-bad-gateway.html", "503, 500-internal.json"})
  void reports5xxAsUpstreamError(int status, String fixture) {
    // GIVEN ModelScope fails
    upstream.stubFor(post(CHAT).willReturn(response(status, "modelscope/" + fixture)));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN upstream_error naming the status; an HTML page is never copied into the row
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertTrue(row.error().contains("HTTP " + status), row.error());
    assertFalse(row.error().contains("<"), row.error());
    upstream.verify(exactly(1), postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void neverShowsTheKeyAnUpstreamEchoes() {
    // GIVEN an upstream that repeats the key (twice) in its error message
    upstream.stubFor(post(CHAT).willReturn(response(401, "modelscope/401-echoes-key.json")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the message survives but the key does not
    assertEquals(ProbeStatus.INVALID_KEY, row.status());
    assertTrue(row.error().contains("Authentication failed"), row.error());
    assertFalse(row.error().contains(KEY), row.error());
    assertFalse(row.error().contains("1234567890abcdef"), row.error());
    assertFalse(row.toString().contains(KEY));
  }

  @Test
  void neverShowsAKeyWithoutAKnownPrefixThatAnUpstreamEchoes() {
    // GIVEN a key that does not look like ms-…, echoed by the upstream
    String plainKey = "Zq8vT3kLm9Xw2RbN4cYd7HfJ";
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":{\"message\":\"unknown token " + plainKey + "\"}}")));

    // WHEN the model is probed with it
    ModelQuota row = probes.probe().probe(ApiKey.of(plainKey), MODEL, TIMEOUT).join();

    // THEN the key is replaced by its fingerprint
    assertFalse(row.error().contains(plainKey), row.error());
    assertTrue(row.error().contains("unknown token"), row.error());
  }

  @Test
  void readsOnlyAFewKilobytesOfAnErrorBody() {
    // GIVEN a 500 whose (huge) body keeps streaming for 30 s
    // (timing matters here: the probe must stop reading, not wait for the body to end)
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody("x".repeat(1_000_000))
                    .withChunkedDribbleDelay(50, 30_000)));

    // WHEN the model is probed
    long started = System.nanoTime();
    ModelQuota row = probe(MODEL);
    long elapsedMs = elapsedMs(started);

    // THEN it answers long before the body would have ended, with a short error
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
    assertTrue(row.error().length() < 400, row.error());
  }

  @Test
  void aBare404IsAnUpstreamErrorNotAMissingModel() {
    // GIVEN a 404 that says nothing about the model (a wrong modelscope.api_base_url, say)
    upstream.stubFor(
        post(CHAT).willReturn(aResponse().withStatus(404).withBody("404 page not found")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the row does not claim the model is unavailable
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertTrue(row.error().contains("HTTP 404"), row.error());
  }

  @Test
  void findsTheAliyunHintBeyondTheShownPartOfALongMessage() {
    // GIVEN a 401 whose message mentions Aliyun only after 300 characters
    String message =
        "Authentication failed. " + "Details follow. ".repeat(25) + "Bind your Aliyun account.";
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"errors\":{\"message\":\"" + message + "\"}}")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the binding hint is still given
    assertTrue(row.error().contains("Bind your Alibaba Cloud (Aliyun) account"), row.error());
  }

  // ---------------------------------------------------------------- time and the network

  @Test
  void slowHeadersBecomeATimeoutRowPromptly() {
    // GIVEN ModelScope takes 3 s to send any header, and the probe may take 300 ms
    // (timing matters here: the probe must give up at its timeout, not when the upstream answers)
    upstream.stubFor(post(CHAT).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    // WHEN the model is probed
    long started = System.nanoTime();
    ModelQuota row = probes.probe().probe(ApiKey.of(KEY), MODEL, Duration.ofMillis(300)).join();
    long elapsedMs = elapsedMs(started);

    // THEN a timeout row, well before the upstream would have answered
    assertEquals(ProbeStatus.TIMEOUT, row.status());
    assertTrue(row.error().contains("300 ms"), row.error());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertTrue(elapsedMs < 1_500, "took " + elapsedMs + " ms");
  }

  @Test
  void returnsAsSoonAsHeadersArriveWhileTheAnswerStreamsFor30Seconds() {
    // GIVEN headers at once, then an answer that dribbles for 30 s in 300 chunks
    // (timing matters here: this is the whole point of streaming with max_tokens 1; WireMock
    // flushes the headers together with the first chunk, 100 ms in)
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                quotaHeaders(aResponse().withStatus(200), 2000, 1000)
                    .withHeader("modelscope-ratelimit-model-requests-limit", "500")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "499")
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(Fixtures.read("modelscope/200-stream.txt").repeat(30))
                    .withChunkedDribbleDelay(300, 30_000)));

    // WHEN the model is probed with the production timeout
    long started = System.nanoTime();
    ModelQuota row = probes.probe().probe(ApiKey.of(KEY), MODEL, Duration.ofSeconds(10)).join();
    long elapsedMs = elapsedMs(started);

    // THEN the numbers are back in well under 3 s, long before the stream ends
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(new RateLimits(2000L, 1000L, 500L, 499L), row.limits());
    assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
    System.out.printf("streaming abort: headers read and probe returned in %d ms%n", elapsedMs);
  }

  @Test
  void keepsTheHeadersOfAnErrorWhoseBodyStalls() {
    // GIVEN a 429 with quota headers whose body then trickles for 20 s
    // (timing matters here: the headers must not be lost to the probe timeout)
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                quotaHeaders(aResponse().withStatus(429), 2000, 0)
                    .withHeader("modelscope-ratelimit-model-requests-limit", "500")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "0")
                    .withBody("{\"error\":{\"message\":\"" + "slow ".repeat(1_000) + "\"}}")
                    .withChunkedDribbleDelay(100, 20_000)));

    // WHEN the model is probed with a 1.5 s timeout
    long started = System.nanoTime();
    ModelQuota row = probes.probe().probe(ApiKey.of(KEY), MODEL, Duration.ofMillis(1_500)).join();
    long elapsedMs = elapsedMs(started);

    // THEN the row says limit_reached with the numbers, by the probe timeout
    assertEquals(ProbeStatus.LIMIT_REACHED, row.status(), row.toString());
    assertEquals(new RateLimits(2000L, 0L, 500L, 0L), row.limits());
    assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void connectionFailuresBecomeNetworkErrorRows(Fault fault) {
    // GIVEN the connection breaks before a status line arrives
    upstream.stubFor(post(CHAT).willReturn(aResponse().withFault(fault)));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN a network_error row with unknown numbers, after exactly one attempt
    assertEquals(ProbeStatus.NETWORK_ERROR, row.status(), row.toString());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertNotNull(row.error());
    upstream.verify(exactly(1), postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void aMalformedChunkAfterA200StatusLineNeverBecomesNumbers() {
    // GIVEN "HTTP/1.1 200" with no quota headers, then garbage and a closed connection.
    // The probe stops reading at the headers (it never waits for generated tokens), so it
    // cannot see the garbage: what it saw was a 200 without quota headers.
    upstream.stubFor(post(CHAT).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    // WHEN the model is probed
    long started = System.nanoTime();
    ModelQuota row = probe(MODEL);

    // THEN promptly a row whose numbers are unknown (never 0), after exactly one attempt
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status(), row.toString());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertTrue(elapsedMs(started) < 3_000);
    upstream.verify(exactly(1), postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void aRefusedConnectionBecomesANetworkErrorRow() throws Exception {
    // GIVEN a port nobody listens on
    int closedPort = Ports.unused();
    try (UpstreamProbes nowhere =
        UpstreamProbes.against("http://127.0.0.1:" + closedPort + "/v1")) {
      // WHEN a model is probed there
      ModelQuota row =
          nowhere.probe().probe(ApiKey.of(KEY), MODEL, TIMEOUT).get(5, TimeUnit.SECONDS);

      // THEN network_error saying the connection failed
      assertEquals(ProbeStatus.NETWORK_ERROR, row.status());
      assertTrue(row.error().contains("connect"), row.error());
    }
  }

  // ---------------------------------------------------------------- logs

  @Test
  void neverLogsTheKey() throws IOException {
    // GIVEN an upstream that answers every way it can, echoing the key where it has a body
    String[] models = {"ok", "echo401", "echo429", "echo500", "reset", "empty", "slow"};
    upstream.stubFor(
        post(CHAT).withRequestBody(model("ok")).willReturn(aResponse().withStatus(200)));
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(model("echo401"))
            .willReturn(response(401, "modelscope/401-echoes-key.json")));
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(model("echo429"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withBody("{\"error\":{\"message\":\"limit for " + KEY + "\"}}")));
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(model("echo500"))
            .willReturn(aResponse().withStatus(500).withBody("<p>Bearer " + KEY + "</p>")));
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(model("reset"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(model("empty"))
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(model("slow"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

    try (LogCapture logs = LogCapture.open()) {
      // WHEN every model is probed
      StringBuilder rows = new StringBuilder();
      for (String model : models) {
        rows.append(probes.probe().probe(ApiKey.of(KEY), model, Duration.ofMillis(400)).join())
            .append('\n');
      }

      // THEN neither the rows nor any log line holds the key (and the capture did see the
      // probe's own debug lines, so it was listening)
      assertTrue(logs.text().contains("probe of reset failed"), logs.text());
      assertFalse(rows.toString().contains(KEY), rows.toString());
      assertFalse(logs.text().contains(KEY), logs.text());
      assertFalse(logs.text().contains("1234567890abcdef"), logs.text());
    }
  }

  // ---------------------------------------------------------------- helpers

  private ModelQuota probe(String model) {
    return probes.probe().probe(ApiKey.of(KEY), model, TIMEOUT).join();
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern model(String model) {
    return com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
        "$.model", equalTo(model));
  }

  private static ResponseDefinitionBuilder quotaHeaders(
      ResponseDefinitionBuilder response, long limit, long remaining) {
    return response
        .withHeader("modelscope-ratelimit-requests-limit", Long.toString(limit))
        .withHeader("modelscope-ratelimit-requests-remaining", Long.toString(remaining));
  }
}
