package dev.quotabot.quota.relay;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What each model spent of the key's quota, from new-api's {@code GET /api/log/token} with the key
 * as Bearer (QuantumNous/new-api controller/log.go GetLogByKey: the token comes from the
 * Authorization header; model/log.go GetLogByTokenId: the newest {@code MaxRecentItems} entries,
 * 100 unless the site changed it). The older form that put the key in the query ({@code ?key=}) is
 * never used: a key does not go into a URL.
 *
 * <p>{@code {"success":true,"data":[{"created_at" (unix s),"type" (2 = a consumption),
 * "model_name","quota" (raw quota units),…}]}}. Consumption entries are summed per model and
 * converted like balances; other entries (top-ups, refunds, errors) are not spending. A site
 * without the route (one-api, the hubs, sub2api) gives no spend and no error.
 */
final class TokenLog {
  static final String PATH = "api/log/token";
  static final Text NOTE = Text.of("relay.token_log_spend");

  /** Entries read at most: new-api returns 100 by default; a site may raise it. */
  static final int MAX_ENTRIES = 2_000;

  private static final int CONSUMPTION = 2;

  private TokenLog() {}

  /** The spend per model, most first; empty when the log is missing, refused or empty. */
  static List<ModelSpend> read(
      UpstreamResponse answer, RelayStatus status, ProviderRequest request) {
    if (!answer.answered() || answer.status() != 200) {
      return List.of();
    }
    JsonObject root = RelayJson.parse(answer.body());
    JsonArray data = root == null ? null : LenientJson.arrayField(root, "data");
    if (data == null || RelayJson.declaresFailure(root)) {
      return List.of();
    }
    Map<String, Sum> byModel = new LinkedHashMap<>();
    int read = 0;
    for (JsonElement element : data) {
      if (read++ == MAX_ENTRIES) {
        break;
      }
      JsonObject entry = element.isJsonObject() ? element.getAsJsonObject() : null;
      BigDecimal type = RelayJson.decimal(entry, "type");
      BigDecimal quota = RelayJson.decimal(entry, "quota");
      String model = RelayText.name(RelayJson.string(entry, "model_name"), request);
      if (type != null && type.compareTo(BigDecimal.valueOf(CONSUMPTION)) != 0
          || quota == null
          || model == null
          || model.isBlank()) {
        continue;
      }
      byModel
          .computeIfAbsent(model.strip(), name -> new Sum())
          .add(quota, Expiry.of(RelayJson.decimal(entry, "created_at")));
    }
    List<ModelSpend> spend = new ArrayList<>(byModel.size());
    byModel.forEach(
        (model, sum) ->
            spend.add(
                new ModelSpend(
                    model, status.fromQuota(sum.quota), status.quotaUnit(), sum.calls, sum.since)));
    spend.sort(Comparator.comparing(ModelSpend::amount).reversed());
    return spend;
  }

  /** One model's running total. */
  private static final class Sum {
    private BigDecimal quota = BigDecimal.ZERO;
    private long calls;
    private @Nullable Instant since;

    void add(BigDecimal amount, @Nullable Instant at) {
      quota = quota.add(amount);
      calls++;
      if (at != null && (since == null || at.isBefore(since))) {
        since = at;
      }
    }
  }
}
