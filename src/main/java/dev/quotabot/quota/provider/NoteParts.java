package dev.quotabot.quota.provider;

import dev.quotabot.quota.Text;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The remarks of an account's note, each a text of its own, joined as one note ({@code "a; b"} in
 * English): each language joins them its own way.
 */
final class NoteParts {
  private final List<Text> parts = new ArrayList<>();

  /** Adds a remark after the others. */
  void add(Text part) {
    parts.add(part);
  }

  /** Whether no remark was added. */
  boolean isEmpty() {
    return parts.isEmpty();
  }

  /** The remarks joined, in the order added; null when there are none. */
  @Nullable Text joined() {
    return parts.stream()
        .reduce((first, next) -> Text.of("provider.note_parts", "first", first, "next", next))
        .orElse(null);
  }
}
