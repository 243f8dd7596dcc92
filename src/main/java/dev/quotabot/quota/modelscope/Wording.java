package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.Text;
import org.jspecify.annotations.Nullable;

/** The pieces ModelScope's refusals are worded from, shared by the balance and the probe. */
final class Wording {
  private Wording() {}

  /**
   * The end of a refusal: {@code ": <words>"} with ModelScope's own words, or {@code "."} without
   * any (a slot value: each language ends a sentence its own way).
   */
  static Text said(@Nullable String words) {
    return words == null
        ? Text.of("net.said_nothing")
        : Text.of("net.said", "words", Text.upstream(words));
  }

  /** {@code refusal}, followed by what to do about it as a sentence of its own, when known. */
  static Text withHint(Text refusal, @Nullable Text hint) {
    return hint == null ? refusal : refusal.then(hint);
  }
}
