package dev.quotabot.quota.relay;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.net.UpstreamResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The models this key may use, from {@code GET /v1/models} ({@code {"object":"list","data":[{"id",
 * "object":"model","owned_by"}]}}; new-api filters it to the key). One row per id, in the relay's
 * order, at most {@value #MAX_MODELS}; the relay reports no per-model quota, so every number is
 * unknown. A missing or broken list gives no rows, and says why.
 */
final class RelayModels {
  static final String PATH = "v1/models";
  static final int MAX_MODELS = 500;
  static final String NOTE = "This key may use this model; the relay reports no per-model quota.";

  private RelayModels() {}

  /**
   * The check's answer: {@code account} and the rows, or, when the list could not be read, no rows
   * and why not.
   */
  static ProviderResult result(
      AccountBalance account, UpstreamResponse answer, long latencyMs, ProviderRequest request) {
    if (!answer.answered()) {
      return new ProviderResult(account, List.of(), answer.failure(), answer.failureText());
    }
    JsonObject root = answer.status() == 200 ? RelayJson.parse(answer.body()) : null;
    JsonElement data = root == null ? null : root.get("data");
    if (data == null || !data.isJsonArray()) {
      return new ProviderResult(
          account,
          List.of(),
          ProbeStatus.UPSTREAM_ERROR,
          "/"
              + PATH
              + " answered HTTP "
              + answer.status()
              + (answer.status() == 200 ? " without a list of models." : "."));
    }
    return new ProviderResult(account, rows(data.getAsJsonArray(), latencyMs, request));
  }

  private static List<ModelQuota> rows(JsonArray data, long latencyMs, ProviderRequest request) {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonElement entry : data) {
      String id = entry.isJsonObject() ? RelayJson.string(entry.getAsJsonObject(), "id") : null;
      String clean = RelayText.clean(id, request);
      if (clean != null) {
        ids.add(clean);
      }
      if (ids.size() == MAX_MODELS) {
        break;
      }
    }
    List<ModelQuota> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      rows.add(new ModelQuota(id, RateLimits.UNKNOWN, ProbeStatus.OK, null, NOTE, latencyMs));
    }
    return rows;
  }
}
