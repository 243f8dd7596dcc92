package dev.quotabot.quota.custom;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 6901 JSON pointer ({@code /data/balance}, {@code /items/0/amount}, {@code /a~1b} for the
 * member {@code a/b}) evaluated over Gson's tree. Written here because Gson has none.
 */
public final class JsonPointer {
  /** An array index as RFC 6901 allows it: no sign, no leading zero. */
  private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

  private final String text;
  private final List<String> tokens;

  private JsonPointer(String text, List<String> tokens) {
    this.text = text;
    this.tokens = List.copyOf(tokens);
  }

  /**
   * Parses a pointer: empty (the whole document) or {@code /}-separated reference tokens in which
   * {@code ~0} stands for {@code ~} and {@code ~1} for {@code /}.
   *
   * @throws IllegalArgumentException saying what is wrong (the text itself is not repeated)
   */
  public static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException("must start with /");
    }
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/') {
        tokens.add(token.toString());
        token.setLength(0);
      } else if (c == '~') {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (next != '0' && next != '1') {
          throw new IllegalArgumentException(
              "has a ~ at character "
                  + (i + 1)
                  + " not followed by 0 or 1 (write ~0 for ~ and ~1 for /)");
        }
        token.append(next == '0' ? '~' : '/');
        i++;
      } else {
        token.append(c);
      }
    }
    tokens.add(token.toString());
    return new JsonPointer(text, tokens);
  }

  /** The value it points to in {@code document}; null when there is none. */
  public @Nullable JsonElement find(JsonElement document) {
    JsonElement current = document;
    for (String token : tokens) {
      if (current instanceof JsonObject object) {
        current = object.get(token);
      } else if (current instanceof JsonArray array && INDEX.matcher(token).matches()) {
        int index = Integer.parseInt(token);
        current = index < array.size() ? array.get(index) : null;
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** The pointer as written. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof JsonPointer pointer && pointer.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
