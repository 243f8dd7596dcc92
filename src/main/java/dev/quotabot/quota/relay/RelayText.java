package dev.quotabot.quota.relay;

import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamResponse;
import org.jspecify.annotations.Nullable;

/**
 * Upstream text made safe to show (the key and the admin access token are removed), and the pieces
 * of sentences every relay text shares.
 */
final class RelayText {
  /** The site as a sentence names it when its software is not known: "The relay". */
  static final Text THE_RELAY = Text.of("relay.the_relay");

  /** A sub2api site, as its texts name it: "The sub2api site". */
  static final Text THE_SUB2API_SITE = Text.of("relay.the_sub2api_site");

  private RelayText() {}

  /**
   * The relay's own (cleaned) words as the end of a sentence: {@code ": <words>"}, or the
   * sentence's end without any (each language ends a sentence its own way).
   */
  static Text said(@Nullable String words) {
    return words == null
        ? Text.of("net.said_nothing")
        : Text.of("net.said", "words", Text.upstream(words));
  }

  /** Why a call got no answer ({@link UpstreamResponse#failureText()}, which every failure has). */
  static Text failure(UpstreamResponse unanswered) {
    Text why = unanswered.failureText();
    return why == null ? Text.of("relay.no_answer") : why;
  }

  /** Why a reading failed; every failed reading says why. */
  static Text problem(Reading failed) {
    Text why = failed.problem();
    return why == null ? Text.of("relay.no_answer") : why;
  }

  static @Nullable String clean(@Nullable String text, ProviderRequest request) {
    if (text == null) {
      return null;
    }
    String withoutToken =
        request.admin() == null ? text : request.admin().accessToken().redactFrom(text);
    return UpstreamText.clean(withoutToken, request.key());
  }

  /** A token's or user's name: cleaned and cut to 100 characters and "…"; null when empty. */
  static @Nullable String name(@Nullable String text, ProviderRequest request) {
    String name = clean(text, request);
    return name == null || name.length() <= UpstreamText.MAX_NAME_LENGTH
        ? name
        : UpstreamText.cut(name, UpstreamText.MAX_NAME_LENGTH) + "…";
  }
}
