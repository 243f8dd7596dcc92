package dev.quotabot.discord;

import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.quota.watch.Trend;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchList;
import dev.quotabot.quota.watch.WatchState;
import dev.quotabot.quota.watch.WatchView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@code /watches}: a pure function of the user's {@link WatchList}, the language and a
 * line saying what a button just did. The content holds that line, the alerts kept while the user's
 * DMs were closed (on top: they are shown this once), and a count of the watches (or, for a user
 * without any, how to make one and that nothing is stored otherwise); then one embed and one row of
 * buttons ({@link WatchButtons}) per watch.
 *
 * <p>A watch's embed: fingerprint and provider, its state, the last value (of the total and in
 * percent where the upstream reports a total), the last check with its status, the next check, the
 * levels (and the one already alerted), the models probed, the expiry, the midnight reminder, a
 * warning when DMs failed, and with {@link Trend#MIN_POINTS} points or more the trend: a sparkline,
 * what is spent per day and when it runs out at that rate.
 *
 * <p>It always fits Discord: at most {@value Message#MAX_EMBED_COUNT} embeds, 6000 characters over
 * all of them (later watches fall back to a compact embed, the state and value only, when the full
 * ones would not fit), {@value Message#MAX_COMPONENT_COUNT} rows of buttons, 2000 characters of
 * content; what is left out is counted in a line, never dropped silently.
 */
final class WatchesMessage {
  /** The most watches shown: one embed each. */
  static final int MAX_SHOWN = Message.MAX_EMBED_COUNT;

  /** The most watches with buttons: one row each. */
  static final int MAX_BUTTON_ROWS = Message.MAX_COMPONENT_COUNT;

  /** One kept alert's words are cut to this many characters. */
  static final int ALERT_MAX = 400;

  static final int MODELS_MAX = 200;

  private static final MathContext BURN_DIGITS = new MathContext(3, RoundingMode.HALF_UP);

  /** Where a DM's footer starts: the list says how to change a watch itself. */
  private static final String ALERT_FOOTER = "\n-# ";

  private final Map<String, String> providerNames;
  private final AlertMessage alerts;

  /**
   * @param providers every provider, for their names
   */
  WatchesMessage(List<ProviderInfo> providers) {
    Map<String, String> names = new HashMap<>();
    for (ProviderInfo provider : providers) {
      names.put(provider.id(), provider.name());
    }
    this.providerNames = Map.copyOf(names);
    this.alerts = new AlertMessage(id -> providerNames.getOrDefault(id, id));
  }

  /** A kept alert in the words its DM would have had, in the reader's language. */
  private String alertWords(Alert alert, BotText text) {
    DiscordLocale reader = text.discordLocale();
    String words =
        alerts.render(
            new Alert(
                alert.id(),
                alert.watchId(),
                alert.ownerId(),
                alert.kind(),
                alert.fingerprint(),
                alert.provider(),
                reader == null ? DiscordLocale.ENGLISH_US.getLocale() : reader.getLocale(),
                alert.level(),
                alert.reading(),
                alert.expiresAt(),
                alert.at()));
    int footer = words.indexOf(ALERT_FOOTER);
    return footer < 0 ? words : words.substring(0, footer);
  }

  /** The message: content, embeds and rows. */
  record Rendered(String content, List<MessageEmbed> embeds, List<ActionRow> rows) {
    Rendered {
      embeds = List.copyOf(embeds);
      rows = List.copyOf(rows);
    }

    /** As an edit that replaces all of the message (a previous notice, embed or row is gone). */
    MessageEditData edit() {
      return new MessageEditBuilder()
          .setContent(content)
          .setEmbeds(embeds)
          .setComponents(rows)
          .setAllowedMentions(Replies.NO_MENTIONS)
          .build();
    }
  }

  /**
   * @param maxPerUser how many watches a user may have
   * @param notice what a button just did, already worded; null for none
   */
  Rendered render(WatchList list, BotText bot, int maxPerUser, @Nullable String notice) {
    WatchesText text = WatchesText.of(bot);
    List<WatchView> views = list.watches();
    List<String> tail = new ArrayList<>();
    if (views.isEmpty()) {
      tail.add(text.none());
    } else {
      tail.add(text.header(views.size(), Math.max(maxPerUser, views.size())));
    }
    List<WatchView> shown = views.subList(0, Math.min(views.size(), MAX_SHOWN));
    List<MessageEmbed> embeds = embeds(shown, text);
    if (embeds.size() < views.size()) {
      tail.add(text.moreWatches(views.size() - embeds.size()));
    }
    if (views.size() > MAX_BUTTON_ROWS) {
      tail.add(text.buttonsForFirst(MAX_BUTTON_ROWS));
    }
    List<ActionRow> rows = new ArrayList<>();
    for (WatchView view : views.subList(0, Math.min(views.size(), MAX_BUTTON_ROWS))) {
      rows.add(WatchButtons.row(view.watch(), text));
    }
    String content = content(notice, list.kept(), tail, text);
    return new Rendered(content, embeds, rows);
  }

  /**
   * The notice, the kept alerts (as many as fit, then how many more), and the lines after them,
   * within Discord's {@value Message#MAX_CONTENT_LENGTH} characters.
   */
  private String content(
      @Nullable String notice, List<Alert> kept, List<String> tail, WatchesText text) {
    List<String> head = new ArrayList<>();
    if (notice != null) {
      head.add(notice);
    }
    List<String> alerts = new ArrayList<>();
    for (Alert alert : kept) {
      // when it happened: a kept alert may be days old
      alerts.add(
          "• "
              + QuotaEmbed.cut(alertWords(alert, text.bot()), ALERT_MAX)
              + " · <t:"
              + alert.at().getEpochSecond()
              + ":R>");
    }
    int fixed = length(head) + length(tail);
    if (!alerts.isEmpty()) {
      fixed += text.keptTitle().length() + 1;
    }
    int shown = alerts.size();
    while (shown > 0
        && fixed + length(alerts.subList(0, shown)) + moreLength(alerts.size() - shown, text)
            > Message.MAX_CONTENT_LENGTH) {
      shown--;
    }
    List<String> lines = new ArrayList<>(head);
    if (!alerts.isEmpty()) {
      lines.add(text.keptTitle());
      lines.addAll(alerts.subList(0, shown));
      if (shown < alerts.size()) {
        lines.add(text.keptMore(alerts.size() - shown));
      }
    }
    lines.addAll(tail);
    return QuotaEmbed.cut(String.join("\n", lines), Message.MAX_CONTENT_LENGTH);
  }

  private static int moreLength(int more, WatchesText text) {
    return more == 0 ? 0 : text.keptMore(more).length() + 1;
  }

  private static int length(List<String> lines) {
    return lines.stream().mapToInt(line -> line.length() + 1).sum();
  }

  /**
   * One embed per watch: the full one while all of them fit in Discord's 6000 characters, else the
   * compact one for the later watches; a watch whose compact embed no longer fits is left out (and
   * counted by the caller).
   */
  private List<MessageEmbed> embeds(List<WatchView> views, WatchesText text) {
    List<MessageEmbed> full = new ArrayList<>();
    List<MessageEmbed> compact = new ArrayList<>();
    for (WatchView view : views) {
      full.add(embed(view, text, true));
      compact.add(embed(view, text, false));
    }
    int budget = MessageEmbed.EMBED_MAX_LENGTH_BOT;
    // what the compact embeds after the current one need, kept free for them
    int laterCompact = compact.stream().mapToInt(MessageEmbed::getLength).sum();
    List<MessageEmbed> chosen = new ArrayList<>();
    int used = 0;
    for (int i = 0; i < views.size(); i++) {
      laterCompact -= compact.get(i).getLength();
      MessageEmbed pick =
          used + full.get(i).getLength() + laterCompact <= budget ? full.get(i) : compact.get(i);
      if (used + pick.getLength() > budget) {
        break;
      }
      chosen.add(pick);
      used += pick.getLength();
    }
    return chosen;
  }

  /** One watch's embed: all of it, or only its title, state and value. */
  MessageEmbed embed(WatchView view, WatchesText text, boolean full) {
    Watch watch = view.watch();
    String provider = providerName(watch.settings().provider());
    String fingerprint = QuotaEmbed.plain(watch.fingerprint(), 32);
    List<String> lines = new ArrayList<>();
    lines.add(state(watch, provider, text));
    lines.add(value(watch.lastReading(), text));
    if (full) {
      Reading reading = watch.lastReading();
      if (view.trend().shown() && reading != null) {
        lines.add(trend(view.trend(), reading, text));
      }
      lines.add(
          watch.lastCheckAt() == null
              ? text.neverChecked()
              : text.lastCheck(
                  watch.lastCheckAt().getEpochSecond(),
                  status(watch.lastStatus(), provider, text)));
      if (watch.state() == WatchState.ACTIVE) {
        lines.add(text.nextCheck(watch.nextCheckAt().getEpochSecond()));
      }
      lines.add(levels(watch, text));
      if (!watch.settings().models().isEmpty()) {
        lines.add(
            text.models(
                QuotaEmbed.plain(String.join(", ", watch.settings().models()), MODELS_MAX)));
      }
      lines.add(text.expires(watch.expiresAt().getEpochSecond()));
      if (watch.settings().midnightReminder()) {
        lines.add(text.reminder());
      }
      if (watch.dmFailed()) {
        lines.add(text.dmFailed());
      }
    }
    return new EmbedBuilder()
        .setTitle(QuotaEmbed.cut(text.title(fingerprint, provider), MessageEmbed.TITLE_MAX_LENGTH))
        .setDescription(
            QuotaEmbed.cut(String.join("\n", lines), MessageEmbed.DESCRIPTION_MAX_LENGTH))
        .setColor(colour(watch))
        .build();
  }

  private static String state(Watch watch, String provider, WatchesText text) {
    return switch (watch.state()) {
      case ACTIVE -> text.active(text.interval(watch.settings().interval()));
      case PAUSED -> text.paused();
      case KEY_REJECTED -> text.keyRejected(provider);
    };
  }

  /** The last value as a line: what is left, of what total, in percent; or that none was read. */
  static String value(@Nullable Reading reading, WatchesText text) {
    return reading == null
        ? text.noValue()
        : text.value(left(reading), total(reading), percent(reading));
  }

  /** {@code 4.2 CNY}. */
  static String left(Reading reading) {
    return withUnit(reading.available(), reading.unit());
  }

  private static @Nullable String total(Reading reading) {
    return reading.total() == null ? null : withUnit(reading.total(), reading.unit());
  }

  /** {@code 42}, {@code 4.2}: one decimal at most. */
  static @Nullable String percent(Reading reading) {
    BigDecimal percent = reading.percent();
    return percent == null ? null : QuotaEmbed.amount(percent.setScale(1, RoundingMode.HALF_UP));
  }

  private static String withUnit(BigDecimal amount, String unit) {
    String shown = QuotaEmbed.amount(amount, unit);
    return unit.isBlank() ? shown : shown + " " + QuotaEmbed.plain(unit, QuotaEmbed.UNIT_MAX);
  }

  private static String status(@Nullable String status, String provider, WatchesText text) {
    if (status == null || status.isBlank()) {
      return "-";
    }
    return QuotaEmbed.plain(text.status(status, provider), 80);
  }

  private static String levels(Watch watch, WatchesText text) {
    List<Threshold> levels = watch.settings().thresholds().levels();
    int alerted = watch.alertedLevel();
    String unit = watch.lastReading() == null ? "" : watch.lastReading().unit();
    List<String> shown = new ArrayList<>();
    for (Threshold level : levels) {
      shown.add(level(level, unit));
    }
    String alertedAt = alerted >= 0 && alerted < levels.size() ? shown.get(alerted) : null;
    return text.levels(String.join(", ", shown), alertedAt);
  }

  /** {@code 20%}, or an amount with the unit last read ({@code 5 CNY}). */
  private static String level(Threshold level, String unit) {
    if (level.kind() == Threshold.Kind.PERCENT) {
      return level.toString();
    }
    return withUnit(level.value(), unit);
  }

  /** The most days "runs out in" says; a balance spent this slowly is as good as not falling. */
  private static final BigDecimal DAYS_MAX = BigDecimal.valueOf(99_999);

  /**
   * The sparkline, what is spent per day, and when it runs out at that rate (from the last value
   * when the trend gives no days of its own).
   */
  static String trend(Trend trend, Reading last, WatchesText text) {
    String sparkline = trend.sparkline();
    BigDecimal burn = trend.burnPerDay();
    if (burn == null || burn.signum() <= 0) {
      return text.trend(sparkline, null, 0);
    }
    BigDecimal days = trend.daysLeft();
    if (days == null) {
      days = last.available().max(BigDecimal.ZERO).divide(burn, 2, RoundingMode.HALF_UP);
    }
    long whole =
        days.compareTo(BigDecimal.ONE) < 0
            ? 0
            : days.setScale(0, RoundingMode.HALF_UP).min(DAYS_MAX).longValueExact();
    return text.trend(sparkline, withUnit(burn.round(BURN_DIGITS), last.unit()), whole);
  }

  private static int colour(Watch watch) {
    return switch (watch.state()) {
      case KEY_REJECTED -> QuotaEmbed.RED;
      case PAUSED -> QuotaEmbed.GREY;
      case ACTIVE -> {
        if (watch.lastReading() == null) {
          yield QuotaEmbed.BLUE;
        }
        if (watch.alertedLevel() < 0) {
          yield QuotaEmbed.GREEN;
        }
        int deepest = watch.settings().thresholds().levels().size() - 1;
        yield watch.alertedLevel() >= deepest ? QuotaEmbed.RED : QuotaEmbed.AMBER;
      }
    };
  }

  /** The provider's name as people call it, made inert; its id for one the bot no longer has. */
  String providerName(String id) {
    return QuotaEmbed.plain(providerNames.getOrDefault(id, id), QuotaEmbed.PROVIDER_NAME_MAX);
  }

  /** A fingerprint as the notices show it: in code, so nothing in it is Markdown. */
  static String fingerprint(Watch watch) {
    return "`" + watch.fingerprint().replace('`', 'ˋ') + "`";
  }
}
