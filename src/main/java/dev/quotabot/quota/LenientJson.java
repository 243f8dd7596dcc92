package dev.quotabot.quota;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Tolerant reading of the providers' JSON answers: amounts may come as numbers or strings, anything
 * missing or malformed is null (never 0), and nothing here throws.
 */
public final class LenientJson {
  /** Amounts beyond this many digits either side of the point are not money: unknown. */
  private static final int MAX_DIGITS = 30;

  private LenientJson() {}

  /** The body as a JSON object; null when it is empty, not JSON, or not an object. */
  public static @Nullable JsonObject object(byte @Nullable [] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonElement root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      return root.isJsonObject() ? root.getAsJsonObject() : null;
    } catch (JsonParseException | IllegalStateException | StackOverflowError notJson) {
      return null;
    }
  }

  public static @Nullable JsonObject objectField(@Nullable JsonObject object, String name) {
    JsonElement value = object == null ? null : object.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
  }

  public static @Nullable JsonArray arrayField(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : null;
  }

  /**
   * An amount sent as a JSON number or a string ({@code "110.00"}, with stray spaces); null for
   * anything else, including absurd magnitudes.
   */
  public static @Nullable BigDecimal amount(@Nullable JsonObject object, String name) {
    return amount(primitive(object, name));
  }

  /** The same for a value found otherwise (by a JSON pointer): null unless a number or string. */
  public static @Nullable BigDecimal amount(@Nullable JsonElement element) {
    JsonPrimitive value =
        element != null && element.isJsonPrimitive() ? element.getAsJsonPrimitive() : null;
    if (value == null || value.isBoolean()) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(value.getAsString().strip());
      boolean sane =
          amount.precision() - amount.scale() <= MAX_DIGITS && amount.scale() <= MAX_DIGITS;
      return sane ? amount : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** A string (or number) field as text; null when absent, null or structured. */
  public static @Nullable String text(@Nullable JsonObject object, String name) {
    JsonPrimitive value = primitive(object, name);
    return value == null ? null : value.getAsString();
  }

  /** A boolean sent as {@code true} or {@code "true"}; null when absent or anything else. */
  public static @Nullable Boolean flag(@Nullable JsonObject object, String name) {
    JsonPrimitive value = primitive(object, name);
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.getAsBoolean();
    }
    String text = value.getAsString().strip();
    if (text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
  }

  /** An ISO-8601 time with an offset ({@code 2026-12-01T00:00:00Z}); null otherwise. */
  public static @Nullable Instant instant(@Nullable JsonObject object, String name) {
    String text = text(object, name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException notATime) {
      return null;
    }
  }

  /**
   * The human message of an error answer: {@code {"error":{"message"}}} (OpenAI style, used by
   * DeepSeek, OpenRouter, Moonshot and ModelScope), {@code {"errors":{"message"}}} (ModelScope),
   * {@code {"error":"…"}}, {@code {"message"}} (relays) or {@code {"msg"}} (SiliconFlow); a blank
   * {@code message} does not count. Null when there is none. Not yet cleaned of secrets.
   */
  public static @Nullable String errorMessage(@Nullable JsonObject root) {
    if (root == null) {
      return null;
    }
    for (String container : new String[] {"error", "errors"}) {
      JsonElement element = root.get(container);
      if (element != null && element.isJsonObject()) {
        String message = text(element.getAsJsonObject(), "message");
        if (message != null && !message.isBlank()) {
          return message;
        }
      }
      if (element != null && element.isJsonPrimitive()) {
        return element.getAsString();
      }
    }
    String message = text(root, "message");
    return message != null && !message.isBlank() ? message : text(root, "msg");
  }

  private static @Nullable JsonPrimitive primitive(@Nullable JsonObject object, String name) {
    JsonElement value = object == null ? null : object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsJsonPrimitive() : null;
  }
}
