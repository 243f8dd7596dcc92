package dev.quotabot.quota.modelscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static dev.quotabot.support.Numbers.assertAmount;
import static dev.quotabot.support.Numbers.elapsedMs;
import static dev.quotabot.support.UpstreamProbes.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.CallEstimate;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.QueryInput;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.UpstreamProbes;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ModelScope as a provider: what it declares, and whole queries through the service with the real
 * provider (balance, model list and probes) on the production upstream clients, against a WireMock
 * ModelScope. Timing bounds here are generous on purpose: fan-out IS about time.
 */
final class ModelScopeProviderTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String MODELS = "/v1/models";
  private static final String BALANCE = "/openapi/v1/magicubes/balance";
  private static final String USER = "/openapi/v1/users/me";
  private static final Instant NOW = Instant.parse("2026-11-24T15:59:59Z");

  @RegisterExtension
  static final WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(
              WireMockConfiguration.options()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .containerThreads(60))
          .build();

  @AutoClose private final UpstreamClient client = new UpstreamClient();
  private ModelScopeProvider provider;

  @BeforeEach
  void wireProvider() {
    provider = provider(TierPrices.PUBLISHED);
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(okJson("{\"data\":[]}")));
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    upstream.stubFor(
        get(urlPathEqualTo(USER)).willReturn(response(200, "modelscope/users-me-200.json")));
  }

  @Test
  void declaresWhatItIsCanDoAndThatAProbeSpendsAtMostAFlagshipCall() {
    // GIVEN the provider with today's published prices
    // WHEN it is asked what it is
    // THEN it declares its capabilities, its keys' prefix, its 魔粒 usage page, and that probing
    // one model spends at most 2 魔粒 (a flagship call: which tier a model is in is not told)
    assertEquals(
        new ProviderInfo(
            "modelscope",
            "ModelScope",
            EnumSet.of(
                Capability.BALANCES,
                Capability.PROBES_MODELS,
                Capability.MODEL_CATALOG,
                Capability.DAILY_RESET),
            "魔粒",
            List.of("Qwen/Qwen3-32B", "deepseek-ai/DeepSeek-V3.1"),
            "ms-…",
            List.of("ms-"),
            new ProbeCost(new BigDecimal("2"), "魔粒", ProbeCost.Kind.SPENDS),
            "https://modelscope.cn/magicube/usage?tab=consume"),
        provider.info());
  }

  @Test
  void estimatesCallsAndDeclaresTheProbeCostWithTheConfiguredPrices() {
    // GIVEN prices of 0.25, 0.8 and 3 魔粒 per call, and an account holding 250 魔粒
    ModelScopeProvider custom =
        provider(
            new TierPrices(new BigDecimal("0.25"), new BigDecimal("0.8"), new BigDecimal("3")));

    // WHEN the account is read
    Account account =
        custom
            .readAccount(
                new ProviderRequest(ApiKey.of(KEY), List.of(), null, null, Duration.ofSeconds(5)))
            .join()
            .account();

    // THEN the estimates use those prices, rounded down, and a probe may cost 3 魔粒
    assertEquals(
        List.of(
            new CallEstimate("light", new BigDecimal("0.25"), 1000),
            new CallEstimate("standard", new BigDecimal("0.8"), 312),
            new CallEstimate("flagship", new BigDecimal("3"), 83)),
        account.estimatedCalls());
    assertEquals(
        new ProbeCost(new BigDecimal("3"), "魔粒", ProbeCost.Kind.SPENDS), custom.info().probeCost());
  }

  @Test
  void answersAWholeQueryWithTheBalanceTheRowsAndTheNextReset() {
    // GIVEN ModelScope lists two models, one with its quota left and one used up, and the account
    // holds 250 魔粒
    upstream.stubFor(
        get(urlPathEqualTo(MODELS))
            .willReturn(
                okJson(
                    "{\"data\":[{\"id\":\"Qwen/Qwen3-32B\"},"
                        + "{\"id\":\"deepseek-ai/DeepSeek-V3.1\"}]}")));
    stubModel("Qwen/Qwen3-32B", fullQuota());
    stubModel(
        "deepseek-ai/DeepSeek-V3.1",
        response(429, "modelscope/429-limit-reached.json")
            .withHeader("modelscope-ratelimit-model-requests-remaining", "0"));

    // WHEN a query checked by the service asks for both and for a model it does not list, one
    // second before midnight in Shanghai
    QuotaService service = service(settings(50, Duration.ofSeconds(5), Duration.ofSeconds(10)));
    QuotaReport report =
        service
            .query(
                service.check(
                    new QueryInput(
                        KEY,
                        List.of("Qwen/Qwen3-32B deepseek-ai/DeepSeek-V3.1 Org/Missing"),
                        null,
                        null,
                        null,
                        null)))
            .join();

    // THEN the rows are in the order asked; the unlisted model was not probed and says how ids
    // look; the balance and the name are read; the quota resets at that midnight, and so do the
    // rows' daily windows
    assertEquals(
        List.of(ProbeStatus.OK, ProbeStatus.LIMIT_REACHED, ProbeStatus.MODEL_UNAVAILABLE),
        report.models().stream().map(ModelQuota::status).toList());
    assertEquals(new RateLimits(2000L, 1000L, 500L, 400L), report.models().get(0).limits());
    assertEquals(
        List.of(
            new RateWindow("requests_per_day", 2000L, 1000L, report.resetsAt().toInstant()),
            new RateWindow("model_requests_per_day", 500L, 400L, report.resetsAt().toInstant())),
        report.models().get(0).windows());
    assertEquals(
        "Not in ModelScope's model list, so it was not probed: check the id (it is"
            + " Organization/Model, e.g. Qwen/Qwen3-32B).",
        report.models().get(2).error());
    upstream.verify(
        exactly(0),
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.model", equalTo("Org/Missing"))));
    assertEquals(ProbeStatus.OK, report.account().status());
    assertAmount("250", report.account().primary().available());
    assertEquals("tester", report.account().user());
    assertEquals(OffsetDateTime.parse("2026-11-25T00:00:00+08:00"), report.resetsAt());
    assertEquals(provider.info(), report.provider());
  }

  @Test
  void wordsARefusedKeyAndWhatToDoInTheReadersLanguage() {
    // GIVEN ModelScope refuses the key for the balance: the account is not bound to Alibaba Cloud
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(401, "modelscope/401-bind-alibaba-cloud.json")));

    // WHEN the account is read and its error is worded for a reader of Simplified Chinese
    Account account =
        provider
            .readAccount(
                new ProviderRequest(ApiKey.of(KEY), List.of(), null, null, Duration.ofSeconds(5)))
            .join()
            .account();
    String chinese = account.errorText().in(Locale.SIMPLIFIED_CHINESE);

    // THEN the refusal and the fix are Chinese sentences; only ModelScope's own words, its name,
    // its site and the links stay as they are
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals(
        "ModelScope 在查询余额时拒绝了该 Key（HTTP 401）：Please bind your Alibaba Cloud account"
            + " before use.该 ModelScope 账号尚未绑定阿里云账号，而 API-Inference 需要绑定：请登录"
            + " modelscope.cn，在账号设置中绑定（https://www.modelscope.cn/my/accountsettings；步骤："
            + "https://www.modelscope.cn/docs/accounts/aliyun-binding-and-authorization），"
            + "完成实名认证后再查询一次。",
        chinese);
  }

  @Test
  void probesTwentyModelsConcurrently() {
    // GIVEN 20 models that each take 500 ms to answer
    List<String> models = IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList();
    upstream.stubFor(post(CHAT).willReturn(fullQuota().withFixedDelay(500)));
    QuotaService service = service(settings(50, Duration.ofSeconds(10), Duration.ofSeconds(20)));

    // WHEN they are queried at once
    long started = System.nanoTime();
    QuotaReport report = service.query(query(models)).join();
    long tookMs = elapsedMs(started);

    // THEN all 20 are ok, in the order asked, in about one round trip (not 20 × 500 ms), and
    // each was asked once
    assertEquals(models, report.models().stream().map(ModelQuota::model).toList());
    report.models().forEach(row -> assertEquals(ProbeStatus.OK, row.status()));
    assertTrue(tookMs < 2_000, "20 × 500 ms took " + tookMs + " ms");
    upstream.verify(exactly(20), postRequestedFor(urlEqualTo(CHAT)));
    models.forEach(
        model ->
            upstream.verify(
                exactly(1),
                postRequestedFor(urlEqualTo(CHAT))
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))));
    System.out.printf("fan-out: 20 models × 500 ms answered in %d ms%n", tookMs);
  }

  @Test
  void aSlowModelNeitherDelaysNorBreaksTheOthers() {
    // GIVEN one model whose headers take 5 s, one whose connection is reset, three fast ones,
    // and a probe timeout of 500 ms
    stubModel("slow", fullQuota().withFixedDelay(5_000));
    stubModel("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    stubModel("a", fullQuota());
    stubModel("b", fullQuota().withFixedDelay(100));
    stubModel("c", fullQuota());
    QuotaService service = service(settings(50, Duration.ofMillis(500), Duration.ofSeconds(20)));

    // WHEN they are queried together
    long started = System.nanoTime();
    QuotaReport report = service.query(query(List.of("a", "slow", "b", "reset", "c"))).join();
    long tookMs = elapsedMs(started);

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
    for (int fast : new int[] {0, 2, 4}) {
      assertTrue(
          report.models().get(fast).latencyMs() < 1_500, report.models().get(fast).toString());
    }
    assertTrue(tookMs < 4_000, "took " + tookMs + " ms");
  }

  @Test
  void aWholeReportNeverHoldsTheKeyAndNoLogLineDoes() {
    // GIVEN a ModelScope that echoes the key for the balance and for some models, and fails for
    // others
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(401, "modelscope/balance-401-echoes-key.json")));
    stubModel("ok", fullQuota());
    stubModel(
        "echo",
        aResponse().withStatus(401).withBody(Fixtures.read("modelscope/401-echoes-key.json")));
    stubModel("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    stubModel("slow", fullQuota().withFixedDelay(2_000));
    QuotaService service = service(settings(50, Duration.ofMillis(300), Duration.ofSeconds(5)));

    try (LogCapture logs = LogCapture.open()) {
      // WHEN they are queried
      QuotaReport report = service.query(query(List.of("ok", "echo", "reset", "slow"))).join();

      // THEN the key is only ever shown as its fingerprint
      assertEquals("ms-…cdef", report.keyFingerprint());
      assertEquals(ProbeStatus.INVALID_KEY, report.account().status());
      assertFalse(report.toString().contains("1234567890abcdef"), report.toString());
      assertFalse(logs.text().contains("1234567890abcdef"), logs.text());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The real provider on WireMock, its clock one second before midnight in Shanghai. */
  private ModelScopeProvider provider(TierPrices prices) {
    return new ModelScopeProvider(
        client.clients(),
        URI.create(upstream.baseUrl() + "/v1"),
        URI.create(upstream.baseUrl() + "/openapi/v1"),
        Duration.ofHours(1),
        List.of("Qwen/Qwen3-32B", "deepseek-ai/DeepSeek-V3.1"),
        prices,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private QuotaService service(QuotaSettings settings) {
    return CoreDoubles.service(settings, Clock.fixed(NOW, ZoneOffset.UTC), provider);
  }

  private static QuotaSettings settings(
      int maxConcurrentProbes, Duration probeTimeout, Duration queryDeadline) {
    return UpstreamProbes.settings(maxConcurrentProbes, probeTimeout, queryDeadline);
  }

  private static QuotaQuery query(List<String> models) {
    return new QuotaQuery(ApiKey.of(KEY), models, ModelScopeProvider.ID, null, null);
  }

  private static void stubModel(String model, ResponseDefinitionBuilder response) {
    upstream.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
            .willReturn(response));
  }

  private static ResponseDefinitionBuilder fullQuota() {
    return FakeModelScope.withQuota(2000, 1000, 500, 400);
  }
}
