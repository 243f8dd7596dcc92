package dev.quotabot.quota.relay;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Tolerant reading of relay JSON: numbers may come as numbers or strings, flags as booleans,
 * strings or 0/1; anything unreadable is null, never 0.
 */
final class RelayJson {
  private RelayJson() {}

  /**
   * The body as a JSON object, or null when it is empty, not JSON (an HTML page) or not an object.
   */
  static JsonObject parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonElement root = JsonParser.parseString(text);
      return root.isJsonObject() ? root.getAsJsonObject() : null;
    } catch (JsonParseException | IllegalStateException | StackOverflowError notJson) {
      return null;
    }
  }

  /** {@code root.data} when it is an object, else null. */
  static JsonObject data(JsonObject root) {
    return root == null ? null : object(root, "data");
  }

  static JsonObject object(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
  }

  /** A number given as a number or a numeric string; null otherwise. */
  static BigDecimal decimal(JsonObject object, String name) {
    JsonPrimitive value = primitive(object, name);
    if (value == null || value.isBoolean()) {
      return null;
    }
    try {
      return new BigDecimal(value.getAsString().strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  static String string(JsonObject object, String name) {
    JsonPrimitive value = primitive(object, name);
    return value == null ? null : value.getAsString();
  }

  /** True, "true" or a non-zero number; null when absent or unreadable. */
  static Boolean flag(JsonObject object, String name) {
    JsonPrimitive value = primitive(object, name);
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.getAsBoolean();
    }
    String text = value.getAsString().strip();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    BigDecimal number = decimal(object, name);
    return number == null ? null : number.signum() != 0;
  }

  /**
   * Whether the body declares a failure: {@code "success":false} (the relay's own API) or {@code
   * "code":false} (its token usage answer).
   */
  static boolean declaresFailure(JsonObject root) {
    return Boolean.FALSE.equals(flag(root, "success")) || Boolean.FALSE.equals(flag(root, "code"));
  }

  /**
   * The human message of an error body: {@code {"error":{"message"}}} (OpenAI-style routes), {@code
   * {"message"}} (the relay's own API), {@code {"msg"}} or {@code {"error":"…"}}; null if none.
   */
  static String message(byte[] body) {
    JsonObject root = parse(body);
    if (root == null) {
      return null;
    }
    JsonElement error = root.get("error");
    if (error != null && error.isJsonObject()) {
      String message = string(error.getAsJsonObject(), "message");
      if (message != null && !message.isBlank()) {
        return message;
      }
    }
    if (error != null && error.isJsonPrimitive()) {
      return error.getAsString();
    }
    String message = string(root, "message");
    return message != null && !message.isBlank() ? message : string(root, "msg");
  }

  private static JsonPrimitive primitive(JsonObject object, String name) {
    if (object == null) {
      return null;
    }
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsJsonPrimitive() : null;
  }
}
