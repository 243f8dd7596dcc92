package dev.quotabot.quota.watch;

import org.jspecify.annotations.Nullable;

/**
 * The non-secret part of a new watch as a door received it, unchecked ({@link WatchService#plan}
 * checks it before the door asks for the key).
 *
 * @param provider the provider's id; null for the default provider
 * @param thresholds levels as typed ({@code 20%, 5%} or {@code 5}); null for the default
 * @param intervalMinutes minutes between checks; null for the default
 * @param models models to probe at each check, as typed (split like a query's); null or blank for
 *     none
 * @param midnightReminder whether to remind before short-term credit expires at midnight
 * @param locale the owner's language tag
 */
public record WatchRequest(
    @Nullable String provider,
    @Nullable String thresholds,
    @Nullable Integer intervalMinutes,
    @Nullable String models,
    boolean midnightReminder,
    String locale) {}
