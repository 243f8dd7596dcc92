package dev.quotabot.quota.relay;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.UpstreamResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The models this key may use, from {@code GET /v1/models} ({@code {"object":"list","data":[{"id",
 * "object":"model","owned_by"}]}}; new-api filters it to the key). With no model asked: one row per
 * id, in the relay's order, at most {@value #MAX_MODELS}. With models asked: one row per asked
 * model, listed (the key may use it) or not. The relay reports no per-model quota, so every number
 * is unknown. A list that could not be read says why, in those rows or, with none asked, in the
 * account's note.
 */
final class RelayModels {
  static final String PATH = "v1/models";
  static final int MAX_MODELS = 500;
  static final Text NOTE = Text.of("relay.model_listed");

  private RelayModels() {}

  /** The check's answer: {@code account} and the rows for what the request asked. */
  static ProviderResult result(
      Account account, UpstreamResponse answer, long latencyMs, ProviderRequest request) {
    List<ModelQuota> listed;
    ProbeStatus failure = null;
    Text problem = null;
    JsonObject root =
        answer.answered() && answer.status() == 200 ? RelayJson.parse(answer.body()) : null;
    JsonElement data = root == null ? null : root.get("data");
    if (!answer.answered()) {
      listed = List.of();
      failure = answer.failure();
      problem = RelayText.failure(answer);
    } else if (data == null || !data.isJsonArray()) {
      listed = List.of();
      failure = ProbeStatus.UPSTREAM_ERROR;
      problem =
          answer.status() == 200
              ? Text.of("relay.models_no_list", "endpoint", "/" + PATH, "status", answer.status())
              : Text.of("relay.models_http", "endpoint", "/" + PATH, "status", answer.status());
    } else {
      listed = rows(data.getAsJsonArray(), latencyMs, request);
    }
    Text unread = problem == null ? null : Text.of("relay.models_unread", "problem", problem);
    if (request.models().isEmpty()) {
      return new ProviderResult(unread == null ? account : account.withNoteAdded(unread), listed);
    }
    return new ProviderResult(account, asked(request.models(), listed, failure, unread));
  }

  /** One row per asked model: the listed row, or why it is not there. */
  private static List<ModelQuota> asked(
      List<String> models,
      List<ModelQuota> listed,
      @Nullable ProbeStatus failure,
      @Nullable Text unread) {
    Map<String, ModelQuota> byId = new HashMap<>();
    listed.forEach(row -> byId.put(row.model().toLowerCase(Locale.ROOT), row));
    boolean none = listed.isEmpty();
    ProbeStatus missing =
        !none
            ? ProbeStatus.MODEL_UNAVAILABLE
            : failure != null ? failure : ProbeStatus.UPSTREAM_ERROR;
    Text why =
        !none
            ? Text.of("relay.model_not_listed")
            : unread != null ? unread : Text.of("relay.models_not_listed");
    return models.stream()
        .map(
            model -> {
              ModelQuota row = byId.get(model.toLowerCase(Locale.ROOT));
              return row != null ? row : ModelQuota.failed(model, missing, why, 0);
            })
        .toList();
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
