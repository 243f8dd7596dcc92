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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Venice's balance: {@code GET {base}/api/v1/billing/balance} answers {@code
 * {"canConsume":true,"consumptionCurrency":"DIEM","balances":{"diem":90.5,"usd":25},
 * "diemEpochAllocation":100}} (https://docs.venice.ai/api-reference/endpoint/billing/balance).
 *
 * <p>Two balances: DIEM (staked credits; {@code diemEpochAllocation} is the epoch's whole
 * allocation, so it is the DIEM balance's total) and USD (prepaid). The one Venice is spending now
 * ({@code consumptionCurrency}) comes first; the deprecated {@code VCU} is legacy DIEM. Venice
 * debits DIEM, then bundled credits, then USD; bundled credits are not in this answer, so when
 * Venice is spending them the note says so. {@code canConsume:false} means neither DIEM nor USD is
 * left (bundled credits not counted): still a read, with a note.
 *
 * <p>Only an admin key may read the balance: Venice answers 401 to an inference key
 * (https://skills.sh/veniceai/skills/venice-billing), so a refusal says that too.
 */
public final class VeniceProvider extends EndpointProvider {
  static final String ID = "venice";
  private static final String NAME = "Venice";
  static final String DIEM = "DIEM";
  static final String USD = "USD";
  static final Text ADMIN_KEY_ONLY = Text.of("provider.venice_admin_only", "upstream", NAME);
  static final Text CANNOT_CONSUME =
      Text.of("provider.venice_cannot_consume", "upstream", NAME, "diem", DIEM, "usd", USD);
  static final Text BUNDLED = Text.of("provider.venice_bundled", "upstream", NAME);

  /**
   * @param baseUrl Venice's API base, e.g. {@code https://api.venice.ai} (a trailing {@code
   *     /api/v1}, the OpenAI-compatible base, is dropped)
   */
  public VeniceProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(
                http, Urls.under(baseUrl, "api/v1/billing/balance", "/api/v1"), ID, NAME, null)
            .whenRefused(ADMIN_KEY_ONLY));
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    JsonObject amounts = LenientJson.objectField(root, "balances");
    BigDecimal diem = LenientJson.amount(amounts, "diem");
    BigDecimal usd = LenientJson.amount(amounts, "usd");
    if (diem == null && usd == null) {
      return endpoint.noBalance();
    }
    String spending = LenientJson.text(root, "consumptionCurrency");
    String current = spending == null ? "" : spending.strip().toUpperCase(Locale.ROOT);
    List<Balance> balances = new ArrayList<>();
    if (diem != null) {
      balances.add(
          Balance.of(Balance.Scope.ACCOUNT, DIEM)
              .available(diem)
              .total(LenientJson.amount(root, "diemEpochAllocation"))
              .build());
    }
    if (usd != null) {
      Balance dollars = Balance.of(Balance.Scope.ACCOUNT, USD).available(usd).build();
      if (current.equals(USD)) {
        balances.add(0, dollars);
      } else {
        balances.add(dollars);
      }
    }
    NoteParts note = new NoteParts();
    if (current.equals("BUNDLED_CREDITS")) {
      note.add(BUNDLED);
    }
    if (Boolean.FALSE.equals(LenientJson.flag(root, "canConsume"))) {
      note.add(CANNOT_CONSUME);
    }
    return Account.read(ID, balances, null, note.joined());
  }
}
