package dev.quotabot.discord;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.DiscordLocale;

/**
 * An {@link Alert} worded as a direct message in the owner's language (the one they used when they
 * made the watch): plain content, far inside Discord's 2,000 characters. It names the key by its
 * fingerprint only, and ends with how to change or delete what the bot keeps.
 */
public final class AlertMessage {
  private final Function<String, String> providerNames;

  /**
   * @param providerNames a provider's name by its id (the id itself for one the bot no longer
   *     knows)
   */
  public AlertMessage(Function<String, String> providerNames) {
    this.providerNames = providerNames;
  }

  /** The texts in the alert's language: its tag ({@code zh-CN}) as Discord names locales. */
  static BotText textFor(String languageTag) {
    return BotText.of(DiscordLocale.from(languageTag));
  }

  /** The message for an alert, at most {@link Message#MAX_CONTENT_LENGTH} characters. */
  public String render(Alert alert) {
    BotText text = textFor(alert.locale());
    String provider =
        QuotaEmbed.plain(providerNames.apply(alert.provider()), QuotaEmbed.PROVIDER_NAME_MAX);
    String key = "`" + QuotaEmbed.cut(alert.fingerprint(), 40).replace('`', 'ˋ') + "`";
    String body =
        switch (alert.kind()) {
          case THRESHOLD -> threshold(text, alert, key, provider);
          case KEY_REJECTED -> text.say("alert.key_rejected", "key", key, "provider", provider);
          case EXPIRES_TONIGHT -> expiresTonight(text, alert, key, provider);
        };
    String message = body + "\n-# " + text.say("alert.footer");
    return QuotaEmbed.cut(message, Message.MAX_CONTENT_LENGTH);
  }

  private static String threshold(BotText text, Alert alert, String key, String provider) {
    Reading reading = alert.reading();
    Threshold level = alert.level();
    if (reading == null || level == null) {
      // a threshold alert always carries both; should one not, it still says which key to look at
      return text.say("alert.threshold.unknown", "key", key, "provider", provider);
    }
    String unit = QuotaEmbed.plain(reading.unit(), QuotaEmbed.UNIT_MAX);
    String left = withUnit(reading.available(), unit);
    BigDecimal percent = reading.percent();
    BigDecimal total = reading.total();
    if (percent != null && total != null) {
      // with a total, the share left says more than the amount alone, whatever the level's kind
      return text.say(
          "alert.threshold.percent",
          "key",
          key,
          "provider",
          provider,
          "left",
          left,
          "total",
          withUnit(total, unit),
          "percent",
          QuotaEmbed.amount(percent),
          "level",
          levelText(level, unit));
    }
    return text.say(
        "alert.threshold.amount",
        "key",
        key,
        "provider",
        provider,
        "left",
        left,
        "level",
        levelText(level, unit));
  }

  private static String expiresTonight(BotText text, Alert alert, String key, String provider) {
    Instant at = alert.expiresAt() != null ? alert.expiresAt() : alert.at();
    Reading reading = alert.reading();
    if (reading == null) {
      return text.say(
          "alert.expires_tonight", "key", key, "provider", provider, "epoch", at.getEpochSecond());
    }
    return text.say(
        "alert.expires_tonight.amount",
        "key",
        key,
        "provider",
        provider,
        "amount",
        withUnit(reading.available(), QuotaEmbed.plain(reading.unit(), QuotaEmbed.UNIT_MAX)),
        "epoch",
        at.getEpochSecond());
  }

  private static String withUnit(BigDecimal value, String unit) {
    String amount = QuotaEmbed.amount(value, unit);
    return unit.isEmpty() ? amount : amount + " " + unit;
  }

  /** {@code 20%}, or {@code 5 CNY} for an amount. */
  private static String levelText(Threshold level, String unit) {
    return level.kind() == Threshold.Kind.PERCENT || unit.isEmpty()
        ? level.toString()
        : level + " " + unit;
  }
}
