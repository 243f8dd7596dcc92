package dev.quotabot.quota.modelscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.quotabot.support.Numbers.elapsedMs;
import static dev.quotabot.support.UpstreamProbes.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelProbe;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.UpstreamProbes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole queries through {@link QuotaService} and the real {@link ModelScopeProbe} against a
 * WireMock ModelScope: fan-out, the concurrency cap, per-probe timeouts and the query deadline.
 * Timing bounds here are generous on purpose: the behaviour under test IS about time.
 */
final class ModelScopeQueryTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension
  static final WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(WireMockConfiguration.options().dynamicPort().containerThreads(60))
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

  @Test
  void probesTwentyModelsConcurrently() {
    // GIVEN 20 models that each take 500 ms to answer
    List<String> models = models("m", 20);
    upstream.stubFor(post(CHAT).willReturn(fullQuota().withFixedDelay(500)));
    QuotaService service =
        probes.service(UpstreamProbes.settings(50, Duration.ofSeconds(10), Duration.ofSeconds(20)));

    // WHEN they are queried at once
    long started = System.nanoTime();
    QuotaReport report = service.query(query(models)).join();
    long elapsedMs = elapsedMs(started);

    // THEN all 20 are ok, in the order asked, in about one round trip (not 20 × 500 ms)
    assertEquals(models, report.models().stream().map(ModelQuota::model).toList());
    assertTrue(report.allSucceeded());
    report.models().forEach(row -> assertEquals(ProbeStatus.OK, row.status()));
    assertTrue(elapsedMs < 2_000, "20 × 500 ms took " + elapsedMs + " ms");
    upstream.verify(exactly(20), postRequestedFor(urlEqualTo(CHAT)));
    models.forEach(
        model ->
            upstream.verify(
                exactly(1),
                postRequestedFor(urlEqualTo(CHAT))
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))));
    System.out.printf("fan-out: 20 models × 500 ms answered in %d ms%n", elapsedMs);
  }

  @Test
  void respectsTheConcurrencyCap() {
    // GIVEN a cap of 2 and 6 models that each take 300 ms
    upstream.stubFor(post(CHAT).willReturn(fullQuota().withFixedDelay(300)));
    CountingProbe counting = new CountingProbe(probes.probe());
    QuotaService service =
        new QuotaService(
            counting,
            CoreDoubles.ACCOUNT,
            CoreDoubles.NO_CATALOG,
            UpstreamProbes.settings(2, Duration.ofSeconds(5), Duration.ofSeconds(10)),
            Clock.systemUTC());

    // WHEN they are queried
    long started = System.nanoTime();
    QuotaReport report = service.query(query(models("m", 6))).join();
    long elapsedMs = elapsedMs(started);

    // THEN never more than 2 were in flight, so it took about 3 rounds of 300 ms
    assertTrue(report.allSucceeded());
    assertEquals(2, counting.maxInFlight());
    assertTrue(elapsedMs >= 850, "6 models at cap 2 took only " + elapsedMs + " ms");
    assertTrue(elapsedMs < 5_000, "6 models at cap 2 took " + elapsedMs + " ms");
    upstream.verify(exactly(6), postRequestedFor(urlEqualTo(CHAT)));
    System.out.printf("cap 2: 6 models × 300 ms answered in %d ms%n", elapsedMs);
  }

  @Test
  void aSlowModelNeitherDelaysNorBreaksTheOthers() {
    // GIVEN one model whose headers take 5 s, one whose connection is reset, three fast ones,
    // and a probe timeout of 1.5 s
    stubModel("slow", fullQuota().withFixedDelay(5_000));
    stubModel("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    stubModel("a", fullQuota());
    stubModel("b", fullQuota().withFixedDelay(100));
    stubModel("c", fullQuota());
    QuotaService service =
        probes.service(UpstreamProbes.settings(50, Duration.ofMillis(500), Duration.ofSeconds(20)));

    // WHEN they are queried together
    long started = System.nanoTime();
    QuotaReport report = service.query(query(List.of("a", "slow", "b", "reset", "c"))).join();
    long elapsedMs = elapsedMs(started);

    // THEN the fast ones are ok, the slow one timed out, the broken one is a network error,
    // and the whole query took about one probe timeout
    assertEquals(
        List.of(
            ProbeStatus.OK,
            ProbeStatus.TIMEOUT,
            ProbeStatus.OK,
            ProbeStatus.NETWORK_ERROR,
            ProbeStatus.OK),
        report.models().stream().map(ModelQuota::status).toList());
    assertEquals(3, report.successCount());
    for (int fast : new int[] {0, 2, 4}) {
      assertTrue(
          report.models().get(fast).latencyMs() < 1_500, report.models().get(fast).toString());
    }
    assertTrue(elapsedMs < 4_000, "took " + elapsedMs + " ms");
  }

  @Test
  void theQueryDeadlineTurnsQueuedProbesIntoTimeoutRows() {
    // GIVEN one probe at a time and a 1 s deadline for the whole query; the first model answers
    // at once, the second would take 5 s
    stubModel("m1", fullQuota());
    stubModel("m2", fullQuota().withFixedDelay(5_000));
    stubModel("m3", fullQuota());
    stubModel("m4", fullQuota());
    QuotaService service =
        probes.service(
            UpstreamProbes.settings(1, Duration.ofSeconds(10), Duration.ofMillis(1_000)));

    // WHEN four models are queried
    long started = System.nanoTime();
    QuotaReport report = service.query(query(List.of("m1", "m2", "m3", "m4"))).join();
    long elapsedMs = elapsedMs(started);

    // THEN the first is ok, the second ran out of time mid-probe, the last two were never sent,
    // and the query ended at its deadline, not after the slow model's 5 s
    List<ModelQuota> rows = report.models();
    assertEquals(
        List.of(ProbeStatus.OK, ProbeStatus.TIMEOUT, ProbeStatus.TIMEOUT, ProbeStatus.TIMEOUT),
        rows.stream().map(ModelQuota::status).toList());
    assertTrue(rows.get(2).error().contains("deadline"), rows.get(2).error());
    assertTrue(rows.get(3).error().contains("deadline"), rows.get(3).error());
    assertEquals(RateLimits.UNKNOWN, rows.get(3).limits());
    assertTrue(elapsedMs >= 950, "ended before the deadline: " + elapsedMs + " ms");
    assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
    for (String neverSent : List.of("m3", "m4")) {
      upstream.verify(
          exactly(0),
          postRequestedFor(urlEqualTo(CHAT))
              .withRequestBody(matchingJsonPath("$.model", equalTo(neverSent))));
    }
  }

  @Test
  void neverRetriesAnyModel() {
    // GIVEN some models are refused with 429, some fail, some fail at the network level
    stubModel(
        "limited1",
        aResponse().withStatus(429).withBody(Fixtures.read("modelscope/429-limit-reached.json")));
    stubModel("limited2", aResponse().withStatus(429));
    stubModel("broken", aResponse().withStatus(503));
    stubModel("empty", aResponse().withFault(Fault.EMPTY_RESPONSE));
    QuotaService service =
        probes.service(UpstreamProbes.settings(50, Duration.ofSeconds(5), Duration.ofSeconds(10)));

    // WHEN they are queried
    QuotaReport report =
        service.query(query(List.of("limited1", "limited2", "broken", "empty"))).join();

    // THEN each was asked exactly once
    assertEquals(0, report.successCount());
    for (String model : List.of("limited1", "limited2", "broken", "empty")) {
      upstream.verify(
          exactly(1),
          postRequestedFor(urlEqualTo(CHAT))
              .withRequestBody(matchingJsonPath("$.model", equalTo(model))));
    }
  }

  @Test
  void theReportNeverHoldsTheKeyAndNoLogLineDoes() {
    // GIVEN an upstream that echoes the key for some models and fails for others
    stubModel("ok", fullQuota());
    stubModel(
        "echo",
        aResponse().withStatus(401).withBody(Fixtures.read("modelscope/401-echoes-key.json")));
    stubModel("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    stubModel("slow", fullQuota().withFixedDelay(2_000));
    QuotaService service =
        probes.service(UpstreamProbes.settings(50, Duration.ofMillis(300), Duration.ofSeconds(5)));

    try (LogCapture logs = LogCapture.open()) {
      // WHEN they are queried
      QuotaReport report = service.query(query(List.of("ok", "echo", "reset", "slow"))).join();

      // THEN the key is only ever shown as its fingerprint
      assertEquals("ms-…cdef", report.keyFingerprint());
      assertFalse(report.toString().contains(KEY), report.toString());
      assertFalse(logs.text().contains(KEY), logs.text());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Counts probes in flight, to see the cap without relying on timing. */
  private static final class CountingProbe implements ModelProbe {
    private final ModelProbe delegate;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    CountingProbe(ModelProbe delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableFuture<ModelQuota> probe(ApiKey key, String model, Duration timeout) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return delegate
          .probe(key, model, timeout)
          .whenComplete((row, failure) -> inFlight.decrementAndGet());
    }

    int maxInFlight() {
      return maxInFlight.get();
    }
  }

  private void stubModel(String model, ResponseDefinitionBuilder response) {
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
            .willReturn(response));
  }

  private static ResponseDefinitionBuilder fullQuota() {
    return aResponse()
        .withStatus(200)
        .withHeader("modelscope-ratelimit-requests-limit", "2000")
        .withHeader("modelscope-ratelimit-requests-remaining", "1000")
        .withHeader("modelscope-ratelimit-model-requests-limit", "500")
        .withHeader("modelscope-ratelimit-model-requests-remaining", "400");
  }

  private static QuotaQuery query(List<String> models) {
    return new QuotaQuery(ApiKey.of(KEY), models);
  }

  private static List<String> models(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
  }
}
