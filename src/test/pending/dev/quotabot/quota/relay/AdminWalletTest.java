package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.ACCESS_TOKEN;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.USER_ID;
import static dev.quotabot.quota.relay.RelayHarness.USER_SELF;
import static dev.quotabot.quota.relay.RelayHarness.assertAmount;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With user id and access token the account's wallet is read from {@code /api/user/self}: both
 * headers new-api needs are sent, and quota ÷ quota_per_unit is the money.
 */
final class AdminWalletTest {
  @RegisterExtension static final WireMockExtension upstream = RelayHarness.wireMock();

  private final RelayHarness harness = new RelayHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void sendsBothHeadersAndShowsTheWalletOfAnUnlimitedToken() {
    // GIVEN an unlimited token and a wallet of 50,000,000 quota units (12,500,000 used)
    unlimitedTokenWithWallet("status-newapi-usd.json");

    // WHEN checked with admin access
    AccountBalance account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN the wallet was asked with the access token AND the user id
    upstream.verify(
        getRequestedFor(urlPathEqualTo(USER_SELF))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withHeader("New-Api-User", equalTo(USER_ID)));
    // and the amounts are the wallet's: 100 USD left, 25 used, 125 in all
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals("USD", account.unit());
    assertAmount("100", account.availableBalance());
    assertAmount("125", account.totalBalance());
    assertAmount("25", account.used());
    assertEquals(Boolean.FALSE, account.unlimited());
    assertEquals("no-limit", account.user());
    assertTrue(account.note().contains("no limit of its own"), account.note());
    assertTrue(account.note().contains("321 requests"), account.note());
  }

  @Test
  void walletIsConvertedToTheSitesCurrency() {
    // GIVEN a relay showing CNY at 7.3
    unlimitedTokenWithWallet("status-newapi-cny.json");

    // WHEN
    AccountBalance account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN 100 USD of quota is 730 CNY
    assertEquals("CNY", account.unit());
    assertAmount("730", account.availableBalance());
    assertAmount("182.5", account.used());
  }

  @Test
  void limitedTokenKeepsItsOwnFiguresAndSumsUpTheWalletInTheNote() {
    // GIVEN a limited token (15 USD left) and a wallet (100 USD left)
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));

    // WHEN
    AccountBalance account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN what the key can spend comes first; the wallet is in the note
    assertAmount("15", account.availableBalance());
    assertEquals("team-a", account.user());
    assertTrue(account.note().contains("wallet (access token): 100 USD left"), account.note());
  }

  @Test
  void walletNameIsTheUserWhenTheTokenHasNone() {
    // GIVEN a relay without token usage: the billing endpoints carry no token name
    RelayHarness.oneApiBilling(
        upstream, "status-oneapi-currency.json", "billing-subscription.json", "billing-usage.json");
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));

    // WHEN
    AccountBalance account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN the admin user's display name is the account's name
    assertEquals("Alice", account.user());
    assertAmount("15.375", account.availableBalance());
  }

  @Test
  void refusedAccessTokenIsExplainedWithoutLosingTheTokenFigures() {
    // GIVEN an unlimited token and an access token the relay refuses
    unlimitedTokenWithWallet("status-newapi-usd.json");
    upstream.stubFor(
        get(urlPathEqualTo(USER_SELF)).willReturn(json(401, "user-self-unauthorized.json")));

    // WHEN
    AccountBalance account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN still unlimited, with the relay's reason in the note
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(Boolean.TRUE, account.unlimited());
    assertTrue(account.note().contains("rejected the access token (HTTP 401)"), account.note());
    assertTrue(account.note().contains("access token 无效"), account.note());
  }

  @Test
  void accessTokenAndKeyNeverReachResultsOrLogs() {
    // GIVEN a wallet answer that echoes the access token and the key in the user's name
    unlimitedTokenWithWallet("status-newapi-usd.json");
    upstream.stubFor(
        get(urlPathEqualTo(USER_SELF))
            .willReturn(
                json(200, "user-self.json")
                    .withBody(
                        "{\"success\":true,\"data\":{\"display_name\":\""
                            + ACCESS_TOKEN
                            + " "
                            + KEY
                            + "\",\"quota\":1,\"used_quota\":0}}")));

    // WHEN
    ProviderResult result;
    String logs;
    try (LogCapture capture = LogCapture.open()) {
      result = harness.checkWithAdmin(upstream.baseUrl());
      logs = capture.text();
    }

    // THEN neither secret is anywhere
    String shown = result.toString();
    assertFalse(shown.contains(ACCESS_TOKEN), shown);
    assertFalse(shown.contains(KEY), shown);
    assertFalse(logs.contains(ACCESS_TOKEN));
    assertFalse(logs.contains(KEY));
  }

  private static void unlimitedTokenWithWallet(String status) {
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, status)));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-unlimited-flag.json")));
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));
  }
}
