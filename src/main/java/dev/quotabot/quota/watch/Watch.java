package dev.quotabot.quota.watch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored watch as its owner sees it: never the key (that stays sealed in the store until a check
 * opens it).
 *
 * @param id the store's id
 * @param ownerId the Discord user id of the owner
 * @param fingerprint the key's fingerprint ({@code sk-…a1b2})
 * @param settings what is watched and how
 * @param state whether it is checked
 * @param createdAt when it was made
 * @param expiresAt when it is deleted unless renewed
 * @param nextCheckAt when it is checked next (jittered inside the interval)
 * @param lastCheckAt when it was last checked; null before the first check
 * @param lastReading the last value read; null when no check has read one
 * @param lastStatus the last check's outcome ({@code ok}, {@code invalid_key}, {@code
 *     network_error}… the report's status vocabulary); null before the first check
 * @param alertedLevel the index in {@link Thresholds#levels()} of the deepest level already alerted
 *     and not yet recovered from; -1 for none
 * @param failures checks that failed in a row (backoff grows with it); 0 after a good one
 * @param dmFailed whether the last alert could not be delivered (the owner closed their DMs)
 * @param remindedOn the last day (ISO date in the provider's zone) a midnight reminder was sent;
 *     null for never
 */
public record Watch(
    long id,
    String ownerId,
    String fingerprint,
    WatchSettings settings,
    WatchState state,
    Instant createdAt,
    Instant expiresAt,
    Instant nextCheckAt,
    @Nullable Instant lastCheckAt,
    @Nullable Reading lastReading,
    @Nullable String lastStatus,
    int alertedLevel,
    int failures,
    boolean dmFailed,
    @Nullable String remindedOn) {

  /** The same watch, its DMs marked as failing or working again. */
  public Watch withDmFailed(boolean failed) {
    return new Watch(
        id,
        ownerId,
        fingerprint,
        settings,
        state,
        createdAt,
        expiresAt,
        nextCheckAt,
        lastCheckAt,
        lastReading,
        lastStatus,
        alertedLevel,
        failures,
        failed,
        remindedOn);
  }
}
