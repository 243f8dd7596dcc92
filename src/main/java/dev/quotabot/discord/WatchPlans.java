package dev.quotabot.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.quotabot.quota.watch.WatchPlan;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * The checked {@code /watch} requests whose form is open, each under a random token that the form's
 * custom id carries instead of anything typed (a custom id is visible to the client and never holds
 * a secret; the plan holds none either). In memory only, for as long as Discord keeps a form open;
 * a token is taken once, by its owner only.
 */
final class WatchPlans {
  /** Discord closes an unanswered form after 15 minutes; a little more covers a slow submit. */
  static final Duration KEPT_FOR = Duration.ofMinutes(20);

  static final int MAX_ENTRIES = 10_000;
  private static final int TOKEN_LENGTH = 16;
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** A plan and the one user who may submit it. */
  record Pending(long ownerId, WatchPlan plan) {}

  private final SecureRandom random = new SecureRandom();
  private final Cache<String, Pending> plans =
      Caffeine.newBuilder()
          .expireAfterWrite(KEPT_FOR)
          .maximumSize(MAX_ENTRIES)
          .executor(Runnable::run)
          .build();

  /** Remembers a plan; returns its token (16 base-62 characters). */
  String remember(long ownerId, WatchPlan plan) {
    char[] token = new char[TOKEN_LENGTH];
    for (int i = 0; i < token.length; i++) {
      token[i] = BASE62.charAt(random.nextInt(BASE62.length()));
    }
    String id = new String(token);
    plans.put(id, new Pending(ownerId, plan));
    return id;
  }

  /** The plan, once: empty when forgotten (expired, a restart) or when it is another user's. */
  Optional<WatchPlan> take(String token, long ownerId) {
    Pending pending = plans.getIfPresent(token);
    if (pending == null || pending.ownerId() != ownerId) {
      return Optional.empty();
    }
    plans.invalidate(token);
    return Optional.of(pending.plan());
  }
}
