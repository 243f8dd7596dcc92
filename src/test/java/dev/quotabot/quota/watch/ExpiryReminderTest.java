package dev.quotabot.quota.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.Text;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class ExpiryReminderTest {
  private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

  /** 23:30 in Shanghai: the next midnight there is 30 minutes away. */
  private static final Instant LATE = Instant.parse("2026-12-02T15:30:00Z");

  private static final OffsetDateTime MIDNIGHT = OffsetDateTime.parse("2026-12-03T00:00:00+08:00");

  @Test
  void remindsOfShortTermCreditGrantedTodayAtTheLastCheckBeforeTheProvidersMidnight() {
    // GIVEN 100 short-term 魔粒 granted today, 80 left in all
    QuotaReport report = report(shortTerm("80", "100"), MIDNIGHT);

    // WHEN the next check is after midnight
    Optional<ExpiryReminder> reminder =
        ExpiryReminder.find(report, LATE, LATE.plus(Duration.ofHours(1)), null);

    // THEN at most what is left is reminded of, expiring at the provider's midnight
    assertEquals("80", reminder.orElseThrow().amount().toPlainString());
    assertEquals(MIDNIGHT.toInstant(), reminder.get().expiresAt());
    assertEquals("2026-12-02", reminder.get().day());
    assertEquals("魔粒", reminder.get().unit());
  }

  @Test
  void remindsOfNothingWhileAnotherCheckComesBeforeMidnight() {
    QuotaReport report = report(shortTerm("80", "100"), MIDNIGHT);

    assertTrue(
        ExpiryReminder.find(report, LATE, LATE.plus(Duration.ofMinutes(15)), null).isEmpty());
  }

  @Test
  void remindsOnlyOncePerProviderDay() {
    QuotaReport report = report(shortTerm("80", "100"), MIDNIGHT);

    assertTrue(
        ExpiryReminder.find(report, LATE, LATE.plus(Duration.ofHours(1)), "2026-12-02").isEmpty());
  }

  @Test
  void remindsOfNothingWithoutShortTermCreditLeft() {
    QuotaReport report = report(shortTerm("80", "0"), MIDNIGHT);

    assertTrue(ExpiryReminder.find(report, LATE, LATE.plus(Duration.ofHours(1)), null).isEmpty());
  }

  @Test
  void remindsOfABalanceThatExpiresBeforeTheNextCheckToday() {
    Instant now = Instant.parse("2026-12-02T20:00:00Z");
    Instant expires = Instant.parse("2026-12-02T20:40:00Z");
    Balance balance =
        Balance.of(Balance.Scope.KEY, "USD")
            .available(new BigDecimal("3.5"))
            .expiresAt(expires)
            .build();

    Optional<ExpiryReminder> reminder =
        ExpiryReminder.find(report(balance, null), now, now.plus(Duration.ofHours(1)), null);

    assertEquals("3.5", reminder.orElseThrow().amount().toPlainString());
    assertEquals(expires, reminder.get().expiresAt());
  }

  @Test
  void remindsOfNothingForABalanceExpiringAfterTheNextCheck() {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    Balance balance =
        Balance.of(Balance.Scope.KEY, "USD")
            .available(new BigDecimal("3.5"))
            .expiresAt(Instant.parse("2026-12-02T18:00:00Z"))
            .build();

    assertTrue(
        ExpiryReminder.find(report(balance, null), now, now.plus(Duration.ofHours(1)), null)
            .isEmpty());
  }

  private static Balance shortTerm(String available, String grantedToday) {
    return Balance.of(Balance.Scope.ACCOUNT, "魔粒")
        .available(new BigDecimal(available))
        .total(new BigDecimal(available))
        .part(ExpiryReminder.SHORT_TERM_PART, new BigDecimal(grantedToday))
        .build();
  }

  private static QuotaReport report(Balance balance, @Nullable OffsetDateTime resetsAt) {
    ProviderInfo provider =
        new ProviderInfo(
            "modelscope", "ModelScope", EnumSet.of(Capability.BALANCES), "魔粒", List.of(), "ms-…");
    return new QuotaReport(
        provider,
        "ms-…a1b2",
        Account.read("modelscope", List.of(balance), null, (Text) null),
        List.of(),
        LATE,
        resetsAt);
  }
}
