package dev.quotabot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT shut the product down gracefully and exit with status 0 (the JVM's default for
 * SIGTERM is 143, which process supervisors report as a failure).
 */
final class TerminationSignals {
  private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

  private TerminationSignals() {}

  static void onTermination(Runnable shutdown) {
    Runnable once = new Once(shutdown);
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            LOG.info(
                "SIG{} received: finishing queries in flight, then stopping", signal.getName());
            once.run();
            System.exit(0);
          });
    }
  }

  private static final class Once implements Runnable {
    private final Runnable action;
    private boolean done;

    Once(Runnable action) {
      this.action = action;
    }

    @Override
    public synchronized void run() {
      if (!done) {
        done = true;
        action.run();
      }
    }
  }
}
