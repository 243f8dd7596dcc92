package dev.quotabot.quota.watch;

import dev.quotabot.quota.QuotaReport;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one check of a watch found.
 *
 * @param watch the watch as saved after the check
 * @param report the query's report; null when the check could not run (the key did not open)
 * @param reading the value it read, if any
 * @param alerts what the owner is told because of it (at most one threshold alert)
 */
public record CheckOutcome(
    Watch watch, @Nullable QuotaReport report, Optional<Reading> reading, List<Alert> alerts) {

  public CheckOutcome {
    alerts = List.copyOf(alerts);
  }
}
