package dev.quotabot.quota.watch;

import dev.quotabot.quota.ProviderInfo;

/**
 * A checked request, waiting for its secret part: what will be stored, and what the door tells the
 * user before they give the key (which provider, whether it needs an address, what a check costs).
 *
 * @param settings what will be stored
 * @param provider the provider it watches (its capabilities, its probe cost)
 */
public record WatchPlan(WatchSettings settings, ProviderInfo provider) {}
