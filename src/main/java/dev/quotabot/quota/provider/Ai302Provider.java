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

/**
 * 302.AI's balance: {@code GET {base}/dashboard/balance} answers {@code
 * {"data":{"balance":"12.34"}}}, the account's balance in USD as a string (DeepChat's 302.AI
 * client, ThinkInAIXYZ/deepchat {@code _302AIProvider.ts}, reads {@code data.balance} and shows it
 * with {@code $}).
 *
 * <p>A key reads it only when the balance permission is enabled for it in 302.AI's dashboard, so a
 * refusal says so plainly. A {@code code} other than 0 beside the data (302.AI's dashboard answers
 * carry one) is a failure.
 */
public final class Ai302Provider extends EndpointProvider {
  static final String ID = "302ai";
  private static final String NAME = "302.AI";
  private static final String UNIT = "USD";

  static final Text REFUSAL_ADVICE = Text.of("provider.ai302_permission", "upstream", NAME);

  /**
   * @param baseUrl 302.AI's API host, e.g. {@code https://api.302.ai} (a trailing /v1 is dropped)
   */
  public Ai302Provider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(http, Urls.under(baseUrl, "dashboard/balance", "/v1"), ID, NAME, UNIT)
            .whenRefused(REFUSAL_ADVICE));
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    String code = LenientJson.text(root, "code");
    if (code != null && !code.strip().equals("0")) {
      return endpoint.declaredFailure(root, key);
    }
    BigDecimal available = LenientJson.amount(LenientJson.objectField(root, "data"), "balance");
    if (available == null) {
      return endpoint.noBalance();
    }
    Balance balance = Balance.of(Balance.Scope.ACCOUNT, UNIT).available(available).build();
    Text note = available.signum() <= 0 ? Text.of("provider.top_up", "upstream", NAME) : null;
    return Account.read(ID, List.of(balance), null, note);
  }
}
