package dev.quotabot.health;

/** One part of the process whose state {@code /health} shows and {@code /health/ready} requires. */
public interface HealthIndicator {
  /**
   * The part's name in the health answer: {@code discord}, {@code database}, {@code rate_limits}.
   */
  String name();

  /** Its state now; cheap (no network call on the caller's thread) and never throws. */
  HealthState check();
}
