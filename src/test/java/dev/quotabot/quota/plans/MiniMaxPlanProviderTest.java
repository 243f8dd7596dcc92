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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.support.LoopbackWireMock;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MiniMax's {@code GET /v1/api/openplatform/coding_plan/remains} against a WireMock stand-in, over
 * real HTTP.
 *
 * <p>Sources of the shape: robinebers/openusage docs/providers/minimax.md and
 * plugins/minimax/plugin.test.js (hosts api.minimax.io and api.minimaxi.com, Bearer key, {@code
 * base_resp.status_code}, {@code model_remains[]} with {@code current_interval_total_count}, {@code
 * current_interval_usage_count} read as what is left, {@code start_time}/{@code end_time} in
 * milliseconds, {@code remains_time} as the fallback, extra daily buckets such as {@code speech-hd}
 * and {@code image-01}); the console page and the remains path from steipete/CodexBar
 * Sources/CodexBarCore/Providers/MiniMax/MiniMaxAPIRegion.swift; the newer Token Plan answer
 * (fields under {@code data}, the week's window, shares left with counts of 0) from
 * steipete/CodexBar Tests/CodexBarTests/Fixtures/Providers/MiniMax/token-plan-normal.json and
 * token-plan-missing-reset.json, read as
 * Sources/CodexBarCore/Providers/MiniMax/MiniMaxModelRemains.swift and MiniMaxUsageFetcher.swift do
 * (commit 27c7f334e3c46c96ff8c063afbe0c7944ba5e0b7); code 1004 "not authorized" from
 * https://platform.minimax.io/docs/api-reference/errorcode.
 */
final class MiniMaxPlanProviderTest {
  private static final String PATH = "/v1/api/openplatform/coding_plan/remains";
  private static final String KEY = "sk-cp-TESTKEY-1234567890abcdefghijkl";
  private static final Instant NOW = Instant.parse("2026-12-31T09:00:00Z");

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose final PlanHarness harness = new PlanHarness();

  private MiniMaxPlanProvider provider() {
    return new MiniMaxPlanProvider(
        harness.http(), URI.create(upstream.baseUrl()), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void declaresItsConsoleAndNoKeyPrefix() {
    ProviderInfo info = provider().info();

    assertEquals("minimax", info.id());
    assertTrue(info.keyPrefixes().isEmpty());
    assertEquals("https://platform.minimax.io/user-center/payment/coding-plan", info.consoleUrl());
  }

  @Test
  void readsTheModelsWindowWithTheBearerKeyAndTheUsageCountAsWhatIsLeft() {
    // GIVEN the answer openusage's tests use: 300 in the window, 180 of them left
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "minimax/remains-one-model.json")));

    Account account = account(provider(), KEY);

    // THEN one 5-hour window named after the model, refilling at end_time; the plan in the note
    assertWindowsOnly(account);
    assertEquals(
        List.of(window("MiniMax-M2_5h", 300L, 180L, "2026-12-31T12:00:00Z", null)),
        account.limits());
    assertEquals("Coding Plan: Plus", account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void readsEachModelsWindowWithItsOwnLength() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "minimax/remains-several-models.json")));

    Account account = account(provider(), KEY);

    assertWindowsOnly(account);
    assertEquals(
        List.of(
            window("MiniMax-M2.7_5h", 1500L, 1200L, "2026-12-31T12:00:00Z", null),
            window("speech-hd_daily", 4000L, 4000L, "2027-01-01T00:00:00Z", null),
            window("image-01_daily", 50L, 48L, "2027-01-01T00:00:00Z", null)),
        account.limits());
  }

  @Test
  void aTokenPlanWindowReportedAsAShareLeftHasUnknownCountsAndTheShareUsed() {
    // GIVEN the newer answer under "data": the 5 hours and the week as shares left (96 and 99),
    // both counts sent as 0
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(response(200, "minimax/remains-token-plan-shares.json")));

    Account account = account(provider(), KEY);

    // THEN two windows with the share used, no count (never 0); the plan's title in the note
    assertWindowsOnly(account);
    assertEquals(
        List.of(
            window("general_5h", null, null, "2026-12-31T12:00:00Z", "4"),
            window("general_weekly", null, null, "2027-01-07T00:00:00Z", "1")),
        account.limits());
    assertEquals("Coding Plan: Token Plan Plus", account.note());
  }

  @Test
  void aTokenPlanWeekInCountsIsItsOwnWindow() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(response(200, "minimax/remains-token-plan-weekly-counts.json")));

    Account account = account(provider(), KEY);

    assertEquals(
        List.of(
            window("general", 100L, 25L, null, "25"),
            window("general_weekly", 100L, 40L, null, "40")),
        account.limits());
  }

  @Test
  void aRefillGivenAsTimeLeftCountsFromTheAnswer() {
    // GIVEN counts as strings, no model name, no start or end: only remains_time (one hour)
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "minimax/remains-time-left-only.json")));

    Account account = account(provider(), KEY);

    assertEquals(
        List.of(window("model", 1500L, 1500L, "2026-12-31T10:00:00Z", null)), account.limits());
  }

  @Test
  void noModelIsAReadAnswerThatSaysThereIsNoActivePlan() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "minimax/remains-empty.json")));

    Account account = account(provider(), KEY);

    assertWindowsOnly(account);
    assertTrue(account.limits().isEmpty());
    assertTrue(account.note().contains("no active plan"), account.note());
    assertTrue(account.note().contains("https://platform.minimax.io/"), account.note());
  }

  @Test
  void notAuthorizedInAnHttp200IsInvalidKeyWithTheProvidersWords() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "minimax/200-not-authorized.json")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals("MiniMax rejected the key: cookie is missing, log in again", account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void anotherStatusCodeIsUpstreamErrorWithTheProvidersWords() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "minimax/200-unknown-error.json")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertEquals("MiniMax's quota endpoint reported a failure: unknown error", account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void anHttp401IsInvalidKey() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(401, "minimax/401-unauthorized.txt")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals("MiniMax rejected the key (HTTP 401).", account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void anAnswerWithoutModelRemainsIsUpstreamError() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse().withStatus(200).withBody("{\"base_resp\":{\"status_code\":0}}")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void theChineseHostWithV1ReachesTheSamePath() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "minimax/remains-one-model.json")));
    MiniMaxPlanProvider provider =
        new MiniMaxPlanProvider(
            harness.http(), URI.create(upstream.baseUrl() + "/v1/"), Clock.systemUTC());

    Account account = account(provider, KEY);

    assertEquals(1, account.limits().size());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH)));
  }
}
