package dev.quotabot.quota.provider;

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
import java.util.concurrent.CompletableFuture;

/**
 * SiliconFlow's balance: {@code GET {base}/v1/user/info} answers {@code
 * {"code":20000,"message":"OK","status":true,"data":{"name","balance":"0.88",
 * "chargeBalance":"88.00","totalBalance":"88.88",…}}} with the amounts as strings, in CNY.
 *
 * <p>{@code totalBalance} is what can be spent (granted {@code balance} plus {@code
 * chargeBalance}), so it is the available balance; when it is missing the sum of the two parts is
 * used. A {@code code} other than 20000 or {@code status:false} is a failure. The e-mail address is
 * not shown.
 */
public final class SiliconFlowProvider implements BalanceProvider {
  static final String ID = "siliconflow";
  private static final String NAME = "SiliconFlow";
  private static final String UNIT = "CNY";
  private static final String OK_CODE = "20000";

  private final BalanceEndpoint endpoint;

  /**
   * @param baseUrl SiliconFlow's API base, e.g. {@code https://api.siliconflow.cn} (a trailing
   *     {@code /v1} is dropped)
   */
  public SiliconFlowProvider(UpstreamHttp http, URI baseUrl) {
    this.endpoint =
        new BalanceEndpoint(
            http, BalanceEndpoint.under(baseUrl, "v1/user/info", "/v1"), ID, NAME, UNIT);
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
    String code = ProviderJson.text(root, "code");
    if ((code != null && !code.strip().equals(OK_CODE))
        || Boolean.FALSE.equals(ProviderJson.flag(root, "status"))) {
      return endpoint.declaredFailure(root, key);
    }
    JsonObject data = ProviderJson.objectField(root, "data");
    if (data == null) {
      return endpoint.noBalance();
    }
    BigDecimal granted = ProviderJson.amount(data, "balance");
    BigDecimal charged = ProviderJson.amount(data, "chargeBalance");
    BigDecimal total = ProviderJson.amount(data, "totalBalance");
    if (total == null && granted != null && charged != null) {
      total = granted.add(charged);
    }
    if (total == null) {
      return endpoint.noBalance();
    }
    String note =
        granted != null && charged != null
            ? "granted " + ProviderJson.show(granted) + " + charged " + ProviderJson.show(charged)
            : null;
    return new AccountBalance(
        ID,
        UNIT,
        total,
        null,
        null,
        null,
        null,
        null,
        BalanceEndpoint.user(ProviderJson.text(data, "name"), key),
        note,
        ProbeStatus.OK,
        null);
  }
}
