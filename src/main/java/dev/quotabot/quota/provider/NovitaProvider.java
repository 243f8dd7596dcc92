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
import org.jspecify.annotations.Nullable;

/**
 * Novita's balance: {@code GET {base}/openapi/v1/billing/balance/detail} answers {@code
 * {"availableBalance":"1000000","cashBalance":"800000","creditLimit":"200000",
 * "pendingCharges":"0","outstandingInvoices":"0"}}, every amount a string in units of 1/10000 USD
 * (novita.ai/docs/api-reference/basic-get-user-balance).
 *
 * <p>Each amount is converted exactly (the decimal point moved four places). {@code
 * availableBalance} is what can be spent and includes the credit limit (what Novita lets the
 * account owe), so cash and credit are shown apart: {@code parts.cash} (what is left of top-ups)
 * and {@code parts.credit_limit}; what is owed is {@code parts.outstanding_invoices} and {@code
 * parts.pending_charges}. The older {@code /v3/user/balance} that some clients call is not used:
 * Novita documents this endpoint.
 */
public final class NovitaProvider extends EndpointProvider {
  static final String ID = "novita";
  private static final String NAME = "Novita";
  private static final String UNIT = "USD";

  /** Novita's amounts count 1/10000 USD: the decimal point moves this many places. */
  private static final int UNIT_DECIMALS = 4;

  /**
   * @param baseUrl Novita's API host, e.g. {@code https://api.novita.ai}
   */
  public NovitaProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(
            http, Urls.under(baseUrl, "openapi/v1/billing/balance/detail"), ID, NAME, UNIT));
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    if (LenientJson.errorMessage(root) != null && !root.has("availableBalance")) {
      return endpoint.declaredFailure(root, key);
    }
    BigDecimal available = usd(root, "availableBalance");
    if (available == null) {
      return endpoint.noBalance();
    }
    BigDecimal cash = usd(root, "cashBalance");
    BigDecimal credit = usd(root, "creditLimit");
    NoteParts note = new NoteParts();
    if (credit != null && credit.signum() > 0) {
      note.add(Text.of("provider.novita_credit", "upstream", NAME));
    }
    if (cash != null && cash.signum() < 0) {
      note.add(Text.of("provider.cash_owed"));
    }
    if (available.signum() <= 0) {
      note.add(Text.of("provider.top_up", "upstream", NAME));
    }
    Balance balance =
        Balance.of(Balance.Scope.ACCOUNT, UNIT)
            .available(available)
            .part("cash", cash)
            .part("credit_limit", credit)
            .part("outstanding_invoices", usd(root, "outstandingInvoices"))
            .part("pending_charges", usd(root, "pendingCharges"))
            .build();
    return Account.read(ID, List.of(balance), null, note.joined());
  }

  /** The amount in USD, exactly; null when it is missing or not a number. */
  private static @Nullable BigDecimal usd(JsonObject root, String name) {
    BigDecimal units = LenientJson.amount(root, name);
    return units == null ? null : units.movePointLeft(UNIT_DECIMALS);
  }
}
