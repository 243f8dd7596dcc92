package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.quota.watch.Thresholds;
import dev.quotabot.quota.watch.Trend;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchSettings;
import dev.quotabot.quota.watch.WatchState;
import dev.quotabot.quota.watch.WatchView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Watches, readings and alerts as the service hands them to the door, for the list's tests. */
final class WatchFixtures {
  static final String OWNER = "300000000000000001";
  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  static final Instant LAST_CHECK = NOW.minusSeconds(600);
  static final Instant NEXT_CHECK = NOW.plusSeconds(3000);
  static final Instant CREATED = NOW.minus(Duration.ofDays(2));
  static final Instant EXPIRES = CREATED.plus(Duration.ofDays(30));

  static final List<ProviderInfo> PROVIDERS =
      List.of(
          new ProviderInfo(
              "deepseek", "DeepSeek", EnumSet.of(Capability.BALANCES), "CNY", List.of(), "sk-…"),
          new ProviderInfo(
              "newapi", "New API relay", EnumSet.of(Capability.BALANCES), null, List.of(), "sk-…"));

  private WatchFixtures() {}

  static Thresholds percents() {
    return new Thresholds(
        List.of(
            new Threshold(Threshold.Kind.PERCENT, new BigDecimal("20")),
            new Threshold(Threshold.Kind.PERCENT, new BigDecimal("5"))));
  }

  static Thresholds amounts() {
    return new Thresholds(
        List.of(
            new Threshold(Threshold.Kind.AMOUNT, new BigDecimal("5")),
            new Threshold(Threshold.Kind.AMOUNT, new BigDecimal("1"))));
  }

  static WatchSettings settings(String provider, Thresholds thresholds) {
    return new WatchSettings(provider, List.of(), thresholds, Duration.ofHours(1), false, "en-US");
  }

  static Reading reading(String available, @Nullable String total, String unit) {
    return new Reading(
        LAST_CHECK, new BigDecimal(available), total == null ? null : new BigDecimal(total), unit);
  }

  /** An active DeepSeek watch that read 4.2 of 10 CNY ten minutes ago. */
  static Watch watch(long id, String fingerprint) {
    return new Watch(
        id,
        OWNER,
        fingerprint,
        settings("deepseek", percents()),
        WatchState.ACTIVE,
        CREATED,
        EXPIRES,
        NEXT_CHECK,
        LAST_CHECK,
        reading("4.2", "10", "CNY"),
        "ok",
        -1,
        0,
        false,
        null);
  }

  static Watch withState(Watch watch, WatchState state) {
    return new Watch(
        watch.id(),
        watch.ownerId(),
        watch.fingerprint(),
        watch.settings(),
        state,
        watch.createdAt(),
        watch.expiresAt(),
        watch.nextCheckAt(),
        watch.lastCheckAt(),
        watch.lastReading(),
        watch.lastStatus(),
        watch.alertedLevel(),
        watch.failures(),
        watch.dmFailed(),
        watch.remindedOn());
  }

  static Watch withDmFailed(Watch watch) {
    return watch.withDmFailed(true);
  }

  static Watch with(Watch watch, WatchSettings settings, @Nullable Reading reading, int alerted) {
    return new Watch(
        watch.id(),
        watch.ownerId(),
        watch.fingerprint(),
        settings,
        watch.state(),
        watch.createdAt(),
        watch.expiresAt(),
        watch.nextCheckAt(),
        reading == null ? null : watch.lastCheckAt(),
        reading,
        reading == null ? null : watch.lastStatus(),
        alerted,
        watch.failures(),
        watch.dmFailed(),
        watch.remindedOn());
  }

  /** A watch never checked yet. */
  static Watch unchecked(long id, String fingerprint) {
    return new Watch(
        id,
        OWNER,
        fingerprint,
        settings("deepseek", percents()),
        WatchState.ACTIVE,
        CREATED,
        EXPIRES,
        NEXT_CHECK,
        null,
        null,
        null,
        -1,
        0,
        false,
        null);
  }

  static WatchView view(Watch watch) {
    return new WatchView(watch, new Trend(List.of(), null, null));
  }

  static WatchView view(Watch watch, Trend trend) {
    return new WatchView(watch, trend);
  }

  /** Readings an hour apart, falling from {@code from} by {@code step} each. */
  static List<Reading> falling(int count, String from, String step, String unit) {
    List<Reading> points = new ArrayList<>();
    BigDecimal value = new BigDecimal(from);
    for (int i = 0; i < count; i++) {
      points.add(new Reading(LAST_CHECK.minusSeconds(3600L * (count - 1 - i)), value, null, unit));
      value = value.subtract(new BigDecimal(step));
    }
    return points;
  }

  static Alert thresholdAlert(long watchId, String fingerprint) {
    return new Alert(
        7,
        watchId,
        OWNER,
        Alert.Kind.THRESHOLD,
        fingerprint,
        "deepseek",
        "en-US",
        new Threshold(Threshold.Kind.PERCENT, new BigDecimal("20")),
        reading("1.5", "10", "CNY"),
        null,
        NOW.minus(Duration.ofHours(5)));
  }

  static Alert rejectedAlert(long watchId, String fingerprint) {
    return new Alert(
        8,
        watchId,
        OWNER,
        Alert.Kind.KEY_REJECTED,
        fingerprint,
        "deepseek",
        "en-US",
        null,
        null,
        null,
        NOW.minus(Duration.ofHours(1)));
  }
}
