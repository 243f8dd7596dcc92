package dev.quotabot.quota;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls into a {@link QueryListener} that cannot break the query it listens to. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private Listeners() {}

  /** Runs a notification; a listener that throws is logged (class only) and otherwise ignored. */
  static void safely(Runnable notification) {
    try {
      notification.run();
    } catch (RuntimeException failure) {
      LOG.warn("A query listener failed: {}", failure.getClass().getName());
    }
  }
}
