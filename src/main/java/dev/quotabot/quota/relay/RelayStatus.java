package dev.quotabot.quota.relay;

import com.google.gson.JsonObject;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a relay shows money, from its public {@code GET /api/status}: quota units per US dollar
 * ({@code quota_per_unit}) and the display unit (USD, CNY at {@code usd_exchange_rate}, raw tokens,
 * or a custom currency). Two kinds of numbers are converted: raw quota units (token usage, the
 * wallet), which are divided by {@code quota_per_unit}, and the billing endpoints' amounts, which
 * the relay already gives in its display unit.
 *
 * <p>When the status cannot be read nothing is guessed: raw amounts stay raw ("quota units") and
 * billing amounts are labelled "site units", each with a note saying why.
 */
final class RelayStatus {
  static final String TOKENS = "tokens";
  static final String QUOTA_UNITS = "quota units";
  static final String SITE_UNITS = "site units";
  private static final int MONEY_SCALE = 6;
  private static final int SYMBOL_MAX = 8;

  private final String quotaUnit;
  private final String displayUnit;
  private final @Nullable BigDecimal quotaPerUnit;
  private final @Nullable BigDecimal rate;
  private final @Nullable Text quotaNote;
  private final @Nullable Text displayNote;

  private RelayStatus(
      String quotaUnit,
      String displayUnit,
      @Nullable BigDecimal quotaPerUnit,
      @Nullable BigDecimal rate,
      @Nullable Text quotaNote,
      @Nullable Text displayNote) {
    this.quotaUnit = quotaUnit;
    this.displayUnit = displayUnit;
    this.quotaPerUnit = quotaPerUnit;
    this.rate = rate;
    this.quotaNote = quotaNote;
    this.displayNote = displayNote;
  }

  static RelayStatus read(UpstreamResponse answer, ApiKey key) {
    if (!answer.answered()) {
      return unknown(Text.of("relay.status_no_answer", "why", RelayText.failure(answer)));
    }
    JsonObject root = RelayJson.parse(answer.body());
    JsonObject data = RelayJson.data(root);
    if (answer.status() != 200 || data == null || RelayJson.declaresFailure(root)) {
      return unknown(
          answer.status() == 200
              ? Text.of("relay.status_unusable")
              : Text.of("relay.status_http", "status", answer.status()));
    }
    BigDecimal perUnit = RelayJson.decimal(data, "quota_per_unit");
    if (perUnit == null || perUnit.signum() <= 0) {
      return unknown(Text.of("relay.status_no_quota_per_unit"));
    }
    String type = RelayJson.string(data, "quota_display_type");
    if (type != null && !type.isBlank()) {
      return byDisplayType(type.strip().toUpperCase(Locale.ROOT), data, perUnit, key);
    }
    Boolean inCurrency = RelayJson.flag(data, "display_in_currency");
    if (Boolean.FALSE.equals(inCurrency)) {
      return tokens(perUnit);
    }
    // one-api's display_in_currency (true, or absent: its default) means US dollars
    return money("USD", perUnit, BigDecimal.ONE, null);
  }

  /**
   * The status was not readable: amounts are shown unconverted, saying so.
   *
   * @param why what became of the status, as the start of a sentence ({@code The relay's
   *     /api/status answered HTTP 502})
   */
  static RelayStatus unknown(Text why) {
    return new RelayStatus(
        QUOTA_UNITS,
        SITE_UNITS,
        null,
        null,
        Text.of("relay.unknown_currency_quota_units", "why", why),
        Text.of("relay.unknown_currency_display_unit", "why", why));
  }

  private static RelayStatus byDisplayType(
      String type, JsonObject data, BigDecimal perUnit, ApiKey key) {
    switch (type) {
      case "TOKENS":
      case "TOKEN":
        return tokens(perUnit);
      case "CNY":
        return withRate("CNY", "CNY", RelayJson.decimal(data, "usd_exchange_rate"), perUnit);
      case "CUSTOM":
        String symbol =
            UpstreamText.cut(
                UpstreamText.clean(RelayJson.string(data, "custom_currency_symbol"), key),
                SYMBOL_MAX);
        return withRate(
            symbol == null ? "custom currency" : symbol,
            symbol == null ? Text.of("relay.custom_currency") : symbol,
            RelayJson.decimal(data, "custom_currency_exchange_rate"),
            perUnit);
      case "USD":
        return money("USD", perUnit, BigDecimal.ONE, null);
      default:
        return money("USD", perUnit, BigDecimal.ONE, Text.of("relay.unknown_display_type"));
    }
  }

  /**
   * @param unit the display unit's label
   * @param shown how a sentence names it: the label, or words for a currency without a symbol
   */
  private static RelayStatus withRate(
      String unit, Object shown, @Nullable BigDecimal rate, BigDecimal perUnit) {
    if (rate == null || rate.signum() <= 0) {
      // the billing endpoints still answer in the display unit; only raw quota falls back to USD
      return new RelayStatus(
          "USD",
          unit,
          perUnit,
          BigDecimal.ONE,
          Text.of("relay.no_exchange_rate", "unit", shown),
          null);
    }
    return money(unit, perUnit, rate, null);
  }

  private static RelayStatus money(
      String unit, BigDecimal perUnit, BigDecimal rate, @Nullable Text note) {
    return new RelayStatus(unit, unit, perUnit, rate, note, note);
  }

  private static RelayStatus tokens(BigDecimal perUnit) {
    return new RelayStatus(TOKENS, TOKENS, perUnit, null, null, null);
  }

  /** Whether the relay's unit is known (its status was read). */
  boolean known() {
    return quotaPerUnit != null;
  }

  /** The unit of amounts converted from raw quota units. */
  String quotaUnit() {
    return quotaUnit;
  }

  /** The unit of amounts the relay already gives in its display unit (billing endpoints). */
  String displayUnit() {
    return displayUnit;
  }

  /** Why raw amounts are not plain money, or null. */
  @Nullable Text quotaNote() {
    return quotaNote;
  }

  /** Why display amounts carry no known currency, or null. */
  @Nullable Text displayNote() {
    return displayNote;
  }

  /** Raw quota units in {@link #quotaUnit()}: money to 6 decimals, tokens and raw units whole. */
  @Nullable BigDecimal fromQuota(@Nullable BigDecimal raw) {
    if (raw == null) {
      return null;
    }
    if (rate == null || quotaPerUnit == null) {
      return tidy(raw.setScale(0, RoundingMode.HALF_EVEN));
    }
    return tidy(raw.multiply(rate).divide(quotaPerUnit, MONEY_SCALE + 6, RoundingMode.HALF_EVEN));
  }

  /** An amount already in {@link #displayUnit()}, rounded like {@link #fromQuota}. */
  @Nullable BigDecimal fromDisplay(@Nullable BigDecimal amount) {
    if (amount == null) {
      return null;
    }
    return TOKENS.equals(displayUnit)
        ? tidy(amount.setScale(0, RoundingMode.HALF_EVEN))
        : tidy(amount);
  }

  /** Rounds to 6 decimals and drops trailing zeros without switching to exponent notation. */
  private static BigDecimal tidy(BigDecimal amount) {
    BigDecimal rounded = amount.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }
}
