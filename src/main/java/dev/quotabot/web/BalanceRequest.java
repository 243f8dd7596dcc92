package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.QueryInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@code POST /api/balance} body, type-checked: {@code api_key} (string), {@code
 * models} (an array of strings, or one string), and for other providers {@code provider}, {@code
 * base_url}, {@code user_id} (string or whole number) and {@code access_token}. Unknown fields are
 * ignored, so clients of the older tool keep working. Read from the tree rather than bound to a
 * record: a wrong type gets a message naming the field and what it holds instead.
 */
final class BalanceRequest {
  private BalanceRequest() {}

  static QueryInput from(JsonElement root, @Nullable String authorization) {
    if (!root.isJsonObject()) {
      throw bad(
          "The request body must be a JSON object such as {\"models\":[…],\"api_key\":\"…\"}.");
    }
    JsonObject body = root.getAsJsonObject();
    @Nullable String key = optionalString(body, "api_key");
    if (key == null) {
      key = bearer(authorization);
    }
    return new QueryInput(
        key,
        models(body.get("models")),
        optionalString(body, "provider"),
        optionalString(body, "base_url"),
        userId(body.get("user_id")),
        optionalString(body, "access_token"));
  }

  private static @Nullable String userId(@Nullable JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
      try {
        return value.getAsJsonPrimitive().getAsBigDecimal().toPlainString();
      } catch (NumberFormatException absurd) {
        // Gson refuses exponents such as 1e999999999 rather than expanding them
        throw bad("\"user_id\" must be the relay's numeric user id.");
      }
    }
    if (!isString(value)) {
      throw bad("\"user_id\" must be the relay's numeric user id, not " + typeOf(value) + ".");
    }
    return value.getAsString();
  }

  private static List<String> models(@Nullable JsonElement models) {
    if (models == null || models.isJsonNull()) {
      return List.of();
    }
    if (isString(models)) {
      return List.of(models.getAsString());
    }
    if (!models.isJsonArray()) {
      throw bad("\"models\" must be an array of strings or one comma-separated string.");
    }
    JsonArray array = models.getAsJsonArray();
    List<String> pieces = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement item = array.get(i);
      if (!isString(item)) {
        throw bad("\"models\"[" + i + "] must be a string (a model id), not " + typeOf(item) + ".");
      }
      pieces.add(item.getAsString());
    }
    return pieces;
  }

  private static @Nullable String optionalString(JsonObject body, String name) {
    @Nullable JsonElement value = body.get(name);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!isString(value)) {
      throw bad("\"" + name + "\" must be a string, not " + typeOf(value) + ".");
    }
    return value.getAsString();
  }

  private static @Nullable String bearer(@Nullable String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return value.substring(7);
    }
    throw bad("The Authorization header must be \"Bearer <key>\".");
  }

  private static boolean isString(JsonElement element) {
    return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
  }

  private static String typeOf(JsonElement element) {
    if (element.isJsonNull()) {
      return "null";
    }
    if (element.isJsonArray()) {
      return "an array";
    }
    if (element.isJsonObject()) {
      return "an object";
    }
    return element.getAsJsonPrimitive().isNumber() ? "a number" : "a boolean";
  }

  private static HttpProblem bad(String message) {
    return new HttpProblem(400, message);
  }
}
