package dev.quotabot.quota.plans;

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
import dev.quotabot.support.AccountChecks;
import dev.quotabot.support.LoopbackWireMock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kimi Code's {@code GET /coding/v1/usages} against a WireMock stand-in, over real HTTP.
 *
 * <p>Sources of the shape: steipete/CodexBar Sources/CodexBarCore/Providers/Kimi/KimiModels.swift
 * and KimiUsageFetcher.swift (Bearer key on {@code https://api.kimi.com/coding/v1/usages}, {@code
 * usage} and {@code limits[]{window{duration,timeUnit},detail{limit,used,remaining,resetTime}}},
 * counts as strings; the top-level {@code usage} read as the weekly allowance) and
 * KimiUsageSnapshot.swift (time units, "requests per 5 hours"); robinebers/openusage
 * docs/providers/kimi.md (the 300-minute window is the session meter, the top-level quota the
 * weekly one, the console at https://www.kimi.com/code/console, no quota = no active plan).
 */
final class KimiCodeProviderTest {
  private static final String PATH = "/coding/v1/usages";
  private static final String KEY = "sk-kimi-TESTKEY-1234567890abcdefghijklmnopqrstuvwxyz";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose final PlanHarness harness = new PlanHarness();

  private KimiCodeProvider provider() {
    return new KimiCodeProvider(harness.http(), URI.create(upstream.baseUrl()));
  }

  @Test
  void declaresItsKeyPrefixAndConsole() {
    ProviderInfo info = provider().info();

    assertEquals("kimicode", info.id());
    assertEquals(List.of("sk-kimi-"), info.keyPrefixes());
    assertEquals("https://www.kimi.com/code/console", info.consoleUrl());
  }

  @Test
  void readsTheWeekAndTheFiveHourWindowWithTheBearerKey() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "kimicode/usages-5h-and-weekly.json")));

    Account account = account(provider(), KEY);

    // THEN the week first, then the 5-hour window; the membership level in the note
    assertWindowsOnly(account);
    assertEquals(
        List.of(
            window("requests_weekly", 100L, 60L, "2027-01-04T15:30:57Z", null),
            window("requests_5h", 100L, 88L, "2026-12-31T10:30:57Z", null)),
        account.limits());
    assertEquals("membership level: standard", account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void whatIsLeftIsWorkedOutFromTheLimitAndWhatIsUsedWhenNotSent() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(response(200, "kimicode/usages-without-remaining.json")));

    Account account = account(provider(), KEY);

    assertEquals(
        List.of(
            window("requests_weekly", 100L, 0L, "2027-01-04T01:24:38.060611Z", null),
            window("requests_5h", 100L, 100L, "2026-12-31T11:24:38.060611Z", null)),
        account.limits());
  }

  @Test
  void noQuotaIsAReadAnswerThatSaysThereIsNoActivePlan() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "kimicode/usages-no-plan.json")));

    Account account = account(provider(), KEY);

    assertWindowsOnly(account);
    assertTrue(account.limits().isEmpty());
    assertEquals(
        "Kimi Code reported no plan windows for this key: it has no active plan, or the plan has"
            + " ended; see https://www.kimi.com/code/console.",
        account.note());
  }

  @Test
  void anHttp401IsInvalidKey() {
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(response(401, "kimicode/401-empty.txt")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals("Kimi Code rejected the key (HTTP 401).", account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 502})
  void anHtmlPageIsUpstreamErrorWithoutTheHtml(int status) {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(status, "kimicode/502-bad-gateway.html")));

    Account account = account(provider(), KEY);

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP " + status), account.error());
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void aSlowAnswerIsATimeoutWithinTheGivenTimeout() {
    // GIVEN the plan takes 5 s to answer
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(response(200, "kimicode/usages-5h-and-weekly.json").withFixedDelay(5_000)));

    // WHEN the key is checked with a 300 ms timeout
    long started = System.nanoTime();
    Account account = AccountChecks.check(provider(), KEY, Duration.ofMillis(300)).account();
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    // THEN timeout, long before the plan would have answered, and no window
    assertEquals(ProbeStatus.TIMEOUT, account.status());
    assertTrue(tookMs < 4_000, tookMs + " ms");
    assertFailedWithoutWindows(account, KEY);
  }

  @Test
  void theOpenAiStyleBaseReachesTheSamePath() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "kimicode/usages-5h-and-weekly.json")));
    KimiCodeProvider provider =
        new KimiCodeProvider(harness.http(), URI.create(upstream.baseUrl() + "/coding/v1"));

    assertEquals(2, account(provider, KEY).limits().size());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH)));
  }
}
