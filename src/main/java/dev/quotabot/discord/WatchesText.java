package dev.quotabot.discord;

import dev.quotabot.quota.ProbeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /watches} and its buttons say, in one language: the {@code watches.*} texts of the
 * bot's bundle ({@link BotText}), kept together here so the list's words are in one place. Every
 * value passed in is already made inert by the caller (fingerprints, provider names, units).
 */
final class WatchesText {
  private final BotText text;

  WatchesText(BotText text) {
    this.text = text;
  }

  static WatchesText of(BotText text) {
    return new WatchesText(text);
  }

  BotText bot() {
    return text;
  }

  private String say(String key, Object... namesAndValues) {
    return text.say("watches." + key, namesAndValues);
  }

  /** {@code key.one} for a count of one, else {@code key.other}. */
  private String counted(String key, long count, Object... namesAndValues) {
    return say(key + (count == 1 ? ".one" : ".other"), namesAndValues);
  }

  // --- the command as Discord lists it ---

  /** The command's description, from the key JDA's localization function forms. */
  String commandDescription() {
    return say("description");
  }

  // --- the message ---

  /** What a user without watches reads: how to make one, and that nothing is kept otherwise. */
  String none() {
    return say("none");
  }

  /** The line above the watches: how many of how many allowed. */
  String header(int count, int max) {
    return say("header", "count", count, "max", max);
  }

  String keptTitle() {
    return say("kept.title");
  }

  String keptMore(int count) {
    return counted("kept.more", count, "count", count);
  }

  /** More watches than one message shows. */
  String moreWatches(int count) {
    return counted("more_watches", count, "count", count);
  }

  /** More watches than one message has button rows for. */
  String buttonsForFirst(int count) {
    return say("buttons_first", "count", count);
  }

  String title(String fingerprint, String provider) {
    return say("title", "fingerprint", fingerprint, "provider", provider);
  }

  String active(String interval) {
    return say("state.active", "interval", interval);
  }

  String paused() {
    return say("state.paused");
  }

  String keyRejected(String provider) {
    return say("state.key_rejected", "provider", provider);
  }

  /** What is left, with the total and the share left where the upstream reports a total. */
  String value(String available, @Nullable String total, @Nullable String percent) {
    if (total == null) {
      return say("value", "available", available);
    }
    if (percent == null) {
      return say("value.total", "available", available, "total", total);
    }
    return say("value.percent", "available", available, "total", total, "percent", percent);
  }

  String noValue() {
    return say("value.none");
  }

  String lastCheck(long epochSecond, String status) {
    return say("last", "epoch", epochSecond, "status", status);
  }

  String neverChecked() {
    return say("last.never");
  }

  String nextCheck(long epochSecond) {
    return say("next", "epoch", epochSecond);
  }

  /**
   * @param alerted the deepest level already alerted and not recovered from; null for none
   */
  String levels(String levels, @Nullable String alerted) {
    return alerted == null
        ? say("levels", "levels", levels)
        : say("levels.alerted", "levels", levels, "level", alerted);
  }

  String models(String models) {
    return say("models", "models", models);
  }

  String expires(long epochSecond) {
    return say("expires", "epoch", epochSecond);
  }

  String reminder() {
    return say("reminder");
  }

  String dmFailed() {
    return say("dm_failed");
  }

  /**
   * The trend line.
   *
   * @param burn what is spent per day, with its unit; null when it is not falling
   * @param days whole days left at that rate; 0 for less than one
   */
  String trend(String sparkline, @Nullable String burn, long days) {
    if (burn == null) {
      return say("trend.flat", "sparkline", sparkline);
    }
    if (days < 1) {
      return say("trend.soon", "sparkline", sparkline, "burn", burn);
    }
    return counted("trend", days, "sparkline", sparkline, "burn", burn, "days", days);
  }

  /** An interval as people say it: {@code 15 min}, {@code 1 h 30 min}, {@code 2 d}. */
  String interval(Duration interval) {
    long minutes = Math.max(1, interval.toMinutes());
    List<String> parts = new ArrayList<>();
    long days = minutes / (24 * 60);
    long hours = minutes % (24 * 60) / 60;
    long rest = minutes % 60;
    if (days > 0) {
      parts.add(say("duration.days", "count", days));
    }
    if (hours > 0) {
      parts.add(say("duration.hours", "count", hours));
    }
    if (rest > 0) {
      parts.add(say("duration.minutes", "count", rest));
    }
    return String.join(say("duration.separator"), parts);
  }

  /**
   * A check's status in words: the report's status vocabulary ({@code invalid_key}); anything else
   * as it was recorded.
   *
   * @param status already checked to be plain lower-case words, or made inert
   */
  String status(String status, String provider) {
    if (status.matches("[a-z_]{1,40}")) {
      for (ProbeStatus known : ProbeStatus.values()) {
        if (known.wireName().equals(status)) {
          return text.status(known, provider);
        }
      }
    }
    return status.replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  // --- buttons ---

  String checkButton() {
    return say("button.check");
  }

  String pauseButton() {
    return say("button.pause");
  }

  String resumeButton() {
    return say("button.resume");
  }

  String renewButton() {
    return say("button.renew");
  }

  String removeButton() {
    return say("button.remove");
  }

  // --- what a button did ---

  /** A check now found a value. */
  String checkedValue(String fingerprint, String value) {
    return say("done.checked", "fingerprint", fingerprint, "found", value);
  }

  /** A check now raised an alert (sent by DM, or kept above when DMs are closed). */
  String checkAlerted() {
    return say("done.alerted");
  }

  String paused(String fingerprint) {
    return say("done.paused", "fingerprint", fingerprint);
  }

  String resumed(String fingerprint) {
    return say("done.resumed", "fingerprint", fingerprint);
  }

  String renewed(String fingerprint, long epochSecond) {
    return say("done.renewed", "fingerprint", fingerprint, "epoch", epochSecond);
  }

  String removed(String fingerprint) {
    return say("done.removed", "fingerprint", fingerprint);
  }

  /**
   * A button for a watch that is not the clicker's: removed since, or someone else's. The two are
   * not told apart, so a click never says whether another person's watch exists.
   */
  String gone() {
    return say("gone");
  }

  /** A button whose custom id this bot does not make (any more). */
  String outdated() {
    return say("outdated");
  }
}
