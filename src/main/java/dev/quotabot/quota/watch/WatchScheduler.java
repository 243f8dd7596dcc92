package dev.quotabot.quota.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks due watches every {@link WatchLimits#tick()}: spread over their interval (jitter), at most
 * {@link WatchLimits#maxInFlight()} at once, one provider's checks spaced by {@link
 * WatchLimits#providerSpacing()}, backing off after failures, never retrying a check that spends
 * quota. Purges expired watches and old history.
 *
 * <p>Several replicas may run on one database: each pass claims its due watches with a lease
 * ({@link WatchStore#claimDue}), so each watch is checked by one replica; saving the check ends the
 * lease, and a lease left by a replica that died runs out and the watch is due again.
 *
 * <p>Each pass takes the due watches, soonest first, and gives each provider's checks start times
 * {@code providerSpacing} apart; a check whose start would fall after the next tick is left for a
 * later pass (it is still due then). A check that fails unexpectedly (a bug, the database down) is
 * not looked at again before its interval has passed, so it cannot spend quota every tick.
 */
public final class WatchScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchScheduler.class);

  /** The most due watches one pass reads. */
  static final int BATCH = 500;

  static final Duration PURGE_EVERY = Duration.ofHours(1);

  /**
   * How long a claimed watch stays leased to this replica beyond the next tick: enough for a check
   * (queries time out well before), short enough that a replica dying mid-check delays that watch's
   * check by minutes, not an interval.
   */
  static final Duration LEASE_MARGIN = Duration.ofMinutes(5);

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final WatchService service;
  private final WatchStore store;
  private final WatchLimits limits;
  private final Clock clock;
  private final Semaphore slots;
  private final ScheduledExecutorService ticker;
  private final ExecutorService starters;

  /** Watches whose check is under way (or waiting for its start). */
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

  /** Watches whose check failed unexpectedly, with the time before which they are left alone. */
  private final Map<Long, Instant> resting = new ConcurrentHashMap<>();

  /** The earliest next start, by provider. Only the pass (one thread at a time) touches it. */
  private final Map<String, Instant> nextStart = new HashMap<>();

  /** This process among the replicas, in the leases it takes: random, nothing else. */
  private final String replica = UUID.randomUUID().toString();

  private final Object pass = new Object();
  private @Nullable Instant lastPurge;

  public WatchScheduler(WatchService service, WatchStore store, WatchLimits limits, Clock clock) {
    this.service = service;
    this.store = store;
    this.limits = limits;
    this.clock = clock;
    this.slots = new Semaphore(Math.max(1, limits.maxInFlight()));
    ScheduledThreadPoolExecutor ticking =
        new ScheduledThreadPoolExecutor(1, daemon("watch-ticker"));
    ticking.setRemoveOnCancelPolicy(true);
    this.ticker = ticking;
    // the threads only open the key and start the (asynchronous) query; the semaphore bounds the
    // checks in flight, these threads bound the work done while starting them
    int threads = Math.max(1, limits.maxInFlight());
    this.starters =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemon("watch-check"));
  }

  /** Starts ticking on its own daemon thread. */
  public void start() {
    long tick = Math.max(1, limits.tick().toMillis());
    ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** One pass: starts every due check and waits for them (tests drive the clock and call this). */
  public void runDue() {
    List<CompletableFuture<?>> started = startDue();
    for (CompletableFuture<?> check : started) {
      try {
        check.join();
      } catch (RuntimeException failed) {
        // already logged where it failed
      }
    }
  }

  private void tick() {
    try {
      startDue();
    } catch (RuntimeException failed) {
      // a thrown exception would end the ticking for good
      LOG.warn("Watch pass failed: {}", failed.toString());
    }
  }

  private List<CompletableFuture<?>> startDue() {
    synchronized (pass) {
      Instant now = clock.instant();
      purgeIfDue(now);
      Instant horizon = now.plus(limits.tick());
      List<CompletableFuture<?>> started = new ArrayList<>();
      // claimed (leased) in one transaction, so another replica's pass never gets the same watches
      List<Watch> claimed = store.claimDue(now, BATCH, replica, horizon.plus(LEASE_MARGIN));
      List<Long> notNow = new ArrayList<>();
      for (Watch watch : claimed) {
        if (inFlight.contains(watch.id())) {
          continue; // its check (under an older lease of ours) is still running
        }
        if (isResting(watch.id(), now)) {
          notNow.add(watch.id());
          continue;
        }
        String provider = watch.settings().provider();
        Instant startAt = later(now, slot(provider, now));
        if (!startAt.isBefore(horizon) && startAt.isAfter(now)) {
          notNow.add(watch.id());
          continue; // this provider's starts are taken until the next pass
        }
        nextStart.put(provider, startAt.plus(limits.providerSpacing()));
        inFlight.add(watch.id());
        started.add(launch(watch, Duration.between(now, startAt)));
      }
      // left for a later pass, by whichever replica claims them then
      store.releaseLeases(notNow, replica);
      return started;
    }
  }

  private CompletableFuture<?> launch(Watch watch, Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable begin =
        () -> {
          try {
            starters.execute(() -> begin(watch, done));
          } catch (RuntimeException rejected) {
            inFlight.remove(watch.id());
            done.completeExceptionally(rejected);
          }
        };
    if (delay.isZero() || delay.isNegative()) {
      begin.run();
    } else {
      try {
        ticker.schedule(begin, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RuntimeException rejected) {
        inFlight.remove(watch.id());
        done.completeExceptionally(rejected);
      }
    }
    return done;
  }

  /** On a starter thread: waits for a free slot, starts the check, frees the slot when it ends. */
  private void begin(Watch watch, CompletableFuture<Void> done) {
    try {
      slots.acquire();
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
      inFlight.remove(watch.id());
      done.completeExceptionally(closing);
      return;
    }
    CompletableFuture<CheckOutcome> check;
    try {
      check = service.check(watch);
    } catch (RuntimeException failed) {
      check = CompletableFuture.failedFuture(failed);
    }
    check.whenComplete(
        (outcome, failure) -> {
          slots.release();
          inFlight.remove(watch.id());
          if (failure != null) {
            Instant until = clock.instant().plus(watch.settings().interval());
            resting.put(watch.id(), until);
            holdLease(watch.id(), until);
            LOG.warn(
                "Watch {} ({}, {}): the check failed: {}",
                watch.id(),
                watch.settings().provider(),
                watch.fingerprint(),
                failure.toString());
            done.completeExceptionally(failure);
          } else {
            done.complete(null);
          }
        });
  }

  /** Other replicas leave the watch alone as long as this one does (best effort). */
  private void holdLease(long id, Instant until) {
    try {
      store.holdLease(id, replica, until);
    } catch (RuntimeException failed) {
      // the database is what failed, most likely: the lease then simply runs out
      LOG.debug("Could not hold the lease of watch {}: {}", id, failed.toString());
    }
  }

  private boolean isResting(long id, Instant now) {
    Instant until = resting.get(id);
    if (until == null) {
      return false;
    }
    if (now.isBefore(until)) {
      return true;
    }
    resting.remove(id, until);
    return false;
  }

  private void purgeIfDue(Instant now) {
    if (lastPurge != null && now.isBefore(lastPurge.plus(PURGE_EVERY))) {
      return;
    }
    lastPurge = now;
    try {
      WatchStore.Purged purged = store.purge(now, now.minus(limits.historyKept()));
      if (purged.watches() > 0 || purged.readings() > 0) {
        LOG.info(
            "Purged {} expired watch(es) and {} old reading(s).",
            purged.watches(),
            purged.readings());
      }
    } catch (RuntimeException failed) {
      LOG.warn("Purging expired watches failed: {}", failed.toString());
    }
  }

  /**
   * The provider's next free start; a slot further ahead than one tick and one spacing can only
   * come from a clock set back (a test's), and is forgotten.
   */
  private @Nullable Instant slot(String provider, Instant now) {
    Instant slot = nextStart.get(provider);
    if (slot != null && slot.isAfter(now.plus(limits.tick()).plus(limits.providerSpacing()))) {
      nextStart.remove(provider);
      return null;
    }
    return slot;
  }

  private static Instant later(Instant now, @Nullable Instant other) {
    return other == null || other.isBefore(now) ? now : other;
  }

  /** Stops ticking and waits briefly for checks in flight. */
  @Override
  public void close() {
    ticker.shutdownNow();
    starters.shutdown();
    try {
      long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
      if (!starters.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        starters.shutdownNow();
      }
      // the checks themselves run on the query's own threads: wait for their slots to come back
      long left = deadline - System.nanoTime();
      int permits = Math.max(1, limits.maxInFlight());
      if (left > 0 && slots.tryAcquire(permits, left, TimeUnit.NANOSECONDS)) {
        slots.release(permits);
      } else if (!inFlight.isEmpty()) {
        LOG.info("Stopped with {} watch check(s) still under way.", inFlight.size());
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
