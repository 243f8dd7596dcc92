package dev.quotabot.quota.watch;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateWindow;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The one number a watch follows in a report: the first balance with an amount left (balances come
 * the one that limits spending first); failing that, the first account window with a remaining
 * count (a coding plan's); nothing when the report has neither.
 */
public final class Gauge {
  private Gauge() {}

  public static Optional<Reading> read(QuotaReport report) {
    Account account = report.account();
    for (Balance balance : account.balances()) {
      if (balance.available() != null) {
        // an unlimited key has no total to take a share of, whatever the upstream put there
        BigDecimal total = Boolean.TRUE.equals(balance.unlimited()) ? null : balance.total();
        return Optional.of(
            new Reading(report.checkedAt(), balance.available(), total, balance.unit()));
      }
    }
    for (RateWindow window : account.limits()) {
      if (window.remaining() != null) {
        BigDecimal total = window.limit() == null ? null : BigDecimal.valueOf(window.limit());
        return Optional.of(
            new Reading(
                report.checkedAt(), BigDecimal.valueOf(window.remaining()), total, window.name()));
      }
    }
    return Optional.empty();
  }
}
