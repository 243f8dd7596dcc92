package dev.quotabot.quota.provider;

import com.google.gson.JsonArray;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * DeepSeek's balance: {@code GET {base}/user/balance} answers {@code
 * {"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00",
 * "granted_balance":"10.00","topped_up_balance":"100.00"},…]}}.
 *
 * <p>DeepSeek's {@code total_balance} is what is left to spend (granted plus topped up), so it is
 * the available balance; the total ever held is not reported. An account can hold one balance per
 * currency: each is a balance entry with its split ({@code parts.granted}, {@code
 * parts.topped_up}). The first entry with money in it comes first (amounts in different currencies
 * cannot be compared, and an empty CNY entry listed before a funded USD one must not hide the
 * money), the others in DeepSeek's order. {@code is_available:false} is still a balance read
 * ({@code ok}); the note says DeepSeek will refuse API calls.
 */
public final class DeepSeekProvider extends EndpointProvider {
  static final String ID = "deepseek";
  private static final String NAME = "DeepSeek";
  static final Text NOT_ENOUGH = Text.of("provider.deepseek_not_enough", "upstream", NAME);
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{2,8}");

  /**
   * @param baseUrl DeepSeek's API base, e.g. {@code https://api.deepseek.com} (a trailing {@code
   *     /v1} is dropped)
   */
  public DeepSeekProvider(UpstreamHttp http, URI baseUrl) {
    super(
        new BalanceEndpoint(http, Urls.under(baseUrl, "user/balance", "/v1"), ID, NAME, null),
        // betterleaks' deepseek-api-key rule (cmd/generate/config/rules/deepseek.go):
        // sk-[a-f0-9]{32}
        "sk-");
  }

  @Override
  Account read(JsonObject root, ApiKey key) {
    Boolean available = LenientJson.flag(root, "is_available");
    List<Entry> entries = entries(root);
    if (entries.isEmpty()) {
      Account none = endpoint.noBalance();
      if (Boolean.FALSE.equals(available)) {
        return endpoint.failed(none.status(), endpoint.noBalanceText().then(NOT_ENOUGH));
      }
      return none;
    }
    // the first entry with money first: an empty CNY entry must not hide a funded USD one
    Entry first = entries.stream().filter(Entry::funded).findFirst().orElse(entries.get(0));
    List<Entry> ordered = new ArrayList<>();
    ordered.add(first);
    entries.stream().filter(entry -> entry != first).forEach(ordered::add);
    List<Balance> balances =
        ordered.stream()
            .map(
                entry ->
                    Balance.of(Balance.Scope.ACCOUNT, entry.currency)
                        .available(entry.total)
                        .part("granted", entry.granted)
                        .part("topped_up", entry.toppedUp)
                        .build())
            .toList();
    return Account.read(ID, balances, null, Boolean.FALSE.equals(available) ? NOT_ENOUGH : null);
  }

  /** The entries with a currency and a readable total, in DeepSeek's order. */
  private static List<Entry> entries(JsonObject root) {
    JsonArray infos = LenientJson.arrayField(root, "balance_infos");
    List<Entry> entries = new ArrayList<>();
    if (infos == null) {
      return entries;
    }
    for (JsonElement element : infos) {
      if (!element.isJsonObject()) {
        continue;
      }
      JsonObject info = element.getAsJsonObject();
      String currency = LenientJson.text(info, "currency");
      BigDecimal total = LenientJson.amount(info, "total_balance");
      if (currency == null || !CURRENCY.matcher(currency.strip()).matches() || total == null) {
        continue;
      }
      entries.add(
          new Entry(
              currency.strip().toUpperCase(Locale.ROOT),
              total,
              LenientJson.amount(info, "granted_balance"),
              LenientJson.amount(info, "topped_up_balance")));
    }
    return entries;
  }

  private record Entry(
      String currency,
      BigDecimal total,
      @Nullable BigDecimal granted,
      @Nullable BigDecimal toppedUp) {
    boolean funded() {
      return total.signum() > 0;
    }
  }
}
