package dev.quotabot.quota.watch;

import java.time.Duration;
import java.util.List;

/**
 * What a user asked to watch, without the secret part (the key and a relay's address are sealed
 * apart, see {@link WatchSecret}).
 *
 * @param provider the provider's id
 * @param models models probed at every check (each probe may cost quota); empty for the free
 *     balance only
 * @param thresholds the levels that raise an alert
 * @param interval time between two checks (at least {@link WatchLimits#minInterval()})
 * @param midnightReminder whether to remind before short-lived credit expires at the provider's
 *     midnight (ModelScope's short-term 魔粒)
 * @param locale the owner's language tag ({@code zh-CN}) alerts are worded in
 */
public record WatchSettings(
    String provider,
    List<String> models,
    Thresholds thresholds,
    Duration interval,
    boolean midnightReminder,
    String locale) {

  public WatchSettings {
    models = List.copyOf(models);
  }
}
