package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.ACCESS_TOKEN;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.MODELS;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.USER_ID;
import static dev.quotabot.quota.relay.RelayHarness.USER_SELF;
import static dev.quotabot.quota.relay.RelayHarness.amount;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static dev.quotabot.quota.relay.RelayHarness.limitedToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With user id and access token the account's wallet is read from {@code /api/user/self}: both
 * headers new-api needs are sent, and quota ÷ quota_per_unit is the money.
 */
final class AdminWalletTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  @Test
  void sendsBothHeadersAndPutsTheWalletOfAnUnlimitedTokenFirst() {
    // GIVEN an unlimited token (2,500,000 quota units used) and a wallet of 50,000,000 quota
    // units (12,500,000 used, 321 requests)
    unlimitedTokenWithWallet("status-newapi-usd.json");

    // WHEN checked with admin access
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN the wallet was asked with the access token AND the user id
    upstream.verify(
        getRequestedFor(urlPathEqualTo(USER_SELF))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withHeader("New-Api-User", equalTo(USER_ID)));
    // and the wallet, which is what the key spends, comes first: 100 USD left, 25 used, 125 in
    // all, 321 requests; then the token, unlimited, with what it spent
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals("USD", account.unit());
    assertEquals(
        List.of(
            wallet("USD", "100", "125", "25"),
            Balance.of(Balance.Scope.KEY, "USD").used(amount("5")).unlimited(true).build()),
        account.balances());
    assertEquals("no-limit", account.user());
    assertEquals(
        "This token has no limit of its own: it spends the account's wallet (the first balance),"
            + " read with the access token.",
        account.note());
  }

  @Test
  void walletIsConvertedToTheSitesCurrency() {
    // GIVEN a relay showing CNY at 7.3
    unlimitedTokenWithWallet("status-newapi-cny.json");

    // WHEN
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN 100 USD of quota is 730 CNY, and the token's spending is in CNY too
    assertEquals(
        List.of(
            wallet("CNY", "730", "912.5", "182.5"),
            Balance.of(Balance.Scope.KEY, "CNY").used(amount("36.5")).unlimited(true).build()),
        account.balances());
  }

  @Test
  void limitedTokenComesFirstAndTheWalletIsItsOwnBalance() {
    // GIVEN a limited token (15 USD left) and a wallet (100 USD left)
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));

    // WHEN
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN what the key can spend comes first, then the wallet; the token's name; no note
    assertEquals(
        List.of(limitedToken("USD", "15", "20", "5"), wallet("USD", "100", "125", "25")),
        account.balances());
    assertEquals("team-a", account.user());
    assertNull(account.note());
  }

  @Test
  void walletNameIsTheUserWhenTheTokenHasNone() {
    // GIVEN a relay without token usage: the billing endpoints carry no token name
    RelayHarness.oneApiBilling(upstream);
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));

    // WHEN
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN the admin user's display name is the account's name; the key's billing figures come
    // first, the wallet second
    assertEquals("Alice", account.user());
    assertEquals(2, account.balances().size(), account.balances().toString());
    assertEquals(amount("15.375"), account.balances().get(0).available());
    assertEquals(wallet("USD", "100", "125", "25"), account.balances().get(1));
  }

  @Test
  void aUsedUpKeyThatSaysWhatIsLeftComesBeforeTheWallet() {
    // GIVEN token usage refuses the key as used up, saying ＄0.14 is left; the wallet reads
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(403, "403-quota-leak.json")));
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));

    // WHEN
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN the wallet answers for the account, but the key's 0.14, which limits what it can
    // spend, comes first
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.KEY, "USD").available(amount("0.14")).unlimited(false).build(),
            wallet("USD", "100", "125", "25")),
        account.balances());
    assertEquals("Alice", account.user());
    assertTrue(account.note().contains("quota is used up (HTTP 403)"), account.note());
  }

  @Test
  void aWalletInAnotherUnitThanTheKeySaysWhy() {
    // GIVEN a CNY site without an exchange rate, read through billing (which answers in CNY),
    // and a wallet (raw quota units, so only convertible to USD)
    RelayHarness.oneApiBilling(
        upstream,
        "status-newapi-cny-no-rate.json",
        "billing-subscription.json",
        "billing-usage.json");
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(json(200, "models.json")));

    // WHEN
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN the key's balance in CNY, the wallet's in USD, and the note says why they differ
    assertEquals(List.of("CNY", "USD"), account.balances().stream().map(Balance::unit).toList());
    assertTrue(
        account
            .note()
            .endsWith("The relay shows CNY but publishes no exchange rate: amounts are in USD."),
        account.note());
  }

  @Test
  void aRemarkOnTheUnitThatTheTokenAndTheWalletShareIsSaidOnce() {
    // GIVEN an unlimited token and a wallet on a relay whose status cannot be read
    unlimitedTokenWithWallet("status-newapi-usd.json");
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(502, "status-502.html")));

    // WHEN
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN both balances are in raw quota units, and the note says why once
    assertEquals(
        List.of("quota units", "quota units"),
        account.balances().stream().map(Balance::unit).toList());
    String remark = "so its currency is unknown";
    assertEquals(
        account.note().indexOf(remark), account.note().lastIndexOf(remark), account.note());
    assertTrue(account.note().contains(remark), account.note());
  }

  @Test
  void refusedAccessTokenIsExplainedWithoutLosingTheTokenFigures() {
    // GIVEN an unlimited token and an access token the relay refuses
    unlimitedTokenWithWallet("status-newapi-usd.json");
    upstream.stubFor(
        get(urlPathEqualTo(USER_SELF)).willReturn(json(401, "user-self-unauthorized.json")));

    // WHEN
    Account account = harness.checkWithAdmin(upstream.baseUrl()).account();

    // THEN still the unlimited token's balance alone, with the relay's reason in the note
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(
        List.of(Balance.of(Balance.Scope.KEY, "USD").used(amount("5")).unlimited(true).build()),
        account.balances());
    assertTrue(account.note().contains("rejected the access token (HTTP 401)"), account.note());
    assertTrue(account.note().contains("access token 无效"), account.note());
  }

  @Test
  void aRequestCountThatIsNoWholeNumberIsUnknown() {
    // GIVEN a wallet whose request count is beyond any long, and one that is a fraction
    unlimitedTokenWithWallet("status-newapi-usd.json");
    List<Long> counts = new ArrayList<>();
    for (String count : new String[] {"123456789012345678901234567890", "3.5"}) {
      upstream.stubFor(
          get(urlPathEqualTo(USER_SELF))
              .willReturn(
                  json(200, "user-self.json")
                      .withBody(
                          Fixtures.read("newapi/user-self.json")
                              .replace("\"request_count\":321", "\"request_count\":" + count))));

      // WHEN
      counts.add(harness.checkWithAdmin(upstream.baseUrl()).account().primary().requests());
    }

    // THEN unknown, never a wrapped or cut number
    assertEquals(Arrays.asList(null, null), counts);
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

  /** The wallet of {@code user-self.json} in {@code unit}: 321 requests. */
  private static Balance wallet(String unit, String available, String total, String used) {
    return Balance.of(Balance.Scope.WALLET, unit)
        .available(amount(available))
        .total(amount(total))
        .used(amount(used))
        .unlimited(false)
        .requests(321L)
        .build();
  }

  private static void unlimitedTokenWithWallet(String status) {
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, status)));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-unlimited-flag.json")));
    upstream.stubFor(get(urlPathEqualTo(USER_SELF)).willReturn(json(200, "user-self.json")));
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(json(200, "models.json")));
  }
}
