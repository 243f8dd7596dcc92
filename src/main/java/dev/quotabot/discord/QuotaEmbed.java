package dev.quotabot.discord;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.CallEstimate;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import org.jspecify.annotations.Nullable;

/**
 * Renders any provider's report as one Discord embed: a pure function of the report, the language
 * and whether the models typed were ignored (balance only). What it shows follows the report and
 * what the provider declares ({@link ProviderInfo}), never which provider it is.
 *
 * <p>The description names the key (and, when no provider was chosen, that its prefix named the
 * provider) and the site it belongs to (its name, the software it runs), then shows every balance
 * entry in a line of its own (scope, unit, what is available, and the total, used, frozen amounts,
 * the upstream's split and the request count where reported), or why the balances could not be
 * read, or, for a provider without balances, that a key cannot read them (and where to look); the
 * account's own quota windows (a coding plan's: used share with a bar, what is left, the reset),
 * which stand in for an unknown balance; when an entry expires (for an entry that expires before
 * the report's next daily reset, on the day it was checked in the reset's zone: that it expires
 * tonight, with what it holds); the estimated calls the balance pays for, with the prices used; the
 * provider's note; a summary of the models; and, for a provider with a daily reset, when it comes.
 * What each model spent recently, from the key's log, is a field of its own before the models (the
 * biggest spenders, then how many more). Each model is a field: the seed's quota numbers of a
 * probed model, or, for a row without them, one line per rate-limit window the provider reported;
 * or whether the key may use a listed model. A provider that probes models is coloured by the
 * lowest share left (seed numbers and windows alike); otherwise the colour is the smallest share
 * left of the account's windows, or says whether the balance was read. A balance-only check of a
 * provider that could have probed says it spent nothing.
 *
 * <p>It always fits Discord's limits (25 fields, 6000 characters, 4096 in the description, 256 per
 * field name, 1024 per value): everything from elsewhere is bounded, the description is counted
 * first (every balance entry while it fits; if they truly cannot all fit, a last line counts the
 * others: "+3 more balances"), and models that do not fit are summarized in a last field that
 * counts them ("+12 more: 10 ok, 2 failed") and names as many as fit, so nothing is dropped
 * silently and nothing throws.
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
  static final int UNIT_MAX = 16;

  /** At most this many parts of one entry are shown, each name cut to {@link #PART_NAME_MAX}. */
  static final int PARTS_MAX = 5;

  static final int PART_NAME_MAX = 16;

  /** At most this many call estimates are shown, each tier name cut to {@link #PART_NAME_MAX}. */
  static final int ESTIMATES_MAX = 4;

  /** At most this many rate-limit windows of one row get a line; a last line counts the rest. */
  static final int WINDOWS_MAX = 6;

  static final int WINDOW_NAME_MAX = 40;

  /** A console address shown as a link only when it is this plain; otherwise as inert text. */
  private static final Pattern PLAIN_URL = Pattern.compile("https://[A-Za-z0-9./-]{1,200}");

  /** An amount longer than this in plain digits is shown in scientific notation. */
  static final int AMOUNT_MAX = 24;

  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  private static final MathContext SHOWN_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

  private QuotaEmbed() {}

  /**
   * @param modelsIgnored the user typed models but asked for the balance only
   */
  static MessageEmbed render(QuotaReport report, BotText text, boolean modelsIgnored) {
    return render(report, text, modelsIgnored, false);
  }

  /**
   * @param modelsIgnored the user typed models but asked for the balance only
   * @param providerFromKey no provider was chosen: the key's prefix named it
   */
  static MessageEmbed render(
      QuotaReport report, BotText text, boolean modelsIgnored, boolean providerFromKey) {
    ProviderInfo provider = report.provider();
    String name = plain(provider.name(), PROVIDER_NAME_MAX);
    String unit = provider.unit() == null ? null : plain(provider.unit(), UNIT_MAX);
    boolean probes = provider.can(Capability.PROBES_MODELS);
    List<ModelQuota> rows = report.models();
    OffsetDateTime resetsAt = rows.isEmpty() ? null : report.resetsAt();

    List<String> head = new ArrayList<>();
    String keyLine = text.keyLine(codeSafe(report.keyFingerprint()));
    head.add(providerFromKey ? keyLine + text.providerFromKey(name) : keyLine);
    Account account = report.account();
    String site = AccountDetails.siteLine(account.site(), text);
    if (site != null) {
      head.add(site);
    }
    List<String> description = new ArrayList<>();
    description.addAll(AccountDetails.limitLines(account.limits(), text));
    String estimates = estimateLine(report.account(), text);
    if (estimates != null) {
      description.add(estimates);
    }
    String note = text.words(report.account().noteText());
    if (note != null && !note.isBlank()) {
      description.add("ℹ️ *" + plain(note.strip(), NOTE_MAX) + "*");
    }
    if (!rows.isEmpty()) {
      description.add(
          probes
              ? text.probedSummaryLine(report.successCount(), rows.size())
              : text.listedSummaryLine(report.successCount(), rows.size()));
    }
    if (resetsAt != null) {
      description.add(
          text.resetLine(resetsAt.toEpochSecond(), clock(resetsAt), zone(resetsAt.getOffset())));
    }
    if (rows.isEmpty() && probes) {
      description.add(text.balanceOnlyLine(unit));
    }
    if (modelsIgnored) {
      description.add(text.modelsIgnoredLine());
    }

    EmbedBuilder embed =
        new EmbedBuilder()
            .setTitle(
                cut(
                    title(rows.isEmpty(), probes, name, unit, text, provider, account),
                    MessageEmbed.TITLE_MAX_LENGTH))
            .setDescription(
                cut(
                    fitted(head, balanceEntries(report, text, name), description, text),
                    MessageEmbed.DESCRIPTION_MAX_LENGTH))
            .setColor(probes && !rows.isEmpty() ? colour(rows) : accountColour(account))
            .setFooter(
                footer(
                    rows.isEmpty(),
                    probes,
                    provider.can(Capability.BALANCES),
                    unit,
                    resetsAt,
                    text,
                    provider))
            .setTimestamp(report.checkedAt());
    int reserve = rows.isEmpty() ? 0 : SUMMARY_RESERVE;
    MessageEmbed.Field spend =
        AccountDetails.spendField(
            account.spend(),
            text,
            MessageEmbed.EMBED_MAX_LENGTH_BOT
                - embed.length()
                - text.spendFieldName().length()
                - reserve);
    if (spend != null) {
      embed.addField(spend);
    }
    addFields(embed, rows, text, new RowContext(name, unit, provider));
    return embed.build();
  }

  /**
   * The colour of an answer without probed rows: by the smallest share left of the account's own
   * windows where it has any, else whether the account was read.
   */
  private static int accountColour(Account account) {
    if (!account.isKnown()) {
      return RED;
    }
    double left = AccountDetails.worstShareLeft(account.limits());
    if (Double.isNaN(left)) {
      return BLUE;
    }
    return left >= 0.5 ? GREEN : left >= 0.2 ? AMBER : RED;
  }

  /**
   * What every row's field needs to know of its provider.
   *
   * @param name the provider's name, already made {@link #plain plain}
   * @param unit what its balance counts, already made plain; null when it varies
   */
  private record RowContext(String name, @Nullable String unit, ProviderInfo provider) {}

  private static String title(
      boolean balanceOnly,
      boolean probes,
      String name,
      @Nullable String unit,
      BotText text,
      ProviderInfo provider,
      Account account) {
    if (balanceOnly) {
      if (probes) {
        return text.freeCheckTitle(name, unit);
      }
      if (!provider.can(Capability.BALANCES)) {
        return text.accountTitle(name);
      }
      return account.balances().isEmpty() && !account.limits().isEmpty()
          ? text.limitsTitle(name)
          : text.balanceTitle(name);
    }
    return probes ? text.probedTitle(name) : text.listedTitle(name);
  }

  private static String footer(
      boolean balanceOnly,
      boolean probes,
      boolean balances,
      @Nullable String unit,
      @Nullable OffsetDateTime resetsAt,
      BotText text,
      ProviderInfo provider) {
    if (!probes) {
      return balances || provider.takesModels() ? text.balanceFooter() : text.nothingCalledFooter();
    }
    if (balanceOnly) {
      return text.freeCheckFooter(unit);
    }
    return resetsAt == null
        ? text.probedFooter(unit, null, null, balances)
        : text.probedFooter(unit, clock(resetsAt), zone(resetsAt.getOffset()), balances);
  }

  /**
   * The description: the head (the key, the site), every balance entry, then the rest. Every entry
   * is shown while the whole fits Discord's {@value MessageEmbed#DESCRIPTION_MAX_LENGTH}
   * characters; only when they truly cannot all fit are the last ones left out, and a line counts
   * them ("+3 more balances"), so none is dropped silently.
   *
   * @param entries the account's lines ({@link #balanceEntries}), one group per entry
   */
  static String fitted(List<String> head, BalanceEntries entries, List<String> tail, BotText text) {
    int fixed = length(head) + length(entries.leading()) + length(tail);
    List<List<String>> groups = entries.groups();
    int shown = groups.size();
    int size = fixed + groups.stream().mapToInt(QuotaEmbed::length).sum();
    while (shown > 0 && size > MessageEmbed.DESCRIPTION_MAX_LENGTH) {
      shown--;
      size =
          fixed
              + groups.subList(0, shown).stream().mapToInt(QuotaEmbed::length).sum()
              + text.moreBalancesLine(groups.size() - shown).length()
              + 1;
    }
    List<String> lines = new ArrayList<>(head);
    lines.addAll(entries.leading());
    groups.subList(0, shown).forEach(lines::addAll);
    if (shown < groups.size()) {
      lines.add(text.moreBalancesLine(groups.size() - shown));
    }
    lines.addAll(tail);
    return String.join("\n", lines);
  }

  /** The lines' length once joined with newlines after a line before them. */
  private static int length(List<String> lines) {
    return lines.stream().mapToInt(line -> line.length() + 1).sum();
  }

  /**
   * The account's lines.
   *
   * @param leading why the balances could not be read, or that there is none to read: always shown
   * @param groups one group per balance entry: its line, then when it expires, if it does
   */
  record BalanceEntries(List<String> leading, List<List<String>> groups) {
    /** Every line, every entry's included. */
    List<String> all() {
      List<String> lines = new ArrayList<>(leading);
      groups.forEach(lines::addAll);
      return lines;
    }
  }

  /**
   * The account's lines: why its balances could not be read (when they could not), then one group
   * per balance entry: its line, followed by when it expires, if it does. An entry that expires
   * before the report's next daily reset, on the day it was checked in the reset's zone, is said to
   * expire tonight, with what it holds. A read account without any entry still gets a line: its
   * balance is unknown, never 0.
   *
   * @param name the provider's name, already made {@link #plain plain}
   */
  static BalanceEntries balanceEntries(QuotaReport report, BotText text, String name) {
    Account account = report.account();
    List<String> lines = new ArrayList<>();
    List<List<String>> groups = new ArrayList<>();
    String user = account.user() == null ? null : plain(account.user(), USER_MAX);
    if (!account.isKnown()) {
      String unit = account.unit() == null ? "" : plain(account.unit(), UNIT_MAX);
      String said = text.words(account.errorText());
      String error = said == null ? null : plain(said, BALANCE_ERROR_MAX);
      String status = text.status(account.status(), name);
      ProviderInfo provider = report.provider();
      if (provider.can(Capability.BALANCES)) {
        lines.add(text.balanceFailedLine(unit, status, error));
      } else {
        // there was no balance to read: what failed is the check of the key; the console still
        // shows the balance
        lines.add(text.keyCheckFailedLine(status, error));
        String console = provider.consoleUrl();
        lines.add(text.balanceNotReadableLine(console == null ? null : shownUrl(console)));
      }
    }
    List<Balance> balances = account.balances();
    if (balances.isEmpty() && account.isKnown()) {
      ProviderInfo provider = report.provider();
      if (provider.can(Capability.BALANCES)) {
        if (!account.limits().isEmpty()) {
          // an account described by its quota windows (a coding plan): they follow, no money line
          if (user != null) {
            lines.add(text.nameLine(user));
          }
          return new BalanceEntries(lines, groups);
        }
        String unit = account.unit() == null ? "" : plain(account.unit(), UNIT_MAX);
        lines.add(text.balanceLine(Balance.Scope.ACCOUNT, unit, text.unknown(), List.of(), user));
      } else {
        String console = provider.consoleUrl();
        lines.add(text.balanceNotReadableLine(console == null ? null : shownUrl(console)));
      }
    }
    for (int i = 0; i < balances.size(); i++) {
      Balance balance = balances.get(i);
      List<String> group = new ArrayList<>();
      group.add(balanceLine(balance, text, i == 0 ? user : null));
      if (balance.expiresAt() != null) {
        group.add(expiryLine(balance, report, text));
      }
      groups.add(group);
    }
    return new BalanceEntries(lines, groups);
  }

  /**
   * When an entry expires: tonight (with what it holds) when that is before the report's next daily
   * reset and on the day it was checked, in the reset's zone; else as a relative time.
   */
  private static String expiryLine(Balance balance, QuotaReport report, BotText text) {
    Instant expires = Objects.requireNonNull(balance.expiresAt());
    Instant checked = report.checkedAt();
    OffsetDateTime reset = report.resetsAt();
    if (reset != null && expires.isAfter(checked) && !expires.isAfter(reset.toInstant())) {
      ZoneOffset zone = reset.getOffset();
      OffsetDateTime local = expires.atOffset(zone);
      if (local.toLocalDate().equals(checked.atOffset(zone).toLocalDate())
          || !expires.isBefore(reset.toInstant())) {
        String unit = plain(balance.unit(), UNIT_MAX);
        String amount =
            Boolean.TRUE.equals(balance.unlimited()) || balance.available() == null
                ? null
                : amount(balance.available(), balance.unit());
        return text.expiresTonightLine(
            amount, unit, expires.getEpochSecond(), clock(local), zone(zone));
      }
    }
    return text.expiresLine(expires.getEpochSecond(), expires.isBefore(checked));
  }

  /**
   * The calls the balance pays for, as the provider estimates them per price tier, with the prices
   * it used: null when it gave none. At most {@link #ESTIMATES_MAX} tiers; a tier named in a word
   * this bot does not know is shown as sent, made inert.
   */
  static @Nullable String estimateLine(Account account, BotText text) {
    List<CallEstimate> estimates = account.estimatedCalls();
    if (estimates.isEmpty()) {
      return null;
    }
    List<String> calls = new ArrayList<>();
    List<String> prices = new ArrayList<>();
    for (CallEstimate estimate : estimates.subList(0, Math.min(estimates.size(), ESTIMATES_MAX))) {
      String known = text.tierName(estimate.tier());
      String tier = known != null ? known : plain(estimate.tier().replace('_', ' '), PART_NAME_MAX);
      calls.add(text.tierCalls(estimate.calls(), tier));
      prices.add(amount(estimate.price()));
    }
    String unit = account.unit() == null ? "" : plain(account.unit(), UNIT_MAX);
    return text.estimateLine(calls, prices, unit);
  }

  /**
   * A console address as the embed shows it: as it is when it is a plain https address (Discord
   * makes it a link), else made inert.
   */
  private static String shownUrl(String url) {
    return PLAIN_URL.matcher(url).matches() ? url : plain(url, 200);
  }

  /**
   * One balance entry in one line: its scope and unit, what is available ("Unlimited" for a key
   * without a limit, whose total is then a placeholder and left out; unknown when not reported,
   * never 0), then each figure the upstream reported: total, used, frozen, its own split, and the
   * request count. Bounded in length whatever the upstream sent.
   *
   * @param user the account's name, shown after the first entry; null for none
   */
  static String balanceLine(Balance balance, BotText text, @Nullable String user) {
    String unit = balance.unit();
    boolean unlimited = Boolean.TRUE.equals(balance.unlimited());
    String available =
        unlimited
            ? text.unlimited()
            : balance.available() == null ? text.unknown() : amount(balance.available(), unit);
    List<String> details = new ArrayList<>();
    if (!unlimited && balance.total() != null) {
      details.add(text.totalDetail(amount(balance.total(), unit)));
    }
    if (balance.used() != null) {
      details.add(text.usedDetail(amount(balance.used(), unit)));
    }
    if (balance.frozen() != null) {
      details.add(text.frozenDetail(amount(balance.frozen(), unit)));
    }
    int parts = 0;
    for (Map.Entry<String, BigDecimal> part : balance.parts().entrySet()) {
      if (parts++ == PARTS_MAX) {
        break;
      }
      String known = text.partName(part.getKey());
      String partName =
          known != null ? known : plain(part.getKey().replace('_', ' '), PART_NAME_MAX);
      details.add(text.partDetail(partName, amount(part.getValue(), unit)));
    }
    if (balance.requests() != null) {
      details.add(text.requestsDetail(balance.requests()));
    }
    return text.balanceLine(balance.scope(), plain(unit, UNIT_MAX), available, details, user);
  }

  /**
   * An amount as its unit is written: a currency code ({@code CNY}, {@code USD}) gets at least two
   * decimals ({@code 110.00}, {@code 0.1234}); anything else ({@code 魔粒}, {@code tokens}) as {@link
   * #amount(BigDecimal)}. A negative amount (money owed) stays negative.
   */
  static String amount(BigDecimal value, String unit) {
    if (!CURRENCY_CODE.matcher(unit).matches()) {
      return amount(value);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() >= 2) {
      return amount(value);
    }
    BigDecimal cents = stripped.setScale(2);
    return cents.precision() <= AMOUNT_MAX ? cents.toPlainString() : amount(value);
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

  /** The local time of a reset: {@code 00:00}. */
  static String clock(OffsetDateTime at) {
    return String.format(Locale.ROOT, "%02d:%02d", at.getHour(), at.getMinute());
  }

  /** An offset as people write it: {@code UTC+8}, {@code UTC-3:30}, {@code UTC}. */
  static String zone(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) {
      return "UTC";
    }
    int absolute = Math.abs(seconds);
    int minutes = absolute % 3600 / 60;
    return "UTC"
        + (seconds < 0 ? "-" : "+")
        + absolute / 3600
        + (minutes == 0 ? "" : String.format(Locale.ROOT, ":%02d", minutes));
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

  /**
   * The row's smallest known remaining share (of the seed's numbers and of every rate-limit window
   * alike), 0 for exhausted rows, NaN when nothing is known.
   */
  private static double worstShare(ModelQuota row) {
    if (row.status() == ProbeStatus.LIMIT_REACHED
        || row.status() == ProbeStatus.INSUFFICIENT_BALANCE) {
      return 0;
    }
    RateLimits limits = row.limits();
    double worst =
        lower(
            share(limits.requestRemaining(), limits.requestLimit()),
            share(limits.modelRequestRemaining(), limits.modelRequestLimit()));
    for (RateWindow window : row.windows()) {
      worst = lower(worst, share(window.remaining(), window.limit()));
    }
    return worst;
  }

  /** The lower of two shares, NaN (unknown) counting as neither. */
  private static double lower(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.min(a, b);
  }

  private static double share(@Nullable Long remaining, @Nullable Long limit) {
    if (remaining == null || limit == null) {
      return Double.NaN;
    }
    if (limit <= 0 || remaining <= 0) {
      return 0;
    }
    return Math.min(1.0, (double) remaining / limit);
  }

  /**
   * Adds one field per row while they fit (25 fields, 6000 characters); the rest are summarized in
   * a last field.
   */
  private static void addFields(
      EmbedBuilder embed, List<ModelQuota> rows, BotText text, RowContext context) {
    int used = embed.length();
    int before = embed.getFields().size();
    int shown = 0;
    for (ModelQuota row : rows) {
      int left = rows.size() - shown - 1;
      boolean fieldSlotLeft =
          before + shown + 1 + (left > 0 ? 1 : 0) <= MessageEmbed.MAX_FIELD_AMOUNT;
      MessageEmbed.Field field = field(row, text, context);
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
   * One model: why it failed, if it did; the seed's quota numbers when it carries any (or was
   * probed without any being reported: then they are unknown, not zero, and the balance above is
   * the budget); else a line per rate-limit window the provider reported (a row with the seed's
   * numbers has them as windows too: shown once); otherwise, for a model found in the key's list,
   * the provider's remark or that the key may use it.
   */
  private static MessageEmbed.Field field(ModelQuota row, BotText text, RowContext context) {
    String name = context.name();
    List<String> lines = new ArrayList<>();
    if (!row.isSuccess()) {
      lines.add("**" + text.status(row.status(), name) + "**" + errorSuffix(row, text));
    }
    RateLimits limits = row.limits();
    boolean unreported = row.status() == ProbeStatus.NO_QUOTA_HEADERS;
    List<RateWindow> windows =
        limits.empty() ? row.windows().stream().filter(RateWindow::known).toList() : List.of();
    if (!limits.empty() || (unreported && windows.isEmpty())) {
      lines.add(
          quotaLine(text.accountLabel(), limits.requestRemaining(), limits.requestLimit(), text));
      lines.add(
          quotaLine(
              text.modelLabel(), limits.modelRequestRemaining(), limits.modelRequestLimit(), text));
    }
    lines.addAll(windowLines(windows, text));
    if (unreported) {
      lines.add("*" + unknownNumbersNote(context, text) + "*");
    } else if (row.isSuccess() && limits.empty() && windows.isEmpty()) {
      String note = text.words(row.noteText());
      lines.add(
          note == null || note.isBlank()
              ? text.usableWithKey()
              : plain(note.strip(), MessageEmbed.VALUE_MAX_LENGTH));
    }
    return new MessageEmbed.Field(
        fieldName(row), cut(String.join("\n", lines), MessageEmbed.VALUE_MAX_LENGTH), false);
  }

  /**
   * One line per window: {@code requests/day: 14370 / 14400 ▰▰▰▰▰ 99% · resets <t:…:R>}; unknown
   * numbers written as unknown, never 0. At most {@link #WINDOWS_MAX}; a last line counts the rest.
   */
  static List<String> windowLines(List<RateWindow> windows, BotText text) {
    List<String> lines = new ArrayList<>();
    int shown = windows.size() <= WINDOWS_MAX ? windows.size() : WINDOWS_MAX - 1;
    for (RateWindow window : windows.subList(0, shown)) {
      String label = plain(text.windowName(window.name()), WINDOW_NAME_MAX);
      String line = quotaLine(label, window.remaining(), window.limit(), text);
      lines.add(
          window.resetsAt() == null
              ? line
              : line + text.windowResets(window.resetsAt().getEpochSecond()));
    }
    if (shown < windows.size()) {
      lines.add(text.moreWindowsLine(windows.size() - shown));
    }
    return lines;
  }

  /**
   * Why a probe that worked shows no numbers: what the call may have spent, for a provider whose
   * probe spends (unknown, never 0), and the balance above as the real budget where there is one.
   */
  private static String unknownNumbersNote(RowContext context, BotText text) {
    ProviderInfo provider = context.provider();
    ProbeCost cost = provider.probeCost();
    String spent =
        cost == null || cost.kind() != ProbeCost.Kind.SPENDS
            ? null
            : amount(cost.perModel()) + " " + plain(cost.unit(), UNIT_MAX);
    return text.unknownNumbersNote(
        context.name(), context.unit(), provider.can(Capability.BALANCES), spent);
  }

  /** " — " and the row's error made {@link #plain plain}, or nothing when it has none. */
  private static String errorSuffix(ModelQuota row, BotText text) {
    String error = text.words(row.errorText());
    return error == null ? "" : " — " + plain(error, MessageEmbed.VALUE_MAX_LENGTH);
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
  static String quotaLine(
      String label, @Nullable Long remaining, @Nullable Long limit, BotText text) {
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

  /**
   * At most {@code max} characters in all, "…" included when cut; never half a surrogate pair (an
   * emoji cut in two would make Discord refuse the message).
   */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
    return text.substring(0, end) + "…";
  }
}
