package dev.quotabot.quota.watch;

import dev.quotabot.quota.QuotaReport;

/**
 * A watch just made, with the report of its first check (run before it was stored).
 *
 * @param watch the stored watch
 * @param report its first check's report
 */
public record WatchCreated(Watch watch, QuotaReport report) {}
