package dev.quotabot.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the shared limits are used or the local ones: after a failure of the shared store, the
 * local ones answer for {@code openFor} (so a database that is down costs a query nothing), then
 * one call tries the store again. Each switch is logged once. Written here rather than taken from a
 * library: it is twenty lines, and a circuit-breaker library would bring a configuration surface
 * larger than the problem.
 */
public final class Circuit {
  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);
  private static final int MAX_REASON_CHARS = 200;

  private final long openForNanos;
  private final LongSupplier nanoTime;
  private final AtomicBoolean open = new AtomicBoolean();
  private final AtomicLong openedAt = new AtomicLong();

  public Circuit(Duration openFor, LongSupplier nanoTime) {
    this.openForNanos = openFor.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The shared answer, or the local one while the store is away (or when it fails now). */
  public <T> T call(Supplier<T> shared, Supplier<T> local) {
    if (open.get()) {
      long at = openedAt.get();
      long now = nanoTime.getAsLong();
      // one caller per window tries the store again; the others stay local meanwhile
      if (now - at < openForNanos || !openedAt.compareAndSet(at, now)) {
        return local.get();
      }
    }
    T answer;
    try {
      answer = shared.get();
    } catch (RuntimeException failed) {
      openedAt.set(nanoTime.getAsLong());
      if (open.compareAndSet(false, true)) {
        LOG.warn(
            "Shared rate limits unavailable ({}): using this replica's local limits, trying the"
                + " database again every {} s.",
            reason(failed),
            Duration.ofNanos(openForNanos).toSeconds());
      }
      return local.get();
    }
    if (open.compareAndSet(true, false)) {
      LOG.info("Shared rate limits available again: the database answers.");
    }
    return answer;
  }

  /** Whether the local limits answer now because the store failed. */
  public boolean isOpen() {
    return open.get();
  }

  /** The failure's kind and first line (a database's message names a host, never a password). */
  private static String reason(RuntimeException failed) {
    Throwable root = failed;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    if (message.length() > MAX_REASON_CHARS) {
      message = message.substring(0, MAX_REASON_CHARS) + "…";
    }
    return root.getClass().getSimpleName() + ": " + message;
  }
}
