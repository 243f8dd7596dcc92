package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.LoopbackWireMock;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unlimited token is reported as {@code unlimited} with no remaining: never the sentinel {@code
 * 100000000} or a negative number as money, and the note points to the access token, which alone
 * can read the wallet it spends.
 */
final class UnlimitedTokenTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  @ParameterizedTest
  @ValueSource(strings = {"usage-token-unlimited-flag.json", "usage-token-negative-available.json"})
  void tokenUsageOfAnUnlimitedTokenShowsUnlimited(String usage) {
    // GIVEN new-api's token usage of an unlimited token (the flag, or a count below zero)
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, usage)));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN unlimited, nothing shown as remaining or granted, the spending still shown
    assertUnlimited(account, "USD", "5");
  }

  @Test
  void billingSentinelMeansUnlimited() {
    // GIVEN a relay without token usage whose billing reports the 100000000 sentinel
    RelayHarness.oneApiBilling(
        upstream,
        "status-oneapi-currency.json",
        "billing-subscription-unlimited.json",
        "billing-usage.json");

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertUnlimited(account, "USD", "5.125");
  }

  @Test
  void billingUsageAboveTheLimitMeansUnlimitedNotANegativeBalance() {
    // GIVEN usage (25.5) above the hard limit (20.5): the token counts down past zero
    RelayHarness.oneApiBilling(
        upstream,
        "status-oneapi-currency.json",
        "billing-subscription.json",
        "billing-usage-over-limit.json");

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertUnlimited(account, "USD", "25.5");
  }

  /**
   * One key balance: unlimited, only what was {@code used}; the note points to the access token.
   */
  private static void assertUnlimited(Account account, String unit, String used) {
    assertEquals(ProbeStatus.OK, account.status(), account.error());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.KEY, unit).used(new BigDecimal(used)).unlimited(true).build()),
        account.balances());
    assertTrue(account.note().contains(RelayAccount.NEEDS_ACCESS_TOKEN.english()), account.note());
  }
}
