package dev.quotabot.quota.modelscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.quotabot.support.UpstreamProbes.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LocalTls;
import dev.quotabot.support.UpstreamProbes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The probe over TLS, where the shared client negotiates HTTP/2 as it does with the real ModelScope
 * (many probes multiplexed on one connection), and abandoning a streamed answer must still not wait
 * for it. Timing bounds are generous; the behaviour under test is about time.
 */
final class ModelScopeProbeHttp2Test {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension
  static final WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(LocalTls.wireMockHttps().containerThreads(60))
          .build();

  @AutoClose private UpstreamProbes probes;

  @BeforeEach
  void wireProbe() {
    probes =
        UpstreamProbes.againstLocalTls(
            "https://localhost:" + upstream.getRuntimeInfo().getHttpsPort() + "/v1");
  }

  @Test
  void returnsAsSoonAsHeadersArriveOverHttp2WhileTheAnswerStreamsFor30Seconds() {
    // GIVEN headers at once (with the first of 300 chunks, 100 ms in), then 30 s of answer
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withHeader("modelscope-ratelimit-requests-limit", "2000")
                    .withHeader("modelscope-ratelimit-requests-remaining", "1000")
                    .withHeader("modelscope-ratelimit-model-requests-limit", "500")
                    .withHeader("modelscope-ratelimit-model-requests-remaining", "499")
                    .withBody(Fixtures.read("modelscope/200-stream.txt").repeat(300))
                    .withChunkedDribbleDelay(300, 30_000)));

    // WHEN a model is probed over HTTPS
    long started = System.nanoTime();
    ModelQuota row = probes.probe(KEY, "Qwen/Qwen3-32B", Duration.ofSeconds(10)).join();
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // THEN it spoke HTTP/2 and had the numbers long before the stream would end
    assertEquals(ProbeStatus.OK, row.status());
    assertEquals(new RateLimits(2000L, 1000L, 500L, 499L), row.limits());
    assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
    assertEquals("HTTP/2.0", upstream.getAllServeEvents().get(0).getRequest().getProtocol());
    System.out.printf("streaming abort over HTTP/2: probe returned in %d ms%n", elapsedMs);
  }

  @Test
  void fansOutOverHttp2() {
    // GIVEN 20 models that each take 500 ms, reached over HTTP/2 (multiplexed streams)
    upstream.stubFor(
        post(CHAT)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("modelscope-ratelimit-requests-limit", "2000")
                    .withHeader("modelscope-ratelimit-requests-remaining", "0")
                    .withBody(Fixtures.read("modelscope/429-limit-reached.json"))
                    .withFixedDelay(500)));
    List<String> models = IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList();

    // WHEN they are queried at once
    long started = System.nanoTime();
    QuotaReport report =
        probes
            .service(UpstreamProbes.settings(50, Duration.ofSeconds(10), Duration.ofSeconds(20)))
            .query(new QuotaQuery(ApiKey.of(KEY), models, ModelScopeProvider.ID, null, null))
            .join();
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // THEN all 20 report the limit with the numbers, each asked once, in about one round trip
    report
        .models()
        .forEach(
            row -> {
              assertEquals(ProbeStatus.LIMIT_REACHED, row.status(), row.toString());
              assertEquals(0L, row.limits().requestRemaining());
            });
    upstream.verify(exactly(20), postRequestedFor(urlEqualTo(CHAT)));
    assertTrue(elapsedMs < 2_500, "20 × 500 ms over HTTP/2 took " + elapsedMs + " ms");
    System.out.printf("fan-out over HTTP/2: 20 models × 500 ms answered in %d ms%n", elapsedMs);
  }
}
