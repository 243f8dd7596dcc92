package dev.quotabot.quota.relay;

import dev.quotabot.quota.Text;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Joins note sentences, skipping missing ones and repeats (two readings of one relay carry the same
 * remark on its unit); null when there are none.
 */
final class Notes {
  private Notes() {}

  static @Nullable Text join(@Nullable Text... sentences) {
    return Stream.of(sentences)
        .filter(Objects::nonNull)
        .distinct()
        .reduce((first, next) -> first.then(next))
        .orElse(null);
  }
}
