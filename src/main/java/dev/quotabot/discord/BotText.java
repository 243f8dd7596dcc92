package dev.quotabot.discord;

import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import org.jspecify.annotations.Nullable;

/**
 * Everything the bot says, read from the resource bundle {@code
 * dev/quotabot/discord/bot*.properties}: English (the root), Simplified Chinese (zh-CN),
 * Traditional Chinese (zh-TW), Japanese and Korean. The reply language follows the caller's Discord
 * locale ({@link #of}); any other locale gets English, and a text a language lacks falls back to
 * English through the bundle's parent chain.
 *
 * <p>Bundles are loaded without the JVM's default locale as a fallback, so a server whose default
 * locale is Chinese never answers a French user in Chinese. A text's slots are named ({@code
 * {seconds}}) and filled by {@link Text#fill}.
 *
 * <p>No text names a provider or a unit of its own: a provider's name, unit and key hint come from
 * what the provider declares, passed in by the caller (already made inert where they are shown in
 * Markdown).
 */
final class BotText {
  /** The bundle's base name, for {@link ResourceBundle#getBundle}. */
  static final String BUNDLE = "dev.quotabot.discord.bot";

  static final BotText EN = load(Locale.ROOT, null);
  static final BotText ZH = load(Locale.SIMPLIFIED_CHINESE, DiscordLocale.CHINESE_CHINA);
  static final BotText ZH_TW = load(Locale.TRADITIONAL_CHINESE, DiscordLocale.CHINESE_TAIWAN);
  static final BotText JA = load(Locale.JAPANESE, DiscordLocale.JAPANESE);
  static final BotText KO = load(Locale.KOREAN, DiscordLocale.KOREAN);

  private static final List<BotText> ALL = List.of(EN, ZH, ZH_TW, JA, KO);

  private static final Pattern COUNTED_PERIOD = Pattern.compile("(\\d{1,4})(min|h|d|w)");
  private static final Pattern SUFFIXED_PERIOD =
      Pattern.compile("([a-z_]+)_(hourly|daily|weekly|monthly|\\d{1,4}(?:min|h|d|w))");
  private static final Pattern SEVERAL_UNITS =
      Pattern.compile("(\\d{1,4})_(second|minute|hour|day|week|month)s?");

  private final ResourceBundle bundle;
  private final Locale locale;
  private final @Nullable DiscordLocale discordLocale;

  private BotText(ResourceBundle bundle, Locale locale, @Nullable DiscordLocale discordLocale) {
    this.bundle = bundle;
    this.locale = locale;
    this.discordLocale = discordLocale;
  }

  private static BotText load(Locale locale, @Nullable DiscordLocale discordLocale) {
    return new BotText(bundle(BUNDLE, locale), locale, discordLocale);
  }

  /**
   * A properties bundle for a locale, its texts falling back to the less specific ones and last to
   * the root (English); never to the JVM's default locale, which says nothing about the user.
   */
  static ResourceBundle bundle(String baseName, Locale locale) {
    return Text.bundle(baseName, locale);
  }

  /**
   * The texts for a Discord locale: zh-CN, zh-TW, ja and ko have their own; every other locale (and
   * none) gets English.
   */
  static BotText of(@Nullable DiscordLocale locale) {
    if (locale == null) {
      return EN;
    }
    return switch (locale) {
      case CHINESE_CHINA -> ZH;
      case CHINESE_TAIWAN -> ZH_TW;
      case JAPANESE -> JA;
      case KOREAN -> KO;
      default -> EN;
    };
  }

  /** Every language the bot speaks, English first (named as an enum names its constants). */
  static List<BotText> values() {
    return ALL;
  }

  /** The Discord locale this language localizes the command for; null for English, the default. */
  @Nullable DiscordLocale discordLocale() {
    return discordLocale;
  }

  /** A text of the core (an error, a note, a problem) in this language; null stays null. */
  @Nullable String words(@Nullable Text core) {
    return core == null ? null : core.in(locale);
  }

  /** Whether the bundle (or English behind it) has a text for the key. */
  boolean has(String key) {
    return bundle.containsKey(key);
  }

  /**
   * The text for a key with its slots filled.
   *
   * @param namesAndValues slot names and their values, alternating
   */
  String say(String key, Object... namesAndValues) {
    String template = bundle.getString(key);
    if (namesAndValues.length == 0) {
      return template;
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      values.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
    }
    return Text.fill(template, values::get);
  }

  /** The text for a key with its slots filled from a map. */
  String say(String key, Map<String, String> values) {
    return Text.fill(bundle.getString(key), values::get);
  }

  /** {@code key.one} for a count of one, else {@code key.other}. */
  private String counted(String key, long count, Object... namesAndValues) {
    return say(key + (count == 1 ? ".one" : ".other"), namesAndValues);
  }

  /** {@code key.unit} with the unit when there is one, else {@code key}. */
  private String withUnit(String key, @Nullable String unit, Object... namesAndValues) {
    if (unit == null || unit.isEmpty()) {
      return say(key, namesAndValues);
    }
    Object[] withUnit = java.util.Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
    withUnit[namesAndValues.length] = "unit";
    withUnit[namesAndValues.length + 1] = unit;
    return say(key + ".unit", withUnit);
  }

  /** {@code " (a, b)"} in English, {@code "（a，b）"} in Chinese; nothing for no items. */
  private String parenthesized(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    return say("list.parenthesized", "items", String.join(say("list.separator"), items));
  }

  // --- the command as Discord lists it (English default; other languages through
  // CommandLocalization, whose keys are JDA's: quota.description, quota.options.<name>.name) ---

  String commandDescription() {
    return say("quota.description");
  }

  String modelsOptionDescription() {
    return say("quota.options.models.description");
  }

  String balanceOnlyOptionDescription() {
    return say("quota.options.balance_only.description");
  }

  String keyOptionDescription() {
    return say("quota.options.api_key.description");
  }

  String providerOptionName() {
    return say("quota.options.provider.name");
  }

  /**
   * @param defaultProvider the name of the provider asked when none is chosen
   */
  String providerOptionDescription(String defaultProvider) {
    return say("quota.options.provider.description", "provider", defaultProvider);
  }

  String baseUrlOptionName() {
    return say("quota.options.base_url.name");
  }

  String baseUrlOptionDescription() {
    return say("quota.options.base_url.description");
  }

  // --- the modal ---

  /** The form's title for a provider that probes models. */
  String modalTitle(String provider) {
    return say("modal.title.probe", "provider", provider);
  }

  /** The form's title for a provider that reads balances only (or lists the key's models). */
  String modalBalanceTitle(String provider) {
    return say("modal.title.balance", "provider", provider);
  }

  /** The form's title for a provider whose balance a key cannot read, which probes no model. */
  String modalAccountTitle(String provider) {
    return say("modal.title.account", "provider", provider);
  }

  String modalKeyLabel() {
    return say("modal.key.label");
  }

  /**
   * @param keyHint how its keys start ({@code ms-…})
   */
  String modalKeyDescription(String provider, String keyHint) {
    return say("modal.key.description", "provider", provider, "hint", keyHint);
  }

  String modalModelsLabel() {
    return say("modal.models.label");
  }

  /**
   * @param unit what the provider's balance counts, or null when that depends on the account
   */
  String modalModelsDescription(@Nullable String unit) {
    return withUnit("modal.models.description", unit);
  }

  String modalModelsPlaceholder(@Nullable String unit) {
    return withUnit("modal.models.placeholder", unit);
  }

  /**
   * The models field of a provider whose probe spends money or points: what checking costs at most,
   * before anything is sent.
   *
   * @param perModel the most one model costs, formatted
   * @param unit what it is counted in, already cut
   * @param models how many models the field starts out with; their sum is shown for two or more
   * @param total the most those models cost together, formatted
   */
  String modalSpendsDescription(String perModel, String unit, int models, String total) {
    return models > 1
        ? say(
            "modal.models.spends.several",
            "cost",
            perModel,
            "unit",
            unit,
            "models",
            models,
            "total",
            total)
        : say("modal.models.spends.one", "cost", perModel, "unit", unit);
  }

  /**
   * The models field of a provider whose probe counts against the key's rate limits.
   *
   * @param perModel how much of them one model uses, formatted
   * @param unit what that is counted in ({@code requests}), already cut
   */
  String modalCountsDescription(String perModel, String unit) {
    boolean one = "1".equals(perModel);
    return say("modal.models.counts", "count", perModel, "unit", probeUnit(unit, one));
  }

  /**
   * The units a probe is counted in ({@code requests}, {@code tokens}) in words; any other as
   * declared.
   */
  private String probeUnit(String unit, boolean one) {
    String known =
        switch (unit) {
          case "requests", "request" -> "unit.requests";
          case "tokens", "token" -> "unit.tokens";
          default -> null;
        };
    return known == null ? unit : say(known + (one ? ".one" : ".other"));
  }

  /** Added to a cost when the form's models field may be emptied for the free balance check. */
  String modalFreeBalanceSuffix(@Nullable String unit) {
    return withUnit("modal.models.free_suffix", unit);
  }

  /** The models field of a provider that reads no balance: at least one model is needed. */
  String modalRequiredModelsLabel() {
    return say("modal.models.required.label");
  }

  String modalRequiredModelsDescription() {
    return say("modal.models.required.description");
  }

  String modalRequiredModelsPlaceholder() {
    return say("modal.models.required.placeholder");
  }

  String modalBaseUrlLabel() {
    return say("modal.base_url.label");
  }

  String modalBaseUrlDescription() {
    return say("modal.base_url.description");
  }

  String modalKeyModelsDescription() {
    return say("modal.key_models.description");
  }

  String modalKeyModelsPlaceholder() {
    return say("modal.key_models.placeholder");
  }

  String modalUserIdLabel() {
    return say("modal.user_id.label");
  }

  String modalUserIdDescription() {
    return say("modal.user_id.description");
  }

  String modalAccessTokenLabel() {
    return say("modal.access_token.label");
  }

  String modalAccessTokenDescription() {
    return say("modal.access_token.description");
  }

  // --- short replies ---

  String cooldown(long seconds) {
    return say("reply.cooldown", "seconds", seconds);
  }

  String invalid(String problem) {
    return say("reply.invalid", "problem", problem);
  }

  /** A form submitted without a key (Discord should not let that happen). */
  String keyMissing(String provider, String keyHint) {
    return say("reply.key_missing", "provider", provider, "hint", keyHint);
  }

  String optionsOutdated() {
    return say("reply.options_outdated");
  }

  String formOutdated() {
    return say("reply.form_outdated");
  }

  String failedUnexpectedly() {
    return say("reply.failed");
  }

  // --- problems with what was typed, found by the door (the core's own come as they are) ---

  /** {@code balance_only} came as text that is neither true nor false. */
  String balanceOnlyProblem() {
    return say("problem.balance_only_flag");
  }

  /** A key was pasted into the models list. */
  String keyInModelsProblem() {
    return say("problem.key_in_models");
  }

  /**
   * Why {@code balance_only} cannot apply to a provider that reads no balance, and what to do
   * instead.
   *
   * @param hasDefaults whether the provider has default models (checked when none are named)
   * @param consoleUrl where its balance is shown, or null
   */
  String noBalanceProblem(String provider, boolean hasDefaults, @Nullable String consoleUrl) {
    String separator = say("sentence.separator");
    return say("problem.no_balance", "provider", provider)
        + separator
        + say(hasDefaults ? "problem.no_balance.defaults" : "problem.no_balance.name_models")
        + (consoleUrl == null
            ? ""
            : separator + say("problem.no_balance.console", "console", consoleUrl));
  }

  // --- the embed: titles ---

  /** A check of models a provider probed. */
  String probedTitle(String provider) {
    return say("title.probed", "provider", provider);
  }

  /** A balance-only check of a provider that could have probed models: it spent nothing. */
  String freeCheckTitle(String provider, @Nullable String unit) {
    return withUnit("title.free_check", unit, "provider", provider);
  }

  /** A check of the balance and the models the key may use. */
  String listedTitle(String provider) {
    return say("title.listed", "provider", provider);
  }

  /** A check of a provider that reads balances only. */
  String balanceTitle(String provider) {
    return say("title.balance", "provider", provider);
  }

  /** A check of an account described by its quota windows (a coding plan), not by money. */
  String limitsTitle(String provider) {
    return say("title.limits", "provider", provider);
  }

  /** A check of a provider whose balance a key cannot read: what can be read, and where to look. */
  String accountTitle(String provider) {
    return say("title.account", "provider", provider);
  }

  // --- the embed: description ---

  String keyLine(String fingerprint) {
    return say("line.key", "fingerprint", fingerprint);
  }

  /**
   * After the key, when no provider was chosen and the key's prefix named it.
   *
   * @param provider the provider's name, already made inert
   */
  String providerFromKey(String provider) {
    return say("line.provider_from_key", "provider", provider);
  }

  /**
   * The site a key belongs to: its operator's display name and the software it runs, either of
   * which may be unknown (null), not both.
   *
   * @param name the site's display name, already made inert
   * @param flavour the software and its version ({@code new-api v0.6.10}), already made inert
   */
  String siteLine(@Nullable String name, @Nullable String flavour) {
    if (name == null) {
      return say("line.site.software", "software", flavour);
    }
    return flavour == null
        ? say("line.site.name", "name", name)
        : say("line.site.both", "name", name, "software", flavour);
  }

  /**
   * One quota window of the account (a coding plan's 5-hour or weekly window) in one line: {@code
   * ⏱️ 5-hour window: ▰▰▱▱▱ 40% used (60 / 100 left) · resets <t:…:R>}.
   *
   * @param name the window's name for people, already made inert
   * @param usage what is known of its use ({@link #usedShare}, {@link #leftCounts}, or both), or
   *     {@link #unknown()}
   * @param resetsAt when it is full again, in epoch seconds; null when not said
   */
  String limitLine(String name, String usage, @Nullable Long resetsAt) {
    return say("line.limit", "name", name, "usage", usage)
        + (resetsAt == null ? "" : windowResets(resetsAt));
  }

  /** How much of a window is used: {@code ▰▰▱▱▱ 40% used}. */
  String usedShare(String bar, String percent) {
    return say("usage.used", "bar", bar, "percent", percent);
  }

  /**
   * What is left of a window in counts: {@code 60 / 100 left}; either number may be unknown (null),
   * not both.
   */
  String leftCounts(@Nullable Long remaining, @Nullable Long limit) {
    if (remaining == null) {
      return say("usage.left.limit_only", "limit", limit, "unknown", unknown());
    }
    if (limit == null) {
      return say(
          "usage.left.remaining_only", "remaining", remaining, "limit_unknown", limitUnknown());
    }
    return say("usage.left", "remaining", remaining, "limit", limit);
  }

  /** The two together: {@code ▰▰▱▱▱ 40% used (60 / 100 left)}. */
  String usedAndLeft(String used, String left) {
    return say("usage.used_and_left", "used", used, "left", left);
  }

  /** The field of what each model spent of the key's quota: recent, from the key's log. */
  String spendFieldName() {
    return say("spend.field");
  }

  /** Above the rows, when the log says how far back it goes. */
  String spendSince(long epochSecond) {
    return say("spend.since", "time", epochSecond);
  }

  /**
   * One model's spend: {@code `gpt-4o-mini`: 1.25 USD · 12 calls}.
   *
   * @param model the model, already made safe for a code span
   * @param amount what it spent, formatted, with its unit
   */
  String spendRow(String model, String amount, long calls) {
    return counted("spend.row", calls, "model", model, "amount", amount, "calls", calls);
  }

  /** After the rows shown: how many models were left out. */
  String spendMore(int count) {
    return counted("spend.more", count, "count", count);
  }

  /**
   * One balance entry in one line: {@code 💰 CNY balance: **110.00** available (granted 10.00,
   * topped up 100.00)}, {@code 💰 USD wallet: **25** available (used 5, 7 requests)}. The amounts
   * are already formatted; {@code details} are the known ones only (unknown: left out), {@code
   * name} may be null.
   *
   * @param unit the entry's unit, already made inert; may be empty
   * @param available the amount, {@link #unknown()} or {@link #unlimited()}
   */
  String balanceLine(
      Balance.Scope scope,
      String unit,
      String available,
      List<String> details,
      @Nullable String name) {
    String named = name == null ? "" : say("balance.name", "name", name);
    return say("balance.line", "label", scopeLabel(scope, unit), "available", available)
        + parenthesized(details)
        + named;
  }

  /**
   * {@code CNY balance}, {@code USD key quota}, {@code tokens wallet}; the noun alone without. How
   * a unit joins its noun is the language's: Chinese runs a Chinese unit into it (魔粒余额) but keeps a
   * space after a Latin one.
   */
  private String scopeLabel(Balance.Scope scope, String unit) {
    String noun = "balance.scope." + scope.name().toLowerCase(Locale.ROOT);
    if (unit.isEmpty()) {
      return say(noun + ".alone");
    }
    char last = unit.charAt(unit.length() - 1);
    boolean latin = last < 0x80 && Character.isLetterOrDigit(last);
    return say(
        latin ? "balance.scope.latin_unit" : "balance.scope.unit", "unit", unit, "noun", say(noun));
  }

  /**
   * The account's or token's name on a line of its own, where there is no balance line to carry it.
   *
   * @param name already made inert
   */
  String nameLine(String name) {
    return say("line.name", "name", name);
  }

  String totalDetail(String amount) {
    return say("detail.total", "amount", amount);
  }

  String usedDetail(String amount) {
    return say("detail.used", "amount", amount);
  }

  String frozenDetail(String amount) {
    return say("detail.frozen", "amount", amount);
  }

  /**
   * The words upstreams use for the parts of a balance, translated; null for any other name (shown
   * as sent).
   */
  @Nullable String partName(String name) {
    String key = "part." + name;
    return name.matches("[a-z_]{1,40}") && has(key) ? say(key) : null;
  }

  /** One part of the upstream's split: {@code granted 10.00}. */
  String partDetail(String name, String amount) {
    return say("detail.part", "name", name, "amount", amount);
  }

  String requestsDetail(long count) {
    return counted("detail.requests", count, "count", count);
  }

  String moreBalancesLine(int count) {
    return counted("balance.more", count, "count", count);
  }

  /**
   * The words providers use for their price tiers, translated; null for any other (shown as sent).
   */
  @Nullable String tierName(String tier) {
    String key = "tier." + tier;
    return tier.matches("[a-z_]{1,40}") && has(key) ? say(key) : null;
  }

  /** One tier's estimate: {@code 500 light}, {@code 轻量 500 次}. */
  String tierCalls(long calls, String tier) {
    return say("estimate.tier", "calls", calls, "tier", tier);
  }

  /**
   * How many calls the balance pays for, saying it is an estimate and at which prices: {@code ≈ 500
   * light / 250 standard / 125 flagship calls (estimate at 0.5 / 1 / 2 魔粒 a call)}.
   *
   * @param calls each tier's {@link #tierCalls}
   * @param prices each tier's price per call, formatted, in the same order
   * @param unit what the prices count, already made inert; may be empty
   */
  String estimateLine(List<String> calls, List<String> prices, String unit) {
    String priced = String.join(" / ", prices) + (unit.isEmpty() ? "" : " " + unit);
    return say("estimate.line", "calls", String.join(" / ", calls), "prices", priced);
  }

  /**
   * A provider whose balance a key cannot read.
   *
   * @param consoleUrl where a person sees it, ready to show; null when unknown
   */
  String balanceNotReadableLine(@Nullable String consoleUrl) {
    return consoleUrl == null
        ? say("balance.unreadable")
        : say("balance.unreadable.console", "console", consoleUrl);
  }

  /**
   * @param unit what the balance counts when the provider said, already made inert; may be empty
   * @param status the failure's name ({@link #status})
   * @param error the human reason, already made inert; may be null
   */
  String balanceFailedLine(String unit, String status, @Nullable String error) {
    return withUnit("balance.failed", unit, "status", status, "why", why(error));
  }

  /**
   * A provider whose balance a key cannot read could not check the key either.
   *
   * @param status the failure's name ({@link #status})
   * @param error the human reason, already made inert; may be null
   */
  String keyCheckFailedLine(String status, @Nullable String error) {
    return say("key_check.failed", "status", status, "why", why(error));
  }

  /** The reason after a failure's name; nothing when there is none. */
  private static String why(@Nullable String error) {
    return error == null ? "" : " — " + error;
  }

  String unlimited() {
    return say("unlimited");
  }

  String expiresLine(long epochSecond, boolean past) {
    return say(past ? "expires.past" : "expires.future", "time", epochSecond);
  }

  /** How probed models went. */
  String probedSummaryLine(long ok, int total) {
    return counted("summary.probed", total, "total", total, "ok", ok, "failed", total - ok);
  }

  /** How many of the models looked for the key may use. */
  String listedSummaryLine(long usable, int total) {
    return counted("summary.listed", total, "total", total, "usable", usable);
  }

  /**
   * @param time the reset's local time ({@code 00:00})
   * @param zone its UTC offset ({@code UTC+8})
   */
  String resetLine(long epochSecond, String time, String zone) {
    return say("line.reset", "time", epochSecond, "clock", time, "zone", zone);
  }

  /** A balance-only check of a provider that could have probed models. */
  String balanceOnlyLine(@Nullable String unit) {
    return withUnit("line.balance_only", unit);
  }

  String modelsIgnoredLine() {
    return say("line.models_ignored");
  }

  // --- the embed: footers ---

  /**
   * Models were probed: what that may cost, and when the quota resets.
   *
   * @param unit what the provider's balance counts, or null
   * @param time the local time its quota resets daily ({@code 00:00}), or null when it does not
   * @param zone that time's UTC offset ({@code UTC+8}), or null
   */
  String probedFooter(@Nullable String unit, @Nullable String time, @Nullable String zone) {
    return probedFooter(unit, time, zone, true);
  }

  /**
   * The same, for a provider that reads balances ({@code balanceFree}: reading it is free and
   * {@code balance_only} does it) or not.
   */
  String probedFooter(
      @Nullable String unit, @Nullable String time, @Nullable String zone, boolean balanceFree) {
    boolean resets = time != null && zone != null;
    return withUnit("footer.probed", unit)
        + (resets ? say("footer.probed.resets", "clock", time, "zone", zone) : "")
        + (balanceFree ? say("footer.probed.balance_free") : "");
  }

  /** A balance-only check of a provider that could have probed models. */
  String freeCheckFooter(@Nullable String unit) {
    return withUnit("footer.free_check", unit);
  }

  /** No model was called: the provider reads balances only, or lists the key's models. */
  String balanceFooter() {
    return say("footer.balance");
  }

  /** No model was called, and there was no balance to read: the check cost nothing. */
  String nothingCalledFooter() {
    return say("footer.nothing_called");
  }

  // --- the embed: fields ---

  String accountLabel() {
    return say("label.account");
  }

  String modelLabel() {
    return say("label.model");
  }

  String unknown() {
    return say("unknown");
  }

  String limitUnknown() {
    return say("limit_unknown");
  }

  /**
   * A rate-limit window's wire name for people: {@code requests_per_day} is {@code requests/day}
   * ({@code 请求/天}), {@code input_tokens_per_minute} {@code input tokens/minute}; a word this does
   * not know is shown as sent, underscores as spaces. Not yet made inert.
   */
  String windowName(String wire) {
    int per = wire.indexOf("_per_");
    if (per >= 0) {
      return windowCounts(wire.substring(0, per))
          + "/"
          + windowPeriod(wire.substring(per + "_per_".length()));
    }
    // a coding plan's what_period: tokens_5h, tokens_weekly, mcp_monthly
    Matcher suffixed = SUFFIXED_PERIOD.matcher(wire);
    if (suffixed.matches()) {
      return windowCounts(suffixed.group(1)) + "/" + shortPeriod(suffixed.group(2));
    }
    return windowCounts(wire);
  }

  /**
   * {@code weekly} is {@code week}, {@code 5h} is {@code 5 hours}, {@code 30min} {@code 30
   * minutes}.
   */
  private String shortPeriod(String period) {
    Matcher counted = COUNTED_PERIOD.matcher(period);
    if (!counted.matches()) {
      return windowPeriod(
          switch (period) {
            case "hourly" -> "hour";
            case "daily" -> "day";
            case "weekly" -> "week";
            default -> "month";
          });
    }
    String unit =
        switch (counted.group(2)) {
          case "min" -> "minute";
          case "h" -> "hour";
          case "d" -> "day";
          default -> "week";
        };
    return windowPeriod(counted.group(1) + "_" + unit);
  }

  /** What a window counts, in words; a word the bundle does not know as sent. */
  private String windowCounts(String what) {
    String key = "window.counts." + what;
    return what.matches("[a-z_]{1,40}") && has(key) ? say(key) : what.replace('_', ' ');
  }

  /** A window's period in words: {@code day}, or several units ({@code 5_hours}: 5 hours). */
  private String windowPeriod(String period) {
    Matcher several = SEVERAL_UNITS.matcher(period);
    if (several.matches()) {
      return say("window.period." + several.group(2) + ".several", "count", several.group(1));
    }
    String key = "window.period." + period;
    return period.matches("[a-z_]{1,40}") && has(key) ? say(key) : period.replace('_', ' ');
  }

  /** After a window's numbers: when it is full again. */
  String windowResets(long epochSecond) {
    return say("window.resets", "time", epochSecond);
  }

  String moreWindowsLine(int count) {
    return counted("window.more", count, "count", count);
  }

  /**
   * A probe worked but the provider reported no quota numbers.
   *
   * @param unit what the provider's balance counts, or null
   */
  String unknownNumbersNote(String provider, @Nullable String unit) {
    return unknownNumbersNote(provider, unit, true, null);
  }

  /**
   * The same, for any provider.
   *
   * @param balanceAbove whether the provider reads a balance, shown above as the real budget
   * @param spentAtMost what the call may have spent ({@code 2 魔粒}), for a provider whose probe
   *     spends; null otherwise
   */
  String unknownNumbersNote(
      String provider, @Nullable String unit, boolean balanceAbove, @Nullable String spentAtMost) {
    return say("note.unknown_numbers", "provider", provider)
        + (spentAtMost == null ? "" : say("note.unknown_numbers.spent", "spent", spentAtMost))
        + (balanceAbove ? withUnit("note.unknown_numbers.balance_above", unit) : "");
  }

  String usableWithKey() {
    return say("label.usable_with_key");
  }

  String moreName(int count) {
    return say("more.name", "count", count);
  }

  String moreCounts(long ok, long failed) {
    return say("more.counts", "ok", ok, "failed", failed);
  }

  /** The status's name; an upstream error names the provider that made it. */
  String status(ProbeStatus status, String provider) {
    return say("status." + status.name().toLowerCase(Locale.ROOT), "provider", provider);
  }

  @Override
  public String toString() {
    return "BotText[" + (discordLocale == null ? "en" : discordLocale.getLocale()) + "]";
  }

  // --- buttons under an answer ---

  /** The button that opens the form again with what the answer was for. */
  String againButton() {
    return say("button.again");
  }

  /** The button that opens the form for the free balance-only check. */
  String balanceOnlyButton() {
    return say("button.balance_only");
  }

  /**
   * The button that opens the form to probe models.
   *
   * @param models how many models the form starts with; 0 when it starts empty
   * @param atMost what probing them costs at most ({@code 3}), or null when the provider declares
   *     no cost
   * @param unit what the cost is counted in ({@code 魔粒}, {@code requests}); null without a cost
   */
  String probeButton(int models, @Nullable String atMost, @Nullable String unit) {
    String label =
        models == 0 ? say("button.probe") : counted("button.probe", models, "count", models);
    if (atMost == null || unit == null) {
      return label;
    }
    String cost = atMost + " " + probeUnit(unit, "1".equals(atMost));
    return say("button.with_cost", "label", label, "cost", cost);
  }

  /** A button whose answer is no longer remembered (after 24 hours, or a restart of the bot). */
  String buttonExpired() {
    return say("button.expired");
  }

  /** A button under someone else's answer. */
  String buttonNotYours() {
    return say("button.not_yours");
  }

  // --- the form's provider picker ---

  /** The title of the form with a provider picker: the provider is picked in it. */
  String modalPickerTitle() {
    return say("modal.picker.title");
  }

  /** The provider select's label. */
  String modalProviderLabel() {
    return say("modal.picker.provider.label");
  }

  /** The second provider select's label, when the providers do not fit in one. */
  String modalMoreProvidersLabel() {
    return say("modal.picker.more.label");
  }

  /** Under the provider select(s): what picking nothing means. */
  String modalProviderDescription() {
    return say("modal.picker.provider.description");
  }

  /** The select's first option: no provider picked, the key's prefix picks it. */
  String modalDetectOption() {
    return say("modal.picker.detect");
  }

  /**
   * The first option's description.
   *
   * @param defaultProvider the name of the provider asked when the prefix names none
   */
  String modalDetectDescription(String defaultProvider) {
    return say("modal.picker.detect.description", "provider", defaultProvider);
  }

  /** The key field's description in the form with a provider picker. */
  String modalPickerKeyDescription() {
    return say("modal.picker.key.description");
  }

  /** The optional base URL field's label in the form with a provider picker. */
  String modalOptionalBaseUrlLabel() {
    return say("modal.picker.base_url.label");
  }

  /** The optional base URL field's description: only relays and self-hosted sites take one. */
  String modalOptionalBaseUrlDescription() {
    return say("modal.picker.base_url.description");
  }

  /**
   * The models field's description when the pre-selected provider takes no models: it is for a
   * provider picked instead.
   */
  String modalPickerModelsDescription() {
    return say("modal.picker.models.description");
  }

  /**
   * Both provider selects were changed: which one is meant is not guessed. A problem, shown after
   * {@link #invalid}'s words.
   *
   * @param first what the first select picked (a provider's name, or the detect option's words)
   * @param second what the second select picked
   */
  String modalTwoProviders(String first, String second) {
    return say("problem.two_providers", "first", first, "second", second);
  }

  /**
   * An entry that expires before the daily reset, on the day it was checked.
   *
   * @param amount what it holds, null when unknown (or unlimited)
   * @param unit its unit, already made inert
   * @param epochSecond when it expires
   * @param clock the local time it expires, {@code 23:59}
   * @param zone the reset's zone, {@code UTC+8}
   */
  String expiresTonightLine(
      @Nullable String amount, String unit, long epochSecond, String clock, String zone) {
    if (amount == null) {
      return say("expires.tonight", "clock", clock, "zone", zone, "epoch", epochSecond);
    }
    String what = unit.isEmpty() ? amount : amount + " " + unit;
    return say(
        "expires.tonight.amount",
        "amount",
        what,
        "clock",
        clock,
        "zone",
        zone,
        "epoch",
        epochSecond);
  }
}
