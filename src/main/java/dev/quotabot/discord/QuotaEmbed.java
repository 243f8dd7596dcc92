package dev.quotabot.discord;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.UpstreamText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;

/**
 * Renders a report as one Discord embed: a pure function of the report, the language and whether
 * the models typed were ignored (balance only).
 *
 * <p>The description names the key and shows the account's 魔粒 balance (or why it could not be read)
 * above the per-model fields. A balance-only report gets its own title, colour and footer, and no
 * fields.
 *
 * <p>It always fits Discord's limits (25 fields, 6000 characters, 256 per field name, 1024 per
 * value): the description is bounded and counted first; models that do not fit are summarized in a
 * last field that counts them ("+12 more: 10 ok, 2 failed") and names as many as fit, so nothing is
 * dropped silently and nothing throws.
 */
final class QuotaEmbed {
  static final int GREEN = 0x2ECC71;
  static final int AMBER = 0xF1C40F;
  static final int RED = 0xE74C3C;
  static final int GREY = 0x95A5A6;
  static final int BLUE = 0x3498DB;

  private static final int BAR_SEGMENTS = 5;
  private static final int SUMMARY_VALUE_MAX = 400;
  private static final int SUMMARY_NAME_MAX = 40;
  private static final int SUMMARY_RESERVE = SUMMARY_VALUE_MAX + SUMMARY_NAME_MAX;

  /** Upstream text in the balance line is cut to this many characters before escaping. */
  static final int BALANCE_ERROR_MAX = 300;

  static final int USER_MAX = 64;
  static final int NOTE_MAX = 400;
  static final int PROVIDER_NAME_MAX = 40;
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  static final int UNIT_MAX = 16;

  /** An amount longer than this in plain digits is shown in scientific notation. */
  static final int AMOUNT_MAX = 24;

  private static final MathContext SHOWN_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

  private QuotaEmbed() {}

  /**
   * The answer for any provider: a provider that probes models gets the quota layout, the others
   * the balance layout with the models the key may use.
   *
   * @param modelsIgnored the user typed models but asked for the balance only
   */
  static MessageEmbed render(QuotaReport report, BotText text, boolean modelsIgnored) {
    if (!report.provider().can(Capability.PROBES_MODELS)) {
      return renderProvider(report, text, modelsIgnored, report.provider().name());
    }
    if (report.balanceOnly()) {
      return balanceOnly(report, text, modelsIgnored);
    }
    List<ModelQuota> rows = report.models();
    List<String> description = new ArrayList<>();
    description.add(text.keyLine(codeSafe(report.keyFingerprint())));
    description.add(balanceLine(report.account(), text, report.provider().name()));
    description.add(text.summaryLine(report.successCount(), rows.size()));
    if (report.resetsAt() != null) {
      description.add(text.resetLine(report.resetsAt().toEpochSecond()));
    }
    EmbedBuilder embed =
        new EmbedBuilder()
            .setTitle(text.title())
            .setDescription(String.join("\n", description))
            .setColor(colour(rows))
            .setFooter(text.footer())
            .setTimestamp(report.checkedAt());

    String name = report.provider().name();
    addFields(embed, rows, row -> field(row, text, name), text);
    return embed.build();
  }

  /**
   * Adds one field per row while they fit (25 fields, 6000 characters); the rest are summarized in
   * a last field.
   */
  private static void addFields(
      EmbedBuilder embed,
      List<ModelQuota> rows,
      Function<ModelQuota, MessageEmbed.Field> fieldOf,
      BotText text) {
    int used = embed.length();
    int shown = 0;
    for (ModelQuota row : rows) {
      int left = rows.size() - shown - 1;
      boolean fieldSlotLeft = shown + 1 + (left > 0 ? 1 : 0) <= MessageEmbed.MAX_FIELD_AMOUNT;
      MessageEmbed.Field field = fieldOf.apply(row);
      int size = field.getName().length() + field.getValue().length();
      int reserve = left > 0 ? SUMMARY_RESERVE : 0;
      if (!fieldSlotLeft || used + size + reserve > MessageEmbed.EMBED_MAX_LENGTH_BOT) {
        break;
      }
      embed.addField(field);
      used += size;
      shown++;
    }
    if (shown < rows.size()) {
      embed.addField(summary(rows.subList(shown, rows.size()), text));
    }
  }

  /**
   * A report from another provider (a relay, DeepSeek…), named {@code providerName}: the key, the
   * balance line (remaining with its unit, or unlimited; total, used and frozen when known; the
   * account or token name), when the key expires, the provider's note, and for a relay one field
   * per model. No daily reset: that is ModelScope's.
   *
   * @param modelsIgnored the user typed models but asked for the balance only
   */
  static MessageEmbed renderProvider(
      QuotaReport report, BotText text, boolean modelsIgnored, String providerName) {
    String name = plain(providerName, PROVIDER_NAME_MAX);
    Account account = report.account();
    Balance first = account.primary();
    List<String> description = new ArrayList<>();
    description.add(text.keyLine(codeSafe(report.keyFingerprint())));
    description.add(providerBalanceLine(account, text, name));
    if (account.isKnown() && first != null && first.expiresAt() != null) {
      description.add(
          text.expiresLine(
              first.expiresAt().getEpochSecond(), first.expiresAt().isBefore(report.checkedAt())));
    }
    if (account.note() != null && !account.note().isBlank()) {
      description.add("ℹ️ *" + plain(account.note().strip(), NOTE_MAX) + "*");
    }
    List<ModelQuota> rows = report.models();
    if (!rows.isEmpty()) {
      description.add(text.relaySummaryLine(report.successCount(), rows.size()));
    }
    if (modelsIgnored) {
      description.add(text.modelsIgnoredLine());
    }
    EmbedBuilder embed =
        new EmbedBuilder()
            .setTitle(
                cut(
                    rows.isEmpty() ? text.providerBalanceOnlyTitle(name) : text.providerTitle(name),
                    MessageEmbed.TITLE_MAX_LENGTH))
            .setDescription(String.join("\n", description))
            .setColor(account.isKnown() ? BLUE : RED)
            .setFooter(text.providerFooter())
            .setTimestamp(report.checkedAt());
    addFields(embed, rows, row -> providerField(row, text, name), text);
    return embed.build();
  }

  /**
   * Another provider's balance in one line: what is left with its unit ({@code $8.00}, {@code
   * 110.00 CNY}, {@code 4000000 tokens}) or "Unlimited"; unknown (never 0) when not reported, and
   * never a negative amount or an unlimited key's placeholder number as money. Or the status and
   * the human reason it could not be read. Bounded in length whatever the upstream sent.
   *
   * @param name the provider's name, already made {@link #plain plain}
   */
  static String providerBalanceLine(Account account, BotText text, String name) {
    Balance balance = account.primary();
    if (!account.isKnown() || balance == null) {
      String error = account.error() == null ? null : plain(account.error(), BALANCE_ERROR_MAX);
      return text.providerBalanceFailedLine(text.status(account.status(), name), error);
    }
    String unit = balance.unit() == null ? "" : plain(balance.unit(), UNIT_MAX);
    boolean unlimited = Boolean.TRUE.equals(balance.unlimited());
    String remaining =
        unlimited ? text.unlimited() : money(balance.available(), unit, text.unknown());
    String total = unlimited ? null : money(balance.total(), unit, null);
    String used = money(balance.used(), unit, null);
    String frozen = money(balance.frozen(), unit, null);
    String user = account.user() == null ? null : plain(account.user(), USER_MAX);
    return text.providerBalanceLine(remaining, total, used, frozen, user);
  }

  /**
   * An amount with its unit: {@code $8.00} for US dollars, {@code 110.00 CNY} for another currency
   * code (at least two decimals), {@code 4000000 tokens} otherwise. A negative or absent amount is
   * {@code orElse}.
   */
  static String money(BigDecimal value, String unit, String orElse) {
    if (value == null || value.signum() < 0) {
      return orElse;
    }
    boolean currency = CURRENCY_CODE.matcher(unit).matches();
    String shown = currency ? currencyAmount(value) : amount(value);
    if (unit.equals("USD")) {
      return "$" + shown;
    }
    return unit.isEmpty() ? shown : shown + " " + unit;
  }

  /** {@code 8.00}, {@code 0.1234}: at least two decimals, more when the provider gave them. */
  private static String currencyAmount(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() >= 2) {
      return amount(value);
    }
    BigDecimal cents = stripped.setScale(2);
    return cents.precision() <= AMOUNT_MAX ? cents.toPlainString() : amount(value);
  }

  /**
   * A relay's row: whether the key may use the model, or why it is not listed.
   *
   * @param name the provider's name, already made {@link #plain plain}
   */
  private static MessageEmbed.Field providerField(ModelQuota row, BotText text, String name) {
    String value;
    if (row.isSuccess()) {
      value =
          row.note() == null || row.note().isBlank()
              ? text.relayModelUsable()
              : plain(row.note().strip(), MessageEmbed.VALUE_MAX_LENGTH);
    } else {
      value = "**" + text.status(row.status(), name) + "**" + errorSuffix(row);
    }
    return new MessageEmbed.Field(fieldName(row), cut(value, MessageEmbed.VALUE_MAX_LENGTH), false);
  }

  /** The free check: the balance (or why it is unknown) and that nothing was spent; no fields. */
  private static MessageEmbed balanceOnly(QuotaReport report, BotText text, boolean modelsIgnored) {
    List<String> description = new ArrayList<>();
    description.add(text.keyLine(codeSafe(report.keyFingerprint())));
    description.add(balanceLine(report.account(), text, report.provider().name()));
    description.add(text.balanceOnlyLine());
    if (modelsIgnored) {
      description.add(text.modelsIgnoredLine());
    }
    return new EmbedBuilder()
        .setTitle(text.balanceOnlyTitle())
        .setDescription(String.join("\n", description))
        .setColor(report.account().isKnown() ? BLUE : RED)
        .setFooter(text.balanceOnlyFooter())
        .setTimestamp(report.checkedAt())
        .build();
  }

  /**
   * The account's balance in one line: what is available (unknown when not reported, never 0),
   * total and frozen when known, and the account's name when known; or the status and the human
   * reason it could not be read. Bounded in length whatever the upstream sent.
   */
  static String balanceLine(Account account, BotText text, String provider) {
    String unit = account.unit() == null ? "" : plain(account.unit(), UNIT_MAX);
    Balance balance = account.primary();
    if (!account.isKnown() || balance == null) {
      String error = account.error() == null ? null : plain(account.error(), BALANCE_ERROR_MAX);
      return text.balanceFailedLine(unit, text.status(account.status(), provider), error);
    }
    String available = balance.available() == null ? text.unknown() : amount(balance.available());
    String total = balance.total() == null ? null : amount(balance.total());
    String frozen = balance.frozen() == null ? null : amount(balance.frozen());
    String user = account.user() == null ? null : plain(account.user(), USER_MAX);
    return text.balanceLine(unit, available, total, frozen, user);
  }

  /**
   * {@code 250}, {@code 12.5}: trailing zeros dropped; a number too long to read in plain digits is
   * rounded to six significant digits in scientific notation ({@code 1.23457E+40}), never cut.
   */
  static String amount(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    boolean plainFits =
        stripped.precision() <= AMOUNT_MAX
            && stripped.scale() <= AMOUNT_MAX - 2
            && stripped.precision() - stripped.scale() <= AMOUNT_MAX;
    return plainFits ? stripped.toPlainString() : stripped.round(SHOWN_DIGITS).toString();
  }

  /**
   * Text from elsewhere (an upstream, or what a user typed) made inert: cut to {@code max}
   * characters, then every Markdown token escaped (an unpaired one too, which could pair with a
   * later line) and brackets, so it cannot form a link. A backslash of its own is escaped first, so
   * it shows as typed and cannot undo an escape ({@code \[x\](…)} stays text).
   */
  static String plain(String text, int max) {
    return MarkdownSanitizer.escape(cut(text, max).replace("\\", "\\\\"), true)
        .replace("[", "\\[")
        .replace("]", "\\]");
  }

  /**
   * The colour of the worst remaining share among all rows: green from 50 %, amber from 20 %, red
   * below (and for rows that report the limit reached or the balance exhausted); grey when no share
   * is known at all.
   */
  static int colour(List<ModelQuota> rows) {
    OptionalDouble worst = rows.stream().mapToDouble(QuotaEmbed::worstShare).min();
    if (worst.isEmpty() || Double.isNaN(worst.getAsDouble())) {
      return GREY;
    }
    double share = worst.getAsDouble();
    return share >= 0.5 ? GREEN : share >= 0.2 ? AMBER : RED;
  }

  /** The row's smallest known remaining share, 0 for exhausted rows, NaN when nothing is known. */
  private static double worstShare(ModelQuota row) {
    if (row.status() == ProbeStatus.LIMIT_REACHED
        || row.status() == ProbeStatus.INSUFFICIENT_BALANCE) {
      return 0;
    }
    RateLimits limits = row.limits();
    double account = share(limits.requestRemaining(), limits.requestLimit());
    double model = share(limits.modelRequestRemaining(), limits.modelRequestLimit());
    if (Double.isNaN(account)) {
      return model;
    }
    return Double.isNaN(model) ? account : Math.min(account, model);
  }

  private static double share(Long remaining, Long limit) {
    if (remaining == null || limit == null) {
      return Double.NaN;
    }
    if (limit <= 0 || remaining <= 0) {
      return 0;
    }
    return Math.min(1.0, (double) remaining / limit);
  }

  private static MessageEmbed.Field field(ModelQuota row, BotText text, String provider) {
    List<String> lines = new ArrayList<>();
    if (!row.isSuccess()) {
      lines.add("**" + text.status(row.status(), provider) + "**" + errorSuffix(row));
    }
    RateLimits limits = row.limits();
    if (row.isSuccess() || !limits.empty()) {
      lines.add(
          quotaLine(text.accountLabel(), limits.requestRemaining(), limits.requestLimit(), text));
      lines.add(
          quotaLine(
              text.modelLabel(), limits.modelRequestRemaining(), limits.modelRequestLimit(), text));
    }
    if (row.status() == ProbeStatus.NO_QUOTA_HEADERS) {
      lines.add("*" + text.unknownNumbersNote() + "*");
    }
    return new MessageEmbed.Field(
        fieldName(row), cut(String.join("\n", lines), MessageEmbed.VALUE_MAX_LENGTH), false);
  }

  /** " — " and the row's error made {@link #plain plain}, or nothing when it has none. */
  private static String errorSuffix(ModelQuota row) {
    return row.error() == null ? "" : " — " + plain(row.error(), MessageEmbed.VALUE_MAX_LENGTH);
  }

  /**
   * The row's symbol and model name. The name is what the user typed: shown as typed, never as
   * formatting ({@code **x**}, {@code ||x||}) or a link.
   */
  private static String fieldName(ModelQuota row) {
    return cut(
        symbol(row.status()) + " " + plain(row.model(), MessageEmbed.TITLE_MAX_LENGTH),
        MessageEmbed.TITLE_MAX_LENGTH);
  }

  /** {@code Account: 1200 / 2000 ▰▰▰▱▱ 60%}; unknown numbers are written as unknown, never 0. */
  static String quotaLine(String label, Long remaining, Long limit, BotText text) {
    String head = label + ": ";
    if (remaining == null && limit == null) {
      return head + text.unknown();
    }
    if (limit == null) {
      return head + remaining + " (" + text.limitUnknown() + ")";
    }
    if (remaining == null) {
      return head + text.unknown() + " / " + limit;
    }
    return head + remaining + " / " + limit + " " + bar(remaining, limit);
  }

  /** {@code ▰▰▰▱▱ 60%}; a share above zero that rounds to 0 % is shown as {@code <1%}. */
  static String bar(long remaining, long limit) {
    long kept = Math.max(0, Math.min(remaining, limit));
    long percent = limit <= 0 ? 0 : percentFloor(kept, limit);
    int filled = limit <= 0 ? 0 : (int) Math.round((double) kept * BAR_SEGMENTS / limit);
    String shown = percent == 0 && kept > 0 ? "<1%" : percent + "%";
    return "▰".repeat(filled) + "▱".repeat(BAR_SEGMENTS - filled) + " " + shown;
  }

  /** Exact for every realistic number; absurdly large ones fall back to floating point. */
  private static long percentFloor(long kept, long limit) {
    return kept <= Long.MAX_VALUE / 100 ? kept * 100 / limit : (long) (kept / (double) limit * 100);
  }

  private static String symbol(ProbeStatus status) {
    return switch (status) {
      case OK -> "✅";
      case NO_QUOTA_HEADERS -> "❔";
      case LIMIT_REACHED, INSUFFICIENT_BALANCE -> "⛔";
      default -> "❌";
    };
  }

  /** The rows that did not fit: how many, how they went, and as many names as fit. */
  private static MessageEmbed.Field summary(List<ModelQuota> rest, BotText text) {
    long ok = rest.stream().filter(ModelQuota::isSuccess).count();
    StringBuilder value = new StringBuilder(text.moreCounts(ok, rest.size() - ok));
    String separator = ": ";
    for (ModelQuota row : rest) {
      String item = separator + symbol(row.status()) + " `" + codeSafe(row.model()) + "`";
      if (value.length() + item.length() + 2 > SUMMARY_VALUE_MAX) {
        value.append(", …");
        break;
      }
      value.append(item);
      separator = ", ";
    }
    return new MessageEmbed.Field(text.moreName(rest.size()), value.toString(), false);
  }

  private static String codeSafe(String text) {
    return text.replace('`', 'ˋ');
  }

  /** At most {@code max} characters in all, "…" included when cut. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : UpstreamText.cut(text, max - 1) + "…";
  }
}
