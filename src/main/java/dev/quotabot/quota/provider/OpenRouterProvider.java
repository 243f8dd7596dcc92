package dev.quotabot.quota.provider;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The OpenRouter key's own limit: {@code GET {base}/api/v1/key} answers {@code
 * {"data":{"label","limit":null|20,"limit_remaining":null|12.5,"usage":7.5,"is_free_tier",
 * "expires_at":null|"2026-12-01T00:00:00Z",…}}} in USD credits.
 *
 * <p>A key without a spending limit ({@code limit:null}) draws on the account's credits, which only
 * a management key may read ({@code /api/v1/credits} answers 403 to a normal key, so it is not
 * asked): it is reported as unlimited with an unknown available balance and a note saying so. The
 * {@code label} holds part of the key and is never used.
 */
public final class OpenRouterProvider extends EndpointProvider {
  static final String ID = "openrouter";
  private static final String NAME = "OpenRouter";
  private static final String UNIT = "USD";
  static final Text NO_LIMIT = Text.of("provider.openrouter_no_limit");
  private static final Pattern RESET_PERIOD = Pattern.compile("[A-Za-z]{1,20}");

  /**
   * @param baseUrl OpenRouter's base, e.g. {@code https://openrouter.ai} (a trailing {@code
   *     /api/v1} is dropped)
   */
  public OpenRouterProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(
            http, Urls.under(baseUrl, "api/v1/key", "/api/v1", "/api"), ID, NAME, UNIT),
        // betterleaks' openrouter-api-key rule (cmd/generate/config/rules/openrouter.go):
        // sk-or-v1-[0-9a-f]{64}
        "sk-or-");
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    JsonObject data = LenientJson.objectField(root, "data");
    if (data == null || !data.has("limit")) {
      return endpoint.noBalance();
    }
    JsonElement rawLimit = data.get("limit");
    boolean unlimited = rawLimit.isJsonNull();
    BigDecimal limit = LenientJson.amount(data, "limit");
    if (!unlimited && limit == null) {
      return endpoint.noBalance();
    }
    NoteParts note = new NoteParts();
    if (unlimited) {
      note.add(NO_LIMIT);
    } else {
      String reset = LenientJson.text(data, "limit_reset");
      if (reset != null && RESET_PERIOD.matcher(reset.strip()).matches()) {
        note.add(Text.of("provider.limit_resets", "period", reset.strip()));
      }
    }
    if (Boolean.TRUE.equals(LenientJson.flag(data, "is_free_tier"))) {
      note.add(Text.of("provider.free_tier"));
    }
    Balance balance =
        Balance.of(Balance.Scope.KEY, UNIT)
            .available(unlimited ? null : LenientJson.amount(data, "limit_remaining"))
            .total(limit)
            .used(LenientJson.amount(data, "usage"))
            .unlimited(unlimited)
            .expiresAt(LenientJson.instant(data, "expires_at"))
            .build();
    return Account.read(ID, List.of(balance), null, note.joined());
  }
}
