package dev.quotabot.quota.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class GaugeTest {
  private static final Instant CHECKED = Instant.parse("2026-12-02T08:00:00Z");
  private static final ProviderInfo INFO =
      new ProviderInfo("demo", "Demo", Set.of(), null, List.of(), "sk-…");

  private static QuotaReport report(Account account) {
    return new QuotaReport(INFO, "sk-…a1b2", account, List.of(), CHECKED, null);
  }

  private static Account balances(Balance... balances) {
    return Account.read("demo", List.of(balances), null, null);
  }

  @Test
  void readsTheFirstBalanceWithAnAmountLeft() {
    // GIVEN a wallet whose amount is unknown, then a key quota, then another currency
    Account account =
        balances(
            Balance.of(Balance.Scope.WALLET, "USD").total(new BigDecimal("9")).build(),
            Balance.of(Balance.Scope.KEY, "魔粒")
                .available(new BigDecimal("120"))
                .total(new BigDecimal("2000"))
                .build(),
            Balance.of(Balance.Scope.ACCOUNT, "CNY").available(new BigDecimal("3")).build());

    // THEN the key's quota is followed, at the report's time, with its total
    assertEquals(
        Optional.of(new Reading(CHECKED, new BigDecimal("120"), new BigDecimal("2000"), "魔粒")),
        Gauge.read(report(account)));
  }

  @Test
  void aBalanceWithoutTotalIsReadWithoutOne() {
    Account account =
        balances(Balance.of(Balance.Scope.ACCOUNT, "CNY").available(new BigDecimal("7.5")).build());

    assertEquals(
        Optional.of(new Reading(CHECKED, new BigDecimal("7.5"), null, "CNY")),
        Gauge.read(report(account)));
  }

  @Test
  void anUnlimitedKeyHasNoTotalToTakeAShareOf() {
    Account account =
        balances(
            Balance.of(Balance.Scope.KEY, "tokens")
                .available(new BigDecimal("500"))
                .total(new BigDecimal("0"))
                .unlimited(true)
                .build());

    Reading reading = Gauge.read(report(account)).orElseThrow();

    assertEquals(null, reading.total());
  }

  @Test
  void withoutAnAmountLeftReadsTheFirstWindowWithARemainingCount() {
    // GIVEN no balance, and a plan's windows: one reported as a share only, one in counts
    Account account =
        balances()
            .withLimits(
                List.of(
                    new RateWindow("five_hour", null, null, null, new BigDecimal("40")),
                    new RateWindow("requests_per_day", 1000L, 640L, null)));

    // THEN the window in counts is followed, named as its unit
    assertEquals(
        Optional.of(
            new Reading(
                CHECKED, new BigDecimal("640"), new BigDecimal("1000"), "requests_per_day")),
        Gauge.read(report(account)));
  }

  @Test
  void aWindowWithoutALimitHasNoTotal() {
    Account account =
        balances().withLimits(List.of(new RateWindow("requests_per_day", null, 12L, null)));

    assertEquals(null, Gauge.read(report(account)).orElseThrow().total());
  }

  @Test
  void aFailedAccountGivesNothing() {
    Account failed =
        Account.failed("demo", "USD", ProbeStatus.INVALID_KEY, Text.upstream("invalid key"));

    assertTrue(Gauge.read(report(failed)).isEmpty());
  }
}
