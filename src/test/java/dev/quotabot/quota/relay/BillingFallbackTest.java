package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.SUBSCRIPTION;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.USAGE;
import static dev.quotabot.quota.relay.RelayHarness.amount;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static dev.quotabot.quota.relay.RelayHarness.limitedKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LoopbackWireMock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Relays without {@code /api/usage/token/} (one-api) are read from the billing endpoints: remaining
 * = hard_limit_usd − total_usage / 100, already in the site's display unit.
 */
final class BillingFallbackTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  @Test
  void tokenUsage404FallsBackToSubscriptionMinusUsage() {
    // GIVEN /api/usage/token/ is 404; a 20.5 limit with 512.5 hundredths used
    RelayHarness.oneApiBilling(upstream);

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN one key balance: 20.5 − 5.125 left of 20.5, no expiry; the note says where it came from
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(List.of(limitedKey("USD", "15.375", "20.5", "5.125").build()), account.balances());
    assertTrue(account.note().contains("billing endpoints"), account.note());
  }

  @Test
  void oneApiWebPageInsteadOfTokenUsageAlsoFallsBack() {
    // GIVEN one-api answers unknown routes with its web page (HTTP 200, HTML)
    RelayHarness.oneApiBilling(upstream);
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody(Fixtures.read("newapi/oneapi-index.html"))));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertEquals(List.of(limitedKey("USD", "15.375", "20.5", "5.125").build()), account.balances());
  }

  @Test
  void billingAmountsAreNotConvertedAgainOnACnySite() {
    // GIVEN a CNY site: billing already answers in CNY (string numbers), with an expiry
    RelayHarness.oneApiBilling(
        upstream,
        "status-newapi-cny.json",
        "billing-subscription-expiring.json",
        "billing-usage-strings.json");

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN ¥66.74 stays ¥66.74 (not $66.74, not 66.74 × 7.3), with its expiry
    assertEquals(
        List.of(
            limitedKey("CNY", "56.74", "66.74", "10")
                .expiresAt(Instant.ofEpochSecond(1767225600))
                .build()),
        account.balances());
  }

  @Test
  void tokensSiteGivesWholeTokens() {
    // GIVEN one-api showing tokens
    RelayHarness.oneApiBilling(
        upstream,
        "status-oneapi-tokens.json",
        "billing-subscription-tokens.json",
        "billing-usage-tokens.json");

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertEquals(
        List.of(limitedKey("tokens", "7500000", "10000000", "2500000").build()),
        account.balances());
  }

  @Test
  void unknownTokenOnTokenUsageIsSettledByTheBillingEndpoints() {
    // GIVEN new-api's answer for a key it does not know (HTTP 200, success false), billing 401
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-unknown-token.json")));
    upstream.stubFor(
        get(urlPathEqualTo(SUBSCRIPTION)).willReturn(json(401, "401-invalid-token.json")));
    upstream.stubFor(get(urlPathEqualTo(USAGE)).willReturn(json(401, "401-invalid-token.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.balances().isEmpty(), account.balances().toString());
  }

  @Test
  void statusDownLabelsBillingAmountsAsSiteUnits() {
    // GIVEN billing works but /api/status is 404
    RelayHarness.oneApiBilling(upstream);
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(404, "404-not-found.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the numbers are there, the currency is not guessed
    assertEquals(
        List.of(limitedKey("site units", "15.375", "20.5", "5.125").build()), account.balances());
    assertTrue(account.note().contains("currency is unknown"), account.note());
  }

  @Test
  void neitherRouteGivesAnUpstreamErrorNamingBoth() {
    // GIVEN token usage and billing are both missing
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(get(urlPathEqualTo(SUBSCRIPTION)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(get(urlPathEqualTo(USAGE)).willReturn(json(404, "404-not-found.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.balances().isEmpty(), account.balances().toString());
    assertTrue(account.error().contains("/api/usage/token/ answered HTTP 404"), account.error());
    assertTrue(
        account.error().contains("/v1/dashboard/billing/subscription answered HTTP 404"),
        account.error());
  }

  @Test
  void billingWithoutUsageGivesTheLimitAndSaysWhatIsLeftIsUnknown() {
    // GIVEN a 20.5 limit, and a usage endpoint that fails
    RelayHarness.oneApiBilling(upstream);
    upstream.stubFor(get(urlPathEqualTo(USAGE)).willReturn(json(500, "404-not-found.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the limit is read, what is left and what was used are unknown (never 0), and the note
    // says why
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.KEY, "USD").total(amount("20.5")).unlimited(false).build()),
        account.balances());
    assertTrue(
        account.note().contains("What is left is unknown: /v1/dashboard/billing/usage answered"),
        account.note());
  }

  @Test
  void tokenUsageThatAnswersIsNotFollowedByBillingCalls() {
    // GIVEN a healthy new-api relay
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");

    // WHEN
    harness.check(upstream.baseUrl());

    // THEN the billing endpoints were not asked
    upstream.verify(0, getRequestedFor(urlPathEqualTo(SUBSCRIPTION)));
    upstream.verify(0, getRequestedFor(urlPathEqualTo(USAGE)));
  }
}
