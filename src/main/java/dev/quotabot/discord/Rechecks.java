package dev.quotabot.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * The answers whose buttons still work, each under a random token that the buttons' custom ids
 * carry instead of anything the user typed (a custom id is visible to every client and must fit in
 * 100 characters). Kept in memory only, in a bounded Caffeine cache: a restart forgets them all,
 * and so does time ({@link #KEPT_FOR}); a button whose token is forgotten says so.
 */
final class Rechecks {
  /**
   * How long an answer's buttons work. Discord keeps an ephemeral answer on screen until the client
   * reloads, often for hours; a day covers "check again this evening" without keeping much.
   */
  static final Duration KEPT_FOR = Duration.ofHours(24);

  /** How many answers are kept at most, for entries of the usual size (a few models). */
  static final int MAX_ENTRIES = 50_000;

  /** Characters of the form's values that count as one entry: see {@link #weight}. */
  private static final int CHARS_PER_ENTRY = 512;

  private static final int TOKEN_LENGTH = 16;
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final SecureRandom random = new SecureRandom();
  private final Cache<String, Recheck> answers;

  Rechecks() {
    this(Ticker.systemTicker());
  }

  /**
   * @param ticker the clock that expires entries (a fake one in tests)
   */
  Rechecks(Ticker ticker) {
    // seeded now, at start-up, rather than while the first answer waits to be sent
    random.nextInt();
    this.answers =
        Caffeine.newBuilder()
            .expireAfterWrite(KEPT_FOR)
            .maximumWeight(MAX_ENTRIES)
            .weigher((String token, Recheck recheck) -> weight(recheck))
            .ticker(ticker)
            // clean-up runs on the caller's thread: a few entries per call, no task on the common
            // pool
            .executor(Runnable::run)
            .build();
  }

  /**
   * An entry weighs 1 per started {@value #CHARS_PER_ENTRY} characters of models and address, so
   * the usual entry weighs 1 (at most {@link #MAX_ENTRIES} of them) and a few users filling the
   * form's 4,000 characters of models cannot make the cache hold hundreds of megabytes.
   */
  private static int weight(Recheck recheck) {
    int chars =
        recheck.models().length() + (recheck.baseUrl() == null ? 0 : recheck.baseUrl().length());
    return 1 + chars / CHARS_PER_ENTRY;
  }

  /** Remembers an answer and returns its token: 16 base-62 characters, about 95 random bits. */
  String remember(Recheck recheck) {
    String token = newToken();
    answers.put(token, recheck);
    return token;
  }

  /** The answer a token stands for; empty once forgotten (expired, evicted, or a restart). */
  Optional<Recheck> find(String token) {
    return Optional.ofNullable(answers.getIfPresent(token));
  }

  /** Whether {@code text} has the shape of a token (not whether it is known). */
  static boolean isToken(String text) {
    if (text.length() != TOKEN_LENGTH) {
      return false;
    }
    return text.chars().allMatch(c -> BASE62.indexOf(c) >= 0);
  }

  private String newToken() {
    char[] token = new char[TOKEN_LENGTH];
    for (int i = 0; i < token.length; i++) {
      token[i] = BASE62.charAt(random.nextInt(BASE62.length()));
    }
    return new String(token);
  }

  /** How many answers are kept right now, expired ones already forgotten. */
  long size() {
    answers.cleanUp();
    return answers.estimatedSize();
  }
}
