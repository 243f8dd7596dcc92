package dev.quotabot.quota.watch;

import dev.quotabot.quota.watch.vault.SealedSecret;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where watches live (SQLite or PostgreSQL, see {@code dev.quotabot.store}). Every method is one
 * transaction; an owner id guards every change a user makes, so one user can never touch another's
 * watch. Deletes are hard deletes: the row, its sealed key, its history and its kept alerts are
 * gone at once.
 */
public interface WatchStore {

  /** Stores a new watch with its sealed secret; returns it with its id. */
  Watch create(
      String ownerId,
      String fingerprint,
      WatchSettings settings,
      SealedSecret secret,
      Instant createdAt,
      Instant expiresAt,
      Instant nextCheckAt);

  Optional<Watch> find(long id);

  /** The owner's watches, oldest first. */
  List<Watch> ofOwner(String ownerId);

  int countOfOwner(String ownerId);

  /** The sealed key and address of a watch. */
  Optional<SealedSecret> secret(long id);

  /**
   * Replaces a watch's sealed key and address with the same secret sealed by the current encryption
   * key (after the operator rotated keys); false when there is no such watch.
   */
  boolean reseal(long id, SealedSecret secret);

  /** Active, unexpired watches whose next check is at or before {@code now}, soonest first. */
  List<Watch> due(Instant now, int limit);

  /**
   * Claims due watches for one replica: like {@link #due}, but leaving out watches under another
   * live lease, and leasing those returned to {@code replica} until {@code leaseUntil}, in one
   * transaction (on PostgreSQL, rows another replica is claiming at the same moment are skipped).
   * {@link #saveCheck} ends the lease; a lease that runs out (its replica died mid-check) makes the
   * watch due again.
   */
  List<Watch> claimDue(Instant now, int limit, String replica, Instant leaseUntil);

  /**
   * Keeps the lease {@code replica} holds on a watch until {@code until}: its check failed
   * unexpectedly, and no replica should look at it again before then.
   */
  void holdLease(long id, String replica, Instant until);

  /** Ends the leases {@code replica} holds on these watches: claimed, but not checked now. */
  void releaseLeases(Collection<Long> ids, String replica);

  /**
   * Saves what a check found: the watch's new state, last check, next check, last reading and
   * status, alerted level, failures, DM flag and reminder day, and (when it read a value) appends
   * the reading to the history. {@code watch} carries the new values.
   */
  void saveCheck(Watch watch, Optional<Reading> reading);

  /** Changes the state of the owner's watch; false when there is no such watch of theirs. */
  boolean setState(long id, String ownerId, WatchState state, Instant nextCheckAt);

  /** Moves the owner's watch's expiry; false when there is no such watch of theirs. */
  boolean renew(long id, String ownerId, Instant expiresAt);

  /** Hard-deletes the owner's watch with its history and kept alerts. */
  boolean delete(long id, String ownerId);

  /** Hard-deletes everything of the owner; returns how many watches there were. */
  int deleteOwner(String ownerId);

  /** The watch's readings since {@code since}, oldest first, at most {@code limit} (the newest). */
  List<Reading> history(long id, Instant since, int limit);

  /** Keeps an alert that could not be delivered; returns it with its id. */
  Alert keep(Alert alert);

  /** The owner's kept alerts, oldest first, removed from the store as they are returned. */
  List<Alert> takeKept(String ownerId);

  /** Deletes expired watches (with everything of theirs) and readings older than {@code before}. */
  Purged purge(Instant now, Instant historyBefore);

  /** What one purge removed. */
  record Purged(int watches, int readings) {}
}
