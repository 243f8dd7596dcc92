package dev.quotabot.quota.relay;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Joins note sentences, skipping missing ones and repeats (two readings of one relay carry the same
 * remark on its unit); null when there are none.
 */
final class Notes {
  private Notes() {}

  static @Nullable String join(@Nullable String... sentences) {
    String joined =
        Stream.of(sentences)
            .filter(Objects::nonNull)
            .filter(sentence -> !sentence.isBlank())
            .distinct()
            .collect(Collectors.joining(" "));
    return joined.isEmpty() ? null : joined;
  }
}
