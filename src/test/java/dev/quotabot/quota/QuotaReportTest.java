package dev.quotabot.quota;

import static dev.quotabot.quota.ManualProbe.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.CoreDoubles;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a report says about success: per row, and for a check of the balance only. */
final class QuotaReportTest {
  private static final ProviderInfo INFO =
      new ProviderInfo("modelscope", "ModelScope", CoreDoubles.PROBING, "魔粒", List.of(), "ms-…");
  private static final Account REJECTED =
      Account.failed("modelscope", "魔粒", ProbeStatus.INVALID_KEY, Text.upstream("rejected"));

  @Test
  void countsOkAndNoQuotaHeadersRowsAsSuccessesAndNeedsAllForAllSucceeded() {
    // GIVEN rows that worked (with and without numbers) and one that did not
    QuotaReport some =
        report(
            CoreDoubles.BALANCE,
            row("a", ProbeStatus.OK),
            row("b", ProbeStatus.NO_QUOTA_HEADERS),
            row("c", ProbeStatus.LIMIT_REACHED));
    QuotaReport all =
        report(REJECTED, row("a", ProbeStatus.OK), row("b", ProbeStatus.NO_QUOTA_HEADERS));

    // WHEN / THEN two of three succeeded, so not all; all rows working is all, whatever the
    // account says (it is read beside the rows, which do not depend on it)
    assertEquals(2, some.successCount());
    assertFalse(some.allSucceeded());
    assertFalse(some.balanceOnly());
    assertTrue(all.allSucceeded());
  }

  @Test
  void aBalanceOnlyCheckSucceedsExactlyWhenTheBalanceWasRead() {
    QuotaReport read = report(CoreDoubles.BALANCE);
    QuotaReport rejected = report(REJECTED);

    assertTrue(read.balanceOnly());
    assertTrue(read.allSucceeded());
    assertTrue(rejected.balanceOnly());
    assertFalse(rejected.allSucceeded());
  }

  private static QuotaReport report(Account account, ModelQuota... rows) {
    return new QuotaReport(
        INFO, "ms-…cdef", account, List.of(rows), Instant.parse("2026-11-24T00:00:00Z"), null);
  }
}
