package dev.quotabot.health;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A part that is configured but starts after the web server (the Discord bot): registered before
 * the server listens, it answers not ready until the part's own indicator takes over, so {@code
 * /health/ready} never passes in between.
 */
public final class StartingIndicator implements HealthIndicator {
  private final String name;
  private volatile @Nullable HealthIndicator started;
  private volatile boolean failed;

  public StartingIndicator(String name) {
    this.name = name;
  }

  /** From now on the part answers for itself. */
  public void started(HealthIndicator indicator) {
    this.started = indicator;
  }

  /** The part could not even be set up: it stays not ready, as {@code not_started}. */
  public void failed() {
    this.failed = true;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public HealthState check() {
    HealthIndicator part = started;
    if (part != null) {
      return part.check();
    }
    return HealthState.notReady(failed ? "not_started" : "starting", Map.of());
  }
}
