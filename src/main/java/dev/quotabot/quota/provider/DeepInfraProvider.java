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
import java.util.ArrayList;
import java.util.List;

/**
 * DeepInfra's prepaid funds: {@code GET {base}/payment/checklist?compute_owed=true} answers, among
 * the account's address and payment method (never read), {@code
 * {"stripe_balance":-20.5,"recent":0.5,"limit":null,"suspended":false,"suspend_reason":null}}.
 *
 * <p>Amounts are US dollars (not cents; only the separate usage endpoint counts cents). {@code
 * stripe_balance} is the account's balance with the payment processor: negative is prepaid funds,
 * positive is money owed. {@code recent} is usage not yet invoiced, which is taken from the prepaid
 * funds when the invoice is issued; so what is left is {@code -stripe_balance - recent}, the figure
 * DeepInfra's dashboard shows. Sources: open-source clients that read this endpoint with an API key
 * (CodexBar's DeepInfra provider as ported in a Rust usage tool: "DeepInfra keeps prepaid funds as
 * a negative balance; unbilled recent spend is added back", "Checklist amounts are dollars; the
 * usage endpoint's total_cost is cents"; quotamon's {@code deepinfra} package: "negative is funds
 * ready to spend, positive is money owed", headroom "-Stripe - Recent"; tokenops' DeepInfra reader:
 * "A negative stripe_balance is prepaid credit").
 *
 * <p>The balance: {@code available} what is left, {@code parts.prepaid} the funds before unbilled
 * usage (negative when owed), {@code parts.unbilled_usage}. A positive {@code limit} is the
 * account's spending limit: a second USD entry with {@code total} the limit and {@code used} the
 * unbilled usage. A suspended account is still read; the note says so, with DeepInfra's reason.
 */
public final class DeepInfraProvider extends EndpointProvider {
  static final String ID = "deepinfra";
  private static final String NAME = "DeepInfra";
  private static final String UNIT = "USD";
  static final Text OWES =
      Text.of("provider.deepinfra_owes", "upstream", NAME, "field", "stripe_balance");
  static final Text NOTHING_LEFT = Text.of("provider.deepinfra_nothing_left");
  static final Text LIMIT = Text.of("provider.second_is_limit");

  /**
   * @param baseUrl DeepInfra's API base, e.g. {@code https://api.deepinfra.com} (a trailing {@code
   *     /v1/openai}, the OpenAI-compatible base, is dropped)
   */
  public DeepInfraProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(
            http,
            Urls.under(baseUrl, "payment/checklist?compute_owed=true", "/v1/openai"),
            ID,
            NAME,
            UNIT));
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    BigDecimal stripe = LenientJson.amount(root, "stripe_balance");
    if (stripe == null) {
      return endpoint.noBalance();
    }
    BigDecimal prepaid = stripe.negate();
    BigDecimal unbilled = LenientJson.amount(root, "recent");
    BigDecimal left = unbilled == null ? prepaid : prepaid.subtract(unbilled);
    List<Balance> balances = new ArrayList<>();
    balances.add(
        Balance.of(Balance.Scope.ACCOUNT, UNIT)
            .available(left)
            .part("prepaid", prepaid)
            .part("unbilled_usage", unbilled)
            .build());
    NoteParts note = new NoteParts();
    if (stripe.signum() > 0) {
      note.add(OWES);
    } else if (left.signum() <= 0) {
      note.add(NOTHING_LEFT);
    }
    BigDecimal limit = LenientJson.amount(root, "limit");
    if (limit != null && limit.signum() > 0) {
      balances.add(
          Balance.of(Balance.Scope.ACCOUNT, UNIT)
              .available(unbilled == null ? null : limit.subtract(unbilled))
              .total(limit)
              .used(unbilled)
              .build());
      note.add(LIMIT);
    }
    if (Boolean.TRUE.equals(LenientJson.flag(root, "suspended"))) {
      String reason = UpstreamText.clean(LenientJson.text(root, "suspend_reason"), key);
      note.add(
          reason == null || reason.isBlank()
              ? Text.of("provider.suspended", "upstream", NAME)
              : Text.of(
                  "provider.suspended_said", "upstream", NAME, "words", Text.upstream(reason)));
    }
    return Account.read(ID, balances, null, note.joined());
  }
}
