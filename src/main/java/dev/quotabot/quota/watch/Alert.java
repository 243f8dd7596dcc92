package dev.quotabot.quota.watch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something the owner of a watch is told, as data: the door words it in {@code locale}. Kept in the
 * store until delivered when the owner's DMs are closed.
 *
 * @param id the store's id once kept; 0 before
 * @param watchId the watch it is about
 * @param ownerId who is told
 * @param kind what happened
 * @param fingerprint the watched key's fingerprint
 * @param provider the provider's id
 * @param locale the owner's language tag
 * @param level the level crossed (for {@link Kind#THRESHOLD}); null otherwise
 * @param reading the value that crossed it, or the short-term credit about to expire; null for a
 *     rejected key
 * @param expiresAt when the credit expires (for {@link Kind#EXPIRES_TONIGHT}); null otherwise
 * @param at when it happened
 */
public record Alert(
    long id,
    long watchId,
    String ownerId,
    Kind kind,
    String fingerprint,
    String provider,
    String locale,
    @Nullable Threshold level,
    @Nullable Reading reading,
    @Nullable Instant expiresAt,
    Instant at) {

  /** What an alert is about. */
  public enum Kind {
    /** What is left fell to or below a level (the deepest one crossed by this check). */
    THRESHOLD,
    /** The upstream now rejects the key; the watch is paused. */
    KEY_REJECTED,
    /** Short-term credit expires at the provider's midnight (ModelScope). */
    EXPIRES_TONIGHT
  }

  public Alert withId(long storedId) {
    return new Alert(
        storedId,
        watchId,
        ownerId,
        kind,
        fingerprint,
        provider,
        locale,
        level,
        reading,
        expiresAt,
        at);
  }
}
