package dev.quotabot.quota.provider;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
public final class OpenRouterProvider implements BalanceProvider {
  static final String ID = "openrouter";
  private static final String NAME = "OpenRouter";
  private static final String UNIT = "USD";
  static final String NO_LIMIT =
      "This key has no spending limit: it draws on the account's credits, which only a"
          + " management key can read";

  private final BalanceEndpoint endpoint;

  /**
   * @param baseUrl OpenRouter's base, e.g. {@code https://openrouter.ai} (a trailing {@code
   *     /api/v1} is dropped)
   */
  public OpenRouterProvider(UpstreamHttp http, URI baseUrl) {
    this.endpoint =
        new BalanceEndpoint(
            http, BalanceEndpoint.under(baseUrl, "api/v1/key", "/api/v1", "/api"), ID, NAME, UNIT);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return NAME;
  }

  @Override
  public boolean needsBaseUrl() {
    return false;
  }

  @Override
  public CompletableFuture<ProviderResult> check(ProviderRequest request) {
    return endpoint.check(request, this::read);
  }

  private AccountBalance read(JsonObject root, ApiKey key) {
    JsonObject data = ProviderJson.objectField(root, "data");
    if (data == null || !data.has("limit")) {
      return endpoint.noBalance();
    }
    JsonElement rawLimit = data.get("limit");
    boolean unlimited = rawLimit.isJsonNull();
    BigDecimal limit = ProviderJson.amount(data, "limit");
    if (!unlimited && limit == null) {
      return endpoint.noBalance();
    }
    List<String> note = new ArrayList<>();
    if (unlimited) {
      note.add(NO_LIMIT);
    } else {
      String reset = ProviderJson.text(data, "limit_reset");
      if (reset != null && reset.strip().matches("[A-Za-z]{1,20}")) {
        note.add("the limit resets " + reset.strip());
      }
    }
    if (Boolean.TRUE.equals(ProviderJson.flag(data, "is_free_tier"))) {
      note.add("free tier (no credits bought)");
    }
    return new AccountBalance(
        ID,
        UNIT,
        unlimited ? null : ProviderJson.amount(data, "limit_remaining"),
        limit,
        null,
        ProviderJson.amount(data, "usage"),
        unlimited,
        ProviderJson.instant(data, "expires_at"),
        null,
        note.isEmpty() ? null : String.join("; ", note),
        ProbeStatus.OK,
        null);
  }
}
