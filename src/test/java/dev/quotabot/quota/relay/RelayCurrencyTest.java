package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static dev.quotabot.quota.relay.RelayHarness.limitedKey;
import static dev.quotabot.quota.relay.RelayHarness.limitedToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LoopbackWireMock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Money is shown in the unit the relay uses, read from {@code /api/status}: raw quota units ÷
 * {@code quota_per_unit}, times the exchange rate for CNY and custom currencies, raw for tokens;
 * never assumed USD.
 */
final class RelayCurrencyTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // a token with 10,000,000 quota units granted, 2,500,000 used, 7,500,000 left
    "status-newapi-usd.json,    USD,    15,       20,       5",
    "status-newapi-cny.json,    CNY,    109.5,    146,      36.5",
    "status-newapi-tokens.json, tokens, 7500000,  10000000, 2500000",
    "status-newapi-custom.json, ¤,      30,       40,       10",
    "status-oneapi-currency.json, USD,  15,       20,       5",
    "status-oneapi-tokens.json, tokens, 7500000,  10000000, 2500000",
    "status-strings.json,       CNY,    109.5,    146,      36.5",
  })
  void convertsTokenUsageIntoTheSitesUnit(
      String status, String unit, String available, String total, String used) {
    // GIVEN a relay whose status names its display unit
    RelayHarness.healthyNewApi(upstream, status);

    // WHEN the key is checked
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the key's balance is in that unit
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(unit, account.unit());
    assertEquals(List.of(limitedToken(unit, available, total, used)), account.balances());
    assertEquals("team-a", account.user());
    assertNull(account.note());
    assertNull(account.error());
  }

  @Test
  void roundsMoneyToSixDecimalsAndReadsMinusOneAsNeverExpiring() {
    // GIVEN amounts that do not divide evenly, and expires_at -1
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-never-expires.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN 1,234,567 / 500,000 = 2.469134, and no expiry
    assertEquals(
        List.of(limitedKey("USD", "2", "2.469134", "0.469134").build()), account.balances());
  }

  @Test
  void readsNumbersAndFlagsGivenAsStrings() {
    // GIVEN a status and token usage where every number and flag is a string
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-strings.json")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-strings.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN they are read like numbers; expires_at "0" is never
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(List.of(limitedKey("CNY", "109.5", "146", "36.5").build()), account.balances());
    assertEquals("strings", account.user());
  }

  @Test
  void cnyWithoutAnExchangeRateIsShownInDollarsAndSaysSo() {
    // GIVEN a relay that shows CNY but publishes no rate
    RelayHarness.healthyNewApi(upstream, "status-newapi-cny-no-rate.json");

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the amounts stay in the unit quota_per_unit is defined in, and the note says why
    assertEquals(List.of(limitedToken("USD", "15", "20", "5")), account.balances());
    assertTrue(account.note().contains("no exchange rate"), account.note());
  }

  @Test
  void statusDownGivesRawQuotaUnitsWithANoteInsteadOfGuessingDollars() {
    // GIVEN /api/status fails with an HTML error page
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(
        get(urlPathEqualTo(STATUS))
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "text/html")
                    .withBody(Fixtures.read("newapi/status-502.html"))));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the balance is still read, in raw units, and the note explains
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(
        List.of(limitedToken("quota units", "7500000", "10000000", "2500000")), account.balances());
    assertTrue(account.note().contains("/api/status answered HTTP 502"), account.note());
    assertTrue(account.note().contains("raw quota units"), account.note());
  }

  @Test
  void statusTimeoutLeavesTheBalanceReadable() {
    // GIVEN /api/status never answers in time, the token usage does
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(
        get(urlPathEqualTo(STATUS))
            .willReturn(json(200, "status-newapi-usd.json").withFixedDelay(3_000)));

    // WHEN checked with one second
    Account account = harness.check(upstream.baseUrl(), null, Duration.ofSeconds(1)).account();

    // THEN the token's figures are there in raw units, and the note says the status timed out
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(
        List.of(limitedToken("quota units", "7500000", "10000000", "2500000")), account.balances());
    assertTrue(account.note().contains("/api/status did not answer"), account.note());
  }

  @Test
  void cutsAnOverlongTokenNameAndCustomSymbolOnWholeCharacters() {
    // GIVEN a custom symbol and a token name whose cut (8 and 100 characters) lands inside an emoji
    String symbol = "1234567\uD83D\uDE00xyz";
    String name = "n".repeat(99) + "\uD83D\uDE00" + "tail";
    RelayHarness.healthyNewApi(upstream, "status-newapi-custom.json");
    upstream.stubFor(
        get(urlPathEqualTo(STATUS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        Fixtures.read("newapi/status-newapi-custom.json")
                            .replace("\"¤\"", "\"" + symbol + "\""))));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        Fixtures.read("newapi/usage-token-limited.json")
                            .replace("\"team-a\"", "\"" + name + "\""))));

    // WHEN the key is checked
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the symbol keeps its whole characters (no mark) and the name its first 99 and "…"
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals("1234567", account.unit());
    assertEquals("1234567", account.primary().unit());
    assertEquals("n".repeat(99) + "…", account.user());
  }
}
