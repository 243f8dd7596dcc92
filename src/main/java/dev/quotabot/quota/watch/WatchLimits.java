package dev.quotabot.quota.watch;

import java.time.Duration;

/**
 * The operator's bounds on watches (configuration {@code watch.*}).
 *
 * @param maxPerUser how many watches one user may have
 * @param minInterval the shortest interval a user may ask for (15 minutes)
 * @param defaultInterval the interval when none is asked (1 hour)
 * @param lifetime how long a watch lives unless renewed (30 days)
 * @param historyKept how long readings are kept (90 days)
 * @param maxInFlight how many checks run at once across all watches
 * @param providerSpacing the least time between two checks' starts on one provider
 * @param tick how often the scheduler looks for due watches
 */
public record WatchLimits(
    int maxPerUser,
    Duration minInterval,
    Duration defaultInterval,
    Duration lifetime,
    Duration historyKept,
    int maxInFlight,
    Duration providerSpacing,
    Duration tick) {}
