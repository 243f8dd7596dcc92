package dev.quotabot.quota;

import java.time.Duration;
import java.util.List;

/**
 * How queries run.
 *
 * @param defaultModels models probed when a door asks for none (the page's and the bot's default)
 * @param maxModels the most models one query may name
 * @param probeTimeout how long one probe may take, headers and error body included
 * @param queryDeadline how long a whole query may take; probes still queued then are reported as
 *     timed out
 * @param maxConcurrentProbes the most probes of one query in flight at once
 */
public record QuotaSettings(
    List<String> defaultModels,
    int maxModels,
    Duration probeTimeout,
    Duration queryDeadline,
    int maxConcurrentProbes) {

  public QuotaSettings {
    defaultModels = List.copyOf(defaultModels);
  }
}
