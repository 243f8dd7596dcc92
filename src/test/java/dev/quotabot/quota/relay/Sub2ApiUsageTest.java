package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.MODELS;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.amount;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Site;
import dev.quotabot.support.LoopbackWireMock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sub2api site: no {@code /api/status} (404) and its own {@code GET /v1/usage} with the key as
 * Bearer, in its three shapes. Shapes from Wei-Shaw/sub2api backend/internal/handler/
 * gateway_handler.go Usage, usageQuotaLimited, usageUnrestricted (read in the fork
 * youxuanxue/sub2api at 58eefbb; the older two-field answer from Wei-Shaw/sub2api at d3e73f1) and
 * the 401 from backend/internal/server/middleware/api_key_auth.go; {@code sub2api-wallet.json} is
 * the answer zh667/TokenLedger recorded from a live site (test/fixtures/sub2api.json); the
 * quota-limited windows follow the timestamps a live v0.2.9 site sent (CodaPace's
 * Sub2APIProviderTests.swift). That /api/status is 404 on sub2api and 200 on new-api, and /v1/usage
 * the reverse: zh667/TokenLedger src/adapters/detect.js.
 */
final class Sub2ApiUsageTest {
  private static final String V1_USAGE = "/v1/usage";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  /** A sub2api site answering {@code /v1/usage} with {@code fixture}. */
  private Account sub2api(int status, String fixture) {
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(get(urlPathEqualTo(V1_USAGE)).willReturn(json(status, fixture)));
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(json(200, "models.json")));
    return harness.check(upstream.baseUrl()).account();
  }

  @Test
  void readsTheWalletShapeAsTheAccountsBalanceAndTheKeysSpend() {
    // GIVEN the wallet shape (recorded live by zh667/TokenLedger)
    // WHEN
    Account account = sub2api(200, "sub2api-wallet.json");

    // THEN the wallet is the account's balance, the key's own spend beside it; the placeholder
    // plan name is not shown as a plan
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(new Site("sub2api", null, null), account.site());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.ACCOUNT, "USD").available(amount("4.76803348")).build(),
            Balance.of(Balance.Scope.KEY, "USD")
                .used(amount("0.231966525"))
                .part("spent_today", amount("0"))
                .part("spent_total", amount("0.231966525"))
                .requests(2L)
                .build()),
        account.balances());
    assertFalse(account.note().contains(Sub2ApiUsage.WALLET_PLACEHOLDER), account.note());
    assertTrue(account.limits().isEmpty());
  }

  @Test
  void readsTheSubscriptionShapeAsThePlansRemainingWithItsCappedPeriodsAsWindows() {
    // GIVEN a plan capped per day and per week, not per month
    // WHEN
    Account account = sub2api(200, "sub2api-subscription.json");

    // THEN what is left is the plan's remaining, its periods are windows (share used; the week
    // resets a week after it opened), the plan's name is in the note
    assertEquals(
        Balance.of(Balance.Scope.ACCOUNT, "USD")
            .available(amount("3.5"))
            .unlimited(false)
            .expiresAt(Instant.parse("2026-08-31T16:00:00Z"))
            .build(),
        account.primary());
    assertEquals(
        List.of(
            new RateWindow("usd_per_day", null, null, null, amount("30")),
            new RateWindow(
                "usd_per_week", null, null, Instant.parse("2026-08-20T16:00:00Z"), amount("40"))),
        account.limits());
    assertTrue(account.note().contains("\"Claude Pro\""), account.note());
  }

  @Test
  void readsASubscriptionsPerModelUsageAsSpendMostFirst() {
    // WHEN
    Account account = sub2api(200, "sub2api-subscription.json");

    // THEN model_stats' charged amounts, largest first, in the site's unit
    assertEquals(
        List.of(
            new ModelSpend("claude-sonnet-4-5", amount("8.5"), "USD", 10, null),
            new ModelSpend("claude-haiku-4-5", amount("0.25"), "USD", 5, null)),
        account.spend());
    assertTrue(account.note().contains(Sub2ApiUsage.SPEND_NOTE.english()), account.note());
  }

  @Test
  void aPlanWithNoCappedPeriodIsUnlimitedNotMinusOneDollar() {
    // WHEN
    Account account = sub2api(200, "sub2api-subscription-uncapped.json");

    // THEN
    Balance plan = account.primary();
    assertEquals(Boolean.TRUE, plan.unlimited());
    assertNull(plan.available());
    assertTrue(account.limits().isEmpty(), account.limits().toString());
  }

  @Test
  void readsTheQuotaLimitedShapeAsTheKeysQuotaAndSpendWindows() {
    // WHEN
    Account account = sub2api(200, "sub2api-quota-limited.json");

    // THEN the key's own quota, its expiry and its spend; each window's share and reset
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.KEY, "USD")
                .available(amount("37.5"))
                .total(amount("50"))
                .used(amount("12.5"))
                .unlimited(false)
                .expiresAt(Instant.parse("2026-12-31T00:00:00Z"))
                .part("spent_today", amount("1.25"))
                .part("spent_total", amount("12.5"))
                .requests(40L)
                .build()),
        account.balances());
    assertEquals(
        List.of(
            new RateWindow(
                "usd_per_5_hours",
                null,
                null,
                Instant.parse("2026-09-28T11:23:26.666648Z"),
                amount("25")),
            new RateWindow(
                "usd_per_day",
                null,
                null,
                Instant.parse("2026-09-29T01:23:26.666648Z"),
                amount("24")),
            new RateWindow(
                "usd_per_week",
                null,
                null,
                Instant.parse("2026-10-02T07:23:26.666648Z"),
                amount("30"))),
        account.limits());
  }

  @Test
  void aUsedUpQuotaSaysSoAndKeepsItsFigures() {
    // WHEN
    Account account = sub2api(200, "sub2api-quota-exhausted.json");

    // THEN
    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, account.status());
    assertEquals(amount("0"), account.primary().available());
    assertTrue(account.error().contains("used up"), account.error());
  }

  @Test
  void keepsKnownWindowsOnlyAndInventsNoReset() {
    // GIVEN only windows, one lapsed (no reset_at) and one of a length sub2api does not define
    // WHEN
    Account account = sub2api(200, "sub2api-rate-limits-only.json");

    // THEN the known window, no reset, no balance made up
    assertEquals(
        List.of(new RateWindow("usd_per_5_hours", null, null, null, amount("0"))),
        account.limits());
    assertTrue(account.balances().isEmpty(), account.balances().toString());
    assertEquals("USD", account.unit());
  }

  @Test
  void readsTheOlderTwoFieldAnswer() {
    // WHEN
    Account account = sub2api(200, "sub2api-legacy-wallet.json");

    // THEN the wallet's remaining
    assertEquals(
        List.of(Balance.of(Balance.Scope.ACCOUNT, "USD").available(amount("12.34")).build()),
        account.balances());
  }

  @Test
  void aRefusedKeyIsAnInvalidKeyOnASub2apiSite() {
    // WHEN
    Account account = sub2api(401, "sub2api-401-invalid-key.json");

    // THEN
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals(new Site("sub2api", null, null), account.site());
    assertTrue(account.error().startsWith("The sub2api site rejected the key"), account.error());
  }

  @Test
  void aKeyTheSiteDisabledIsAnInvalidKey() {
    // GIVEN a quota-limited key whose status is disabled (isValid false)
    // WHEN
    Account account = sub2api(200, "sub2api-disabled.json");

    // THEN
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().contains("disabled"), account.error());
  }

  @Test
  void aPlanWithoutAnActiveSubscriptionHasNoBalanceToSpend() {
    // GIVEN the 403 sub2api answers for a plan's key without an active subscription
    // WHEN
    Account account = sub2api(403, "sub2api-403-no-subscription.json");

    // THEN
    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, account.status());
    assertTrue(account.error().contains("no active subscription"), account.error());
  }

  @Test
  void sendsTheKeyOnlyAsABearerHeaderNeverInAUrl() {
    // WHEN
    sub2api(200, "sub2api-subscription.json");

    // THEN /v1/usage had the key as Bearer; no request URL anywhere holds it
    upstream.verify(
        getRequestedFor(urlPathEqualTo(V1_USAGE))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
    List<LoggedRequest> requests = upstream.findAll(anyRequestedFor(anyUrl()));
    assertFalse(requests.isEmpty());
    for (LoggedRequest request : requests) {
      assertFalse(request.getUrl().contains(KEY), request.getUrl());
      assertFalse(request.getUrl().contains(KEY.substring(3)), request.getUrl());
    }
  }

  @Test
  void aNewApiSiteIsNotAskedSub2apisRoute() {
    // GIVEN a healthy new-api relay
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");

    // WHEN
    harness.check(upstream.baseUrl());

    // THEN /v1/usage was never asked
    upstream.verify(0, getRequestedFor(urlPathEqualTo(V1_USAGE)));
  }

  @Test
  void aSiteWithoutStatusWhoseUsageRouteIsMissingIsNotSub2api() {
    // GIVEN a site answering 404 to both
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(get(urlPathEqualTo(V1_USAGE)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-limited.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the new-api reading stands and no software is named
    assertEquals(ProbeStatus.OK, account.status());
    assertNull(account.site());
  }
}
