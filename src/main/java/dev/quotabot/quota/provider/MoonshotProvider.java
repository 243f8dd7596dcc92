package dev.quotabot.quota.provider;

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
import java.util.Locale;

/**
 * Moonshot's (Kimi's) balance: {@code GET {base}/v1/users/me/balance} answers {@code
 * {"code":0,"data":{"available_balance":49.58894,"voucher_balance":46.58893,
 * "cash_balance":3.00001},"scode":"0x0","status":true}}.
 *
 * <p>The unit follows the host unless given: the international platform ({@code api.moonshot.ai}
 * and any other host under {@code moonshot.ai}) bills in USD, everything else (the default {@code
 * api.moonshot.cn}, a test server) in CNY.
 *
 * <p>{@code available_balance} is shown as Moonshot reports it (vouchers plus cash, so a debt is
 * already taken off; Moonshot refuses API calls when it is 0 or less), with its split as {@code
 * parts.voucher} and {@code parts.cash}. A negative cash balance is money the account owes: the
 * number stays negative in {@code parts.cash}, and the note warns. A negative available balance is
 * likewise kept, never shown as something to spend: the note says calls are refused.
 */
public final class MoonshotProvider extends EndpointProvider {
  static final String ID = "moonshot";
  private static final String NAME = "Moonshot";
  static final String CNY = "CNY";
  static final String USD = "USD";

  /**
   * @param baseUrl Moonshot's API base, e.g. {@code https://api.moonshot.cn} (a trailing {@code
   *     /v1} is dropped); a host under {@code moonshot.ai} reports USD, any other CNY
   */
  public MoonshotProvider(UpstreamHttp http, URI baseUrl) {
    this(http, baseUrl, unitOf(baseUrl));
  }

  /**
   * @param unit the currency the account at {@code baseUrl} is billed in ({@code CNY}, {@code USD})
   */
  public MoonshotProvider(UpstreamHttp http, URI baseUrl, String unit) {
    super(
        new BalanceEndpoint(
            http, Urls.under(baseUrl, "v1/users/me/balance", "/v1"), ID, NAME, unit),
        // betterleaks' kimi-api-key rule (cmd/generate/config/rules/kimi.go): sk-[A-Za-z0-9_-]{48}
        "sk-");
  }

  /** USD for the international platform ({@code moonshot.ai}), CNY otherwise. */
  static String unitOf(URI baseUrl) {
    String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
    return host.equals("moonshot.ai") || host.endsWith(".moonshot.ai") ? USD : CNY;
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    String code = LenientJson.text(root, "code");
    if ((code != null && !code.strip().equals("0"))
        || Boolean.FALSE.equals(LenientJson.flag(root, "status"))) {
      return endpoint.declaredFailure(root, key);
    }
    JsonObject data = LenientJson.objectField(root, "data");
    if (data == null) {
      return endpoint.noBalance();
    }
    BigDecimal available = LenientJson.amount(data, "available_balance");
    BigDecimal cash = LenientJson.amount(data, "cash_balance");
    if (available == null) {
      return endpoint.noBalance();
    }
    NoteParts note = new NoteParts();
    if (cash != null && cash.signum() < 0) {
      note.add(Text.of("provider.cash_owed"));
    }
    if (available.signum() <= 0) {
      note.add(Text.of("provider.moonshot_refuses", "upstream", NAME));
    }
    Balance balance =
        Balance.of(Balance.Scope.ACCOUNT, endpoint.unit())
            .available(available)
            .part("voucher", LenientJson.amount(data, "voucher_balance"))
            .part("cash", cash)
            .build();
    return Account.read(ID, List.of(balance), null, note.joined());
  }
}
