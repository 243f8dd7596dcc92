package dev.quotabot.quota.relay;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Joins note sentences, skipping missing ones; null when there are none. */
final class Notes {
  private Notes() {}

  static String join(String... sentences) {
    String joined =
        Stream.of(sentences)
            .filter(Objects::nonNull)
            .filter(sentence -> !sentence.isBlank())
            .collect(Collectors.joining(" "));
    return joined.isEmpty() ? null : joined;
  }
}
