package dev.quotabot.quota.watch;

import dev.quotabot.quota.Balance;
import dev.quotabot.quota.QuotaReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a report shows credit that lapses before the watch's next check, on the provider's
 * current day: the last chance to use it. Read only from what the report says, for any provider:
 *
 * <ul>
 *   <li>a balance whose {@code expires_at} falls before the next check, today;
 *   <li>short-term credit granted today (the part {@value #SHORT_TERM_PART}, which ModelScope
 *       reports): it lasts a day from its grant and is spent before other credit, so the reminder
 *       comes at the last check before the provider's day ends ({@code resets_at}, 00:00
 *       Asia/Shanghai for ModelScope), for what is still unspent of it (at most what is left).
 *       ModelScope does not tell the hour of each grant, so this is the day's boundary, not the
 *       exact minute a grant lapses.
 * </ul>
 *
 * @param amount what lapses
 * @param unit its unit
 * @param expiresAt when
 * @param day the provider's current day (ISO), for one reminder a day
 */
record ExpiryReminder(BigDecimal amount, String unit, Instant expiresAt, String day) {

  /** The balance part that holds the short-term credit granted on the provider's current day. */
  static final String SHORT_TERM_PART = "short_term_earned_today";

  /**
   * @param report what this check read
   * @param now when it was read
   * @param nextCheck when the watch is checked next
   * @param remindedOn the last day a reminder went out; null for never
   */
  static Optional<ExpiryReminder> find(
      QuotaReport report, Instant now, Instant nextCheck, @Nullable String remindedOn) {
    ZoneId zone = report.resetsAt() == null ? ZoneOffset.UTC : report.resetsAt().getOffset();
    LocalDate today = now.atZone(zone).toLocalDate();
    String day = today.toString();
    if (day.equals(remindedOn)) {
      return Optional.empty();
    }
    for (Balance balance : report.account().balances()) {
      Instant expires = balance.expiresAt();
      BigDecimal available = balance.available();
      if (expires != null
          && before(now, expires, nextCheck)
          && sameDay(expires, zone, today)
          && available != null
          && available.signum() > 0) {
        return Optional.of(new ExpiryReminder(available, balance.unit(), expires, day));
      }
      BigDecimal shortTerm = balance.parts().get(SHORT_TERM_PART);
      if (shortTerm != null && shortTerm.signum() > 0 && report.resetsAt() != null) {
        Instant dayEnds = report.resetsAt().toInstant();
        BigDecimal unspent = available == null ? shortTerm : shortTerm.min(available);
        if (before(now, dayEnds, nextCheck) && unspent.signum() > 0) {
          return Optional.of(new ExpiryReminder(unspent, balance.unit(), dayEnds, day));
        }
      }
    }
    return Optional.empty();
  }

  /** The reading the alert carries: what lapses, in its unit. */
  Reading reading(Instant at) {
    return new Reading(at, amount, null, unit);
  }

  private static boolean before(Instant now, Instant when, Instant nextCheck) {
    return when.isAfter(now) && !when.isAfter(nextCheck);
  }

  /** Midnight itself belongs to the day it ends. */
  private static boolean sameDay(Instant when, ZoneId zone, LocalDate today) {
    return when.minusNanos(1).atZone(zone).toLocalDate().equals(today);
  }
}
