package dev.quotabot.quota.relay;

import com.google.gson.JsonObject;
import dev.quotabot.quota.LenientJson;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Tolerant reading of relay JSON: numbers may come as numbers or strings, flags as booleans,
 * strings or 0/1; anything unreadable is null, never 0.
 */
final class RelayJson {
  private RelayJson() {}

  /**
   * The body as a JSON object, or null when it is empty, not JSON (an HTML page) or not an object.
   */
  static @Nullable JsonObject parse(byte[] body) {
    return LenientJson.object(body);
  }

  /** {@code root.data} when it is an object, else null. */
  static @Nullable JsonObject data(@Nullable JsonObject root) {
    return root == null ? null : object(root, "data");
  }

  static @Nullable JsonObject object(@Nullable JsonObject object, String name) {
    return LenientJson.objectField(object, name);
  }

  /** A number given as a number or a numeric string; null otherwise. */
  static @Nullable BigDecimal decimal(@Nullable JsonObject object, String name) {
    return LenientJson.amount(object, name);
  }

  static @Nullable String string(@Nullable JsonObject object, String name) {
    return LenientJson.text(object, name);
  }

  /** True, "true" or a non-zero number; null when absent or unreadable. */
  static @Nullable Boolean flag(@Nullable JsonObject object, String name) {
    Boolean named = LenientJson.flag(object, name);
    if (named != null) {
      return named;
    }
    BigDecimal number = decimal(object, name);
    return number == null ? null : number.signum() != 0;
  }

  /**
   * Whether the body declares a failure: {@code "success":false} (the relay's own API) or {@code
   * "code":false} (its token usage answer).
   */
  static boolean declaresFailure(@Nullable JsonObject root) {
    return Boolean.FALSE.equals(flag(root, "success")) || Boolean.FALSE.equals(flag(root, "code"));
  }
}
