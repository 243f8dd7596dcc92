package dev.quotabot.quota.modelscope;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/**
 * Finds the human message in an upstream error body. ModelScope uses {@code
 * {"errors":{"message":…}}} and {@code {"error":{"message":…}}}; relays add {@code message}, {@code
 * msg} and plain strings. Anything that is not JSON (an HTML error page, say) yields null.
 */
final class ErrorBody {
  private ErrorBody() {}

  static String message(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonElement root = JsonParser.parseString(text);
      return root.isJsonObject() ? fromObject(root.getAsJsonObject()) : null;
    } catch (JsonParseException | IllegalStateException | StackOverflowError notJson) {
      return null;
    }
  }

  private static String fromObject(JsonObject root) {
    for (String container : new String[] {"errors", "error"}) {
      JsonElement element = root.get(container);
      if (element != null && element.isJsonObject()) {
        String message = string(element.getAsJsonObject(), "message");
        if (message != null) {
          return message;
        }
      }
      if (element != null && element.isJsonPrimitive()) {
        return element.getAsString();
      }
    }
    String message = string(root, "message");
    return message != null ? message : string(root, "msg");
  }

  private static String string(JsonObject object, String name) {
    JsonElement element = object.get(name);
    return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
  }
}
