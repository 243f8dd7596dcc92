package dev.quotabot.quota.plans;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.plans.PlanHarness.assertFailedWithoutWindows;
import static dev.quotabot.quota.plans.PlanHarness.assertWindowsOnly;
import static dev.quotabot.quota.plans.PlanHarness.window;
import static dev.quotabot.support.AccountChecks.account;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.support.LoopbackWireMock;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zhipu's and Z.ai's {@code GET /api/monitor/usage/quota/limit} against a WireMock stand-in, over
 * real HTTP.
 *
 * <p>Sources of the shapes: the raw {@code Authorization} header, {@code success}/{@code msg} and
 * {@code limits[].type}/{@code percentage}/{@code nextResetTime} from Z.ai's own plugins
 * (zai-org/zai-coding-plugins
 * plugins/glm-plan-usage/skills/usage-query-skill/scripts/query-usage.mjs and
 * plugins/zai-quota-hud/scripts/statusline.mjs, which name TIME_LIMIT "MCP usage(1 Month)" and
 * TOKENS_LIMIT "Token usage(5 Hour)"); the unit codes (1 days, 3 hours, 5 minutes, 6 weeks),
 * CREDIT_LIMIT and {@code code} 200 from steipete/CodexBar
 * Sources/CodexBarCore/Providers/Zai/ZaiUsageStats.swift; the business error codes from
 * https://docs.bigmodel.cn/cn/faq/api-code.
 */
final class GlmCodingPlanProviderTest {
  private static final String PATH = "/api/monitor/usage/quota/limit";
  private static final String KEY = "0123456789abcdef0123456789abcdef.TESTSECRETabcdef";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose final PlanHarness harness = new PlanHarness();

  private GlmCodingPlanProvider zhipu() {
    return GlmCodingPlanProvider.zhipu(harness.http(), URI.create(upstream.baseUrl()));
  }

  @Test
  void declaresItselfAsReadingTheAccountWithAConsoleAndNoKeyPrefix() {
    ProviderInfo zhipu = zhipu().info();
    ProviderInfo zai =
        GlmCodingPlanProvider.zai(harness.http(), URI.create(upstream.baseUrl())).info();

    assertEquals("zhipu", zhipu.id());
    assertEquals("zai", zai.id());
    assertEquals(Set.of(Capability.BALANCES), zhipu.capabilities());
    assertTrue(zhipu.defaultModels().isEmpty());
    // GLM keys are "<id>.<secret>" with no documented prefix, so none is declared
    assertTrue(zhipu.keyPrefixes().isEmpty());
    assertEquals("https://bigmodel.cn/coding-plan/personal/usage", zhipu.consoleUrl());
    assertEquals("https://z.ai/manage-apikey/coding-plan/personal/my-plan", zai.consoleUrl());
  }

  @Test
  void readsAPercentOnlyTokenWindowAndTheMonthsToolCallsWithTheRawKey() {
    // GIVEN the answer recorded in jukanntenn/glm-plan-usage docs/api-research.md: the 5-hour
    // token window reports only a percentage, the MCP window counts too
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "glm/limits-percent-only.json")));

    // WHEN the key is checked
    Account account = account(zhipu(), KEY);

    // THEN two windows in the answer's order, honest about what each reports; the plan level in
    // the note; the key went raw, without Bearer
    assertWindowsOnly(account);
    assertEquals("zhipu", account.provider());
    assertEquals(
        List.of(
            window("mcp_monthly", 100L, 72L, "2027-01-01T00:00:00Z", "28"),
            window("tokens_5h", null, null, "2026-12-31T12:00:00Z", "1")),
        account.limits());
    assertEquals("GLM Coding Plan level: lite", account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo(KEY)));
  }

  @Test
  void readsCountsWhereThePlanGivesThem() {
    // GIVEN counts beside the percentages (the answer in alfredolopez80/multi-agent-ralph-loop
    // docs/GLM_USAGE_FIX_v2.0.0.md)
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(response(200, "glm/limits-counts.json")));

    Account account = account(zhipu(), KEY);

    assertWindowsOnly(account);
    assertEquals(
        List.of(
            window("tokens_5h", 800_000_000L, 751_141_149L, "2026-12-31T12:00:00Z", "6"),
            window("mcp_monthly", 4000L, 3857L, "2027-01-01T00:00:00Z", "3")),
        account.limits());
  }

  @Test
  void namesEachCreditWindowByItsLength() {
    // GIVEN the credit plan's two windows, 5 hours (unit 3, number 5) and a week (unit 6, number 1)
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(response(200, "glm/limits-credits-5h-and-weekly.json")));

    Account account = account(zhipu(), KEY);

    assertWindowsOnly(account);
    assertEquals(
        List.of(
            window("credits_5h", 28_000L, 25_065L, "2026-12-31T12:00:00Z", "10"),
            window("credits_weekly", 140_000L, 83_654L, "2027-01-07T00:00:00Z", "40")),
        account.limits());
    assertEquals("GLM Coding Plan level: max", account.note());
  }

  @Test
  void readsNumbersSentAsStringsAndLeavesAnUnknownTypeOut() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(response(200, "glm/limits-strings-and-unknown-type.json")));

    Account account = account(zhipu(), KEY);

    assertEquals(
        List.of(window("tokens_5h", null, null, "2026-12-31T12:00:00Z", "12.5")), account.limits());
  }

  @Test
  void noWindowsIsAReadAnswerThatSaysThereIsNoActivePlan() {
    // GIVEN a valid answer with an empty list (no plan bought, or it ended)
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(response(200, "glm/limits-empty.json")));

    Account account = account(zhipu(), KEY);

    // THEN ok, no window and no number, and the note says why and where to look
    assertWindowsOnly(account);
    assertTrue(account.limits().isEmpty());
    assertEquals(
        "GLM Coding Plan level: lite; Zhipu reported no plan windows for this key: it has no"
            + " active plan, or the plan has ended; see"
            + " https://bigmodel.cn/coding-plan/personal/usage.",
        account.note());
  }

  @ParameterizedTest
  @ValueSource(strings = {"glm/200-authorization-missing.json", "glm/200-token-expired.json"})
  void anAuthenticationCodeInAnHttp200IsInvalidKeyWithTheProvidersWords(String fixture) {
    // GIVEN HTTP 200 with success false and one of the platform's authentication codes
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(response(200, fixture)));

    Account account = account(zhipu(), KEY);

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().startsWith("Zhipu rejected the key: "), account.error());
    assertTrue(
        account.error().contains("Authentication Token")
            || account.error().contains("Authorization"),
        account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void anExpiredPlanIsInsufficientBalanceWithWhereToRenew() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "glm/200-plan-expired.json")));

    Account account = account(zhipu(), KEY);

    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, account.status());
    assertTrue(account.error().contains("https://bigmodel.cn/coding-plan/personal/usage"));
    assertTrue(account.error().contains("套餐已到期"), account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void anExpiredPlanIsWordedInTheReadersLanguageWithTheProvidersOwnWords() {
    // GIVEN the plan-expired answer, in Zhipu's own (Chinese) words
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "glm/200-plan-expired.json")));

    Account account = account(zhipu(), KEY);

    // THEN a Chinese reader gets our sentence in Chinese, Zhipu's words and the link as they are
    assertEquals(
        "Zhipu 表示该套餐无法使用（请在 https://bigmodel.cn/coding-plan/personal/usage 续订）："
            + "您的 GLM Coding Plan 套餐已到期，暂无法使用，前往官方续订后即可恢复"
            + " https://bigmodel.cn/claude-code",
        account.errorText().in(Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void anotherCodeInAnHttp200IsUpstreamErrorWithTheProvidersWords() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "glm/200-internal-error.json")));

    Account account = account(zhipu(), KEY);

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertEquals("Zhipu's quota endpoint reported a failure: 内部错误", account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void anHttp401IsInvalidKeyWithTheProvidersWords() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(401, "glm/401-authorization-missing.json")));

    Account account = account(zhipu(), KEY);

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals(
        "Zhipu rejected the key (HTTP 401): Header中未收到Authorization参数，无法进行身份验证。", account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void aBodyThatIsNotTheAnswerIsUpstreamErrorNeverAWindow() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("[1,2,3]")));

    Account account = account(zhipu(), KEY);

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void aSuccessWithoutDataIsUpstreamError() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withBody("{\"code\":200,\"success\":true}")));

    Account account = account(zhipu(), KEY);

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void theAddressACodingToolIsGivenReachesTheSameEndpoint() {
    // GIVEN an operator who pasted the Anthropic-compatible base Claude Code is given
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(response(200, "glm/limits-counts.json")));
    GlmCodingPlanProvider zai =
        GlmCodingPlanProvider.zai(
            harness.http(), URI.create(upstream.baseUrl() + "/api/anthropic/"));

    Account account = account(zai, KEY);

    assertEquals("zai", account.provider());
    assertEquals(2, account.limits().size());
    assertNull(account.error());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH)));
  }
}
