package dev.quotabot.quota.watch;

import java.util.List;

/**
 * What {@code /watches} shows a user.
 *
 * @param watches their watches, oldest first
 * @param kept alerts that could not be delivered (DMs closed), oldest first: shown once, then gone
 */
public record WatchList(List<WatchView> watches, List<Alert> kept) {

  public WatchList {
    watches = List.copyOf(watches);
    kept = List.copyOf(kept);
  }
}
