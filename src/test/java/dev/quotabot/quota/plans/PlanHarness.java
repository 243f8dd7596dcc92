package dev.quotabot.quota.plans;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The HTTP the plans get in production (the trusted client with {@link
 * CodingPlans#MAX_BODY_BYTES}), and the checks only plan tests make; reading an account is {@link
 * dev.quotabot.support.AccountChecks}.
 */
final class PlanHarness implements AutoCloseable {
  private final UpstreamClient client = new UpstreamClient();
  private final UpstreamHttp http = client.clients().trusted(CodingPlans.MAX_BODY_BYTES);

  UpstreamHttp http() {
    return http;
  }

  /** A failed account: no window, no balance, no note, an error text without markup or key. */
  static void assertFailedWithoutWindows(Account account, String key) {
    assertTrue(account.limits().isEmpty(), "no window: " + account.limits());
    assertTrue(account.balances().isEmpty(), "no balance: " + account.balances());
    assertNull(account.note(), "note");
    assertFalse(account.isKnown());
    assertTrue(account.error() != null && !account.error().isBlank(), "an error text");
    assertFalse(account.error().contains("<"), account.error());
    assertFalse(account.error().contains(key.substring(3, key.length() - 4)), account.error());
  }

  /** A read plan never reports money. */
  static void assertWindowsOnly(Account account) {
    assertTrue(account.isKnown(), account.toString());
    assertTrue(account.balances().isEmpty(), "no balance: " + account.balances());
    assertNull(account.error());
  }

  static RateWindow window(
      String name, Long limit, Long remaining, String resetsAt, String usedPercent) {
    return new RateWindow(
        name,
        limit,
        remaining,
        resetsAt == null ? null : Instant.parse(resetsAt),
        usedPercent == null ? null : new BigDecimal(usedPercent));
  }

  @Override
  public void close() {
    client.close();
  }
}
