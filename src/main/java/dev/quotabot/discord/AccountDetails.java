package dev.quotabot.discord;

import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Site;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.jspecify.annotations.Nullable;

/**
 * What an account tells beyond its balances, rendered for the embed: the site the key belongs to,
 * the account's own quota windows (a coding plan's), and what each model spent recently. Pure
 * functions of the account's values, bounded whatever the upstream sent; unknown numbers are said
 * to be unknown, never 0.
 */
final class AccountDetails {
  /** At most this many account windows get a line; a last line counts the rest. */
  static final int LIMITS_MAX = 6;

  /** At most this many models get a spend row; a last line counts the rest. */
  static final int SPEND_ROWS_MAX = 10;

  static final int SITE_NAME_MAX = 64;
  static final int FLAVOUR_MAX = 48;
  static final int SPEND_MODEL_MAX = 64;

  private static final int BAR_SEGMENTS = 5;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Room kept for the "and K more models" line. */
  private static final int MORE_LINE_RESERVE = 40;

  private AccountDetails() {}

  /**
   * The site's name and the software it runs ({@code new-api v0.6.10}), made inert; null when
   * neither is known.
   */
  static @Nullable String siteLine(@Nullable Site site, BotText text) {
    if (site == null) {
      return null;
    }
    String name = blank(site.name()) ? null : QuotaEmbed.plain(site.name().strip(), SITE_NAME_MAX);
    String flavour = site.flavour();
    String shown = blank(flavour) ? null : QuotaEmbed.plain(flavour.strip(), FLAVOUR_MAX);
    return name == null && shown == null ? null : text.siteLine(name, shown);
  }

  /**
   * One line per window the account reported something for: its name, how much is used (from the
   * percent it reported, else from its counts) with a bar, what is left where counts were given,
   * and when it resets. At most {@link #LIMITS_MAX}; a last line counts the rest.
   */
  static List<String> limitLines(List<RateWindow> limits, BotText text) {
    List<RateWindow> known = limits.stream().filter(RateWindow::known).toList();
    int shown = known.size() <= LIMITS_MAX ? known.size() : LIMITS_MAX - 1;
    List<String> lines = new ArrayList<>();
    for (RateWindow window : known.subList(0, shown)) {
      String name = QuotaEmbed.plain(text.windowName(window.name()), QuotaEmbed.WINDOW_NAME_MAX);
      Instant resets = window.resetsAt();
      lines.add(
          text.limitLine(
              name, usage(window, text), resets == null ? null : resets.getEpochSecond()));
    }
    if (shown < known.size()) {
      lines.add(text.moreWindowsLine(known.size() - shown));
    }
    return lines;
  }

  /** The used share with its bar, the counts left, both, or unknown. */
  private static String usage(RateWindow window, BotText text) {
    BigDecimal used = usedPercent(window);
    String share = used == null ? null : text.usedShare(bar(used), percent(used));
    boolean counts = window.limit() != null || window.remaining() != null;
    String left = counts ? text.leftCounts(window.remaining(), window.limit()) : null;
    if (share != null && left != null) {
      return text.usedAndLeft(share, left);
    }
    return share != null ? share : left != null ? left : text.unknown();
  }

  /**
   * How much of the window is used, in percent between 0 and 100: as reported, else from its
   * counts; null when neither tells.
   */
  static @Nullable BigDecimal usedPercent(RateWindow window) {
    BigDecimal reported = window.usedPercent();
    if (reported != null) {
      return reported.max(BigDecimal.ZERO).min(HUNDRED);
    }
    Long limit = window.limit();
    Long remaining = window.remaining();
    if (limit == null || remaining == null || limit <= 0) {
      return null;
    }
    long left = Math.max(0, Math.min(remaining, limit));
    return BigDecimal.valueOf(limit - left)
        .multiply(HUNDRED)
        .divide(BigDecimal.valueOf(limit), 2, RoundingMode.DOWN);
  }

  /**
   * The smallest share left of any window, between 0 and 1; NaN when no window tells (for the
   * embed's colour).
   */
  static double worstShareLeft(List<RateWindow> limits) {
    double worst = Double.NaN;
    for (RateWindow window : limits) {
      BigDecimal used = usedPercent(window);
      if (used != null) {
        double left = 1 - used.doubleValue() / 100;
        worst = Double.isNaN(worst) ? left : Math.min(worst, left);
      }
    }
    return worst;
  }

  /** {@code ▰▰▱▱▱}: the used share, filled. */
  static String bar(BigDecimal usedPercent) {
    int filled =
        usedPercent
            .multiply(BigDecimal.valueOf(BAR_SEGMENTS))
            .divide(HUNDRED, 0, RoundingMode.HALF_UP)
            .intValue();
    return "▰".repeat(filled) + "▱".repeat(BAR_SEGMENTS - filled);
  }

  /**
   * {@code 40%}: floored, so only a window used up shows 100 %; a share above zero that floors to 0
   * % is {@code <1%}.
   */
  static String percent(BigDecimal usedPercent) {
    BigDecimal whole = usedPercent.setScale(0, RoundingMode.DOWN);
    return whole.signum() == 0 && usedPercent.signum() > 0 ? "<1%" : whole.toPlainString() + "%";
  }

  /**
   * The field of what each model spent recently, the biggest spenders first: at most {@link
   * #SPEND_ROWS_MAX} rows and {@code max} characters (never more than a field value holds), then a
   * line counting the models left out. Null when the account has no spend.
   *
   * @param max the most characters the field's value may take in this embed
   */
  static MessageEmbed.@Nullable Field spendField(List<ModelSpend> spend, BotText text, int max) {
    if (spend.isEmpty()) {
      return null;
    }
    int room = Math.min(max, MessageEmbed.VALUE_MAX_LENGTH);
    List<ModelSpend> ordered =
        spend.stream()
            .sorted(
                Comparator.comparing(ModelSpend::amount)
                    .thenComparingLong(ModelSpend::calls)
                    .reversed()
                    .thenComparing(ModelSpend::model))
            .toList();
    StringBuilder value = new StringBuilder();
    Instant since =
        spend.stream()
            .map(ModelSpend::since)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    if (since != null) {
      value.append(text.spendSince(since.getEpochSecond()));
    }
    int shown = 0;
    for (ModelSpend row : ordered) {
      if (shown == SPEND_ROWS_MAX) {
        break;
      }
      String line = row(row, text);
      int reserve = shown + 1 < ordered.size() ? MORE_LINE_RESERVE : 0;
      if (value.length() + 1 + line.length() + reserve > room) {
        break;
      }
      if (value.length() > 0) {
        value.append('\n');
      }
      value.append(line);
      shown++;
    }
    if (shown < ordered.size()) {
      String more = text.spendMore(ordered.size() - shown);
      if (value.length() + 1 + more.length() <= room) {
        value.append(value.length() == 0 ? "" : "\n").append(more);
      }
    }
    if (value.length() == 0) {
      return null;
    }
    return new MessageEmbed.Field(text.spendFieldName(), value.toString(), false);
  }

  private static String row(ModelSpend row, BotText text) {
    String unit = QuotaEmbed.plain(row.unit(), QuotaEmbed.UNIT_MAX);
    // a code span shows the name as sent; it cannot hold a backtick or span lines
    String model =
        QuotaEmbed.cut(row.model().strip(), SPEND_MODEL_MAX)
            .replace('`', 'ˋ')
            .replaceAll("\\p{Cntrl}", " ");
    if (model.isBlank()) {
      model = "?";
    }
    return text.spendRow(
        model, QuotaEmbed.amount(row.amount(), row.unit()) + " " + unit, row.calls());
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
