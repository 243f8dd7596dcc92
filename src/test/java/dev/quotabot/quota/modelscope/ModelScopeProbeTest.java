package dev.quotabot.quota.modelscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static dev.quotabot.support.Numbers.elapsedMs;
import static dev.quotabot.support.UpstreamProbes.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.Ports;
import dev.quotabot.support.UpstreamProbes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One probe through the real {@link ModelScopeProvider} on the production upstream clients
 * (OkHttp), against a WireMock stand-in for ModelScope API-Inference: what is sent, how soon the
 * answer is taken, and how the network's failures end. What an answer means is {@link
 * ProbeClassifierTest}'s business.
 */
final class ModelScopeProbeTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String MODEL = "Qwen/Qwen3-32B";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @RegisterExtension
  static final WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(WireMockConfiguration.options().dynamicPort().containerThreads(40))
          .build();

  @AutoClose private UpstreamProbes probes;

  @BeforeEach
  void wireProbe() {
    probes = UpstreamProbes.against(upstream.baseUrl() + "/v1");
  }

  // ---------------------------------------------------------------- the request

  @Test
  void sendsTheCheapestStreamingChatWithTheBearerKey() {
    // GIVEN ModelScope answers 200
    upstream.stubFor(post(CHAT).willReturn(quotaHeaders(aResponse().withStatus(200), 2000, 500)));

    // WHEN one model is probed
    probe(MODEL);

    // THEN exactly one chat call went out: bearer key, JSON, asking for a stream, 1 token
    upstream.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(CHAT))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
            .withHeader("Accept", equalTo("text/event-stream"))
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
      slashed.probe(KEY, MODEL, TIMEOUT).join();
    }

    // THEN the path has exactly one slash between base and endpoint
    upstream.verify(exactly(1), postRequestedFor(urlEqualTo(CHAT)));
  }

  @ParameterizedTest
  @EnumSource(
      value = Answer.class,
      names = {"LIMIT_REACHED", "UNAVAILABLE", "RESET", "EMPTY"})
  void sendsEachProbeExactlyOnceWhateverTheAnswer(Answer answer) {
    // GIVEN ModelScope refuses with 429, fails with 503, or breaks the connection
    upstream.stubFor(post(CHAT).willReturn(answer.answer()));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN it failed, and ModelScope saw one call: a retry could spend quota again
    assertFalse(row.isSuccess(), row.toString());
    upstream.verify(exactly(1), postRequestedFor(urlEqualTo(CHAT)));
  }

  // ---------------------------------------------------------------- the answer

  @Test
  void readsAllFourHeadersOfA200() {
    // GIVEN ModelScope reports all four numbers
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                quotaHeaders(aResponse().withStatus(200), 2000, 1500)
                    .withHeader("modelscope-ratelimit-model-requests-limit", "500")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "20")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN the row is ok with exactly those numbers
    assertEquals(
        new ModelQuota(
            MODEL, new RateLimits(2000L, 1500L, 500L, 20L), ProbeStatus.OK, null, null, 0),
        withoutLatency(row));
  }

  @Test
  void readsTheHeadersAndTheMessageOfAnErrorAnswer() {
    // GIVEN the model's daily limit is used up: quota headers and a JSON message
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                quotaHeaders(response(429, "modelscope/429-limit-reached.json"), 2000, 1200)
                    .withHeader("modelscope-ratelimit-model-requests-limit", "500")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "0")));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN limit_reached, with the numbers and the upstream's words
    assertEquals(ProbeStatus.LIMIT_REACHED, row.status());
    assertEquals(new RateLimits(2000L, 1200L, 500L, 0L), row.limits());
    assertEquals(
        "Rate or daily limit reached (HTTP 429): You have exceeded today's quota for model"
            + " Qwen/Qwen3-32B, 今日已达到使用量上限",
        row.error());
  }

  // ---------------------------------------------------------------- time

  @Test
  void slowHeadersBecomeATimeoutRowPromptly() {
    // GIVEN ModelScope takes 3 s to send any header, and the probe may take 300 ms
    // (timing matters here: the probe must give up at its timeout, not when the upstream answers)
    upstream.stubFor(post(CHAT).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    // WHEN the model is probed
    long started = System.nanoTime();
    ModelQuota row = probes.probe(KEY, MODEL, Duration.ofMillis(300)).join();
    long elapsedMs = elapsedMs(started);

    // THEN a timeout row, well before the upstream would have answered
    assertEquals(ProbeStatus.TIMEOUT, row.status());
    assertEquals("ModelScope did not answer within 300 ms.", row.error());
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
    ModelQuota row = probes.probe(KEY, MODEL, Duration.ofSeconds(10)).join();
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
    ModelQuota row = probes.probe(KEY, MODEL, Duration.ofMillis(1_500)).join();
    long elapsedMs = elapsedMs(started);

    // THEN the row says limit_reached with the numbers, by the probe timeout
    assertEquals(ProbeStatus.LIMIT_REACHED, row.status(), row.toString());
    assertEquals(new RateLimits(2000L, 0L, 500L, 0L), row.limits());
    assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
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
    assertEquals("ModelScope answered HTTP 500.", row.error());
  }

  // ---------------------------------------------------------------- the network

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void connectionFailuresBecomeNetworkErrorRows(Fault fault) {
    // GIVEN the connection breaks before a status line arrives
    upstream.stubFor(post(CHAT).willReturn(aResponse().withFault(fault)));

    // WHEN the model is probed
    ModelQuota row = probe(MODEL);

    // THEN a network_error row with unknown numbers that names ModelScope
    assertEquals(ProbeStatus.NETWORK_ERROR, row.status(), row.toString());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertNotNull(row.error());
    assertTrue(row.error().contains("ModelScope"), row.error());
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

    // THEN promptly a row whose numbers are unknown (never 0)
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status(), row.toString());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertTrue(elapsedMs(started) < 3_000);
  }

  @Test
  void aRefusedConnectionBecomesANetworkErrorRow() throws Exception {
    // GIVEN a port nobody listens on
    int closedPort = Ports.unused();
    try (UpstreamProbes nowhere =
        UpstreamProbes.against("http://127.0.0.1:" + closedPort + "/v1")) {
      // WHEN a model is probed there
      ModelQuota row = nowhere.probe(KEY, MODEL, TIMEOUT).get(5, TimeUnit.SECONDS);

      // THEN network_error saying the connection failed
      assertEquals(ProbeStatus.NETWORK_ERROR, row.status());
      assertEquals("Could not connect to ModelScope.", row.error());
    }
  }

  // ---------------------------------------------------------------- logs

  @Test
  void neverLogsTheKey() {
    // GIVEN an upstream that answers every way it can, echoing the key where it has a body
    upstream.stubFor(
        post(CHAT).withRequestBody(model("ok")).willReturn(aResponse().withStatus(200)));
    stub("echo401", response(401, "modelscope/401-echoes-key.json"));
    stub(
        "echo429",
        aResponse()
            .withStatus(429)
            .withBody("{\"error\":{\"message\":\"limit for " + KEY + "\"}}"));
    stub("echo500", aResponse().withStatus(500).withBody("<p>Bearer " + KEY + "</p>"));
    stub("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    stub("empty", aResponse().withFault(Fault.EMPTY_RESPONSE));
    stub("slow", aResponse().withStatus(200).withFixedDelay(2_000));
    String[] models = {"ok", "echo401", "echo429", "echo500", "reset", "empty", "slow"};

    try (LogCapture logs = LogCapture.open()) {
      // WHEN every model is probed
      StringBuilder rows = new StringBuilder();
      for (String model : models) {
        rows.append(probes.probe(KEY, model, Duration.ofMillis(400)).join()).append('\n');
      }

      // THEN neither the rows nor any log line holds the key (and the capture did see the
      // probe's own debug lines, so it was listening)
      assertTrue(logs.text().contains("probe of reset failed"), logs.text());
      assertFalse(rows.toString().contains("1234567890abcdef"), rows.toString());
      assertFalse(logs.text().contains("1234567890abcdef"), logs.text());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Answers that fail, each of which must not be sent again. */
  enum Answer {
    LIMIT_REACHED(response(429, "modelscope/429-limit-reached.json")),
    UNAVAILABLE(aResponse().withStatus(503)),
    RESET(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    EMPTY(aResponse().withFault(Fault.EMPTY_RESPONSE));

    private final ResponseDefinitionBuilder response;

    Answer(ResponseDefinitionBuilder response) {
      this.response = response;
    }

    ResponseDefinitionBuilder answer() {
      return response;
    }
  }

  private ModelQuota probe(String model) {
    return probes.probe(KEY, model, TIMEOUT).join();
  }

  private static ModelQuota withoutLatency(ModelQuota row) {
    return new ModelQuota(
        row.model(), row.limits(), row.status(), row.errorText(), row.noteText(), 0);
  }

  private static void stub(String model, ResponseDefinitionBuilder answer) {
    upstream.stubFor(post(CHAT).withRequestBody(model(model)).willReturn(answer));
  }

  private static StringValuePattern model(String model) {
    return matchingJsonPath("$.model", equalTo(model));
  }

  private static ResponseDefinitionBuilder quotaHeaders(
      ResponseDefinitionBuilder response, long limit, long remaining) {
    return response
        .withHeader("modelscope-ratelimit-requests-limit", Long.toString(limit))
        .withHeader("modelscope-ratelimit-requests-remaining", Long.toString(remaining));
  }
}
