package dev.quotabot.quota.provider;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * SiliconFlow's balance: {@code GET {base}/v1/user/info} answers {@code
 * {"code":20000,"message":"OK","status":true,"data":{"name","balance":"0.88",
 * "chargeBalance":"88.00","totalBalance":"88.88",…}}} with the amounts as strings.
 *
 * <p>Only the international host answers it now: SiliconFlow retired the endpoint on its China host
 * ({@code api.siliconflow.cn}) on 2026-08-14 and it answers 410 (rikkahub/rikkahub#1811, citing
 * SiliconFlow's release note "userinfo 接口将停止服务"; Chevey339/kelivo commit 67646fa7 turned the lookup
 * off; a public usage prober registers only the international URL, noting the China one went
 * offline in 2026-08), while docs.siliconflow.com still documents {@code GET /v1/user/info}. So the
 * default is {@code api.siliconflow.com}, which bills in USD; a host under {@code siliconflow.cn}
 * (or any other, a test server) reads as CNY. An endpoint that answers it is gone says so, naming
 * the change and the setting.
 *
 * <p>{@code totalBalance} is what can be spent (granted {@code balance} plus {@code
 * chargeBalance}), so it is the available balance; when it is missing the sum of the two parts is
 * used. The split is {@code parts.granted} and {@code parts.charged}. A {@code code} other than
 * 20000 or {@code status:false} is a failure. The e-mail address is not shown.
 */
public final class SiliconFlowProvider extends EndpointProvider {
  static final String ID = "siliconflow";
  private static final String NAME = "SiliconFlow";
  static final String CNY = "CNY";
  static final String USD = "USD";
  private static final String OK_CODE = "20000";
  static final String INTERNATIONAL_BASE = "https://api.siliconflow.com";

  /**
   * What a user who meets the endpoint gone is told. The China host's keys belong to the China
   * console, so the text does not promise that the international host takes them.
   */
  static final Text GONE_ADVICE =
      Text.of(
          "provider.siliconflow_gone",
          "upstream",
          NAME,
          "host",
          "api.siliconflow.cn",
          "setting",
          "provider." + ID + ".base_url",
          "url",
          INTERNATIONAL_BASE);

  /**
   * @param baseUrl SiliconFlow's API base, e.g. {@code https://api.siliconflow.com} (a trailing
   *     {@code /v1} is dropped); a host under {@code siliconflow.com} reports USD, any other CNY
   */
  public SiliconFlowProvider(UpstreamHttp http, URI baseUrl) {
    this(http, baseUrl, unitOf(baseUrl));
  }

  /**
   * @param unit the currency the account at {@code baseUrl} is billed in ({@code USD}, {@code CNY})
   */
  public SiliconFlowProvider(UpstreamHttp http, URI baseUrl, String unit) {
    super(
        new BalanceEndpoint(http, Urls.under(baseUrl, "v1/user/info", "/v1"), ID, NAME, unit)
            .whenGone(GONE_ADVICE),
        // SiliconFlow's console hands out "sk-…" keys (SILICONFLOW_API_KEY=sk-… in public clients)
        "sk-");
  }

  /** USD for the international platform ({@code siliconflow.com}), CNY otherwise. */
  static String unitOf(URI baseUrl) {
    String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
    return host.equals("siliconflow.com") || host.endsWith(".siliconflow.com") ? USD : CNY;
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    String code = LenientJson.text(root, "code");
    if ((code != null && !code.strip().equals(OK_CODE))
        || Boolean.FALSE.equals(LenientJson.flag(root, "status"))) {
      return endpoint.declaredFailure(root, key);
    }
    JsonObject data = LenientJson.objectField(root, "data");
    if (data == null) {
      return endpoint.noBalance();
    }
    BigDecimal granted = LenientJson.amount(data, "balance");
    BigDecimal charged = LenientJson.amount(data, "chargeBalance");
    BigDecimal total = LenientJson.amount(data, "totalBalance");
    if (total == null && granted != null && charged != null) {
      total = granted.add(charged);
    }
    if (total == null) {
      return endpoint.noBalance();
    }
    Balance balance =
        Balance.of(Balance.Scope.ACCOUNT, endpoint.unit())
            .available(total)
            .part("granted", granted)
            .part("charged", charged)
            .build();
    return Account.read(
        ID, List.of(balance), UpstreamText.name(LenientJson.text(data, "name"), key), (Text) null);
  }
}
