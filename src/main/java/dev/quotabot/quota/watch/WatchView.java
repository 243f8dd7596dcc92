package dev.quotabot.quota.watch;

/**
 * A watch as {@code /watches} shows it.
 *
 * @param watch the watch
 * @param trend its recent readings and where they are going
 */
public record WatchView(Watch watch, Trend trend) {}
