package dev.quotabot.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process's health indicators, added as its parts start (the web server is up before the bot
 * logs in, so the list grows after the handler is built): safe to add to and read from any thread.
 */
public final class HealthRegistry {
  private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();

  public void add(HealthIndicator indicator) {
    indicators.add(indicator);
  }

  /** Every part's state now, by name, in the order they were added. */
  public Map<String, HealthState> check() {
    Map<String, HealthState> states = new LinkedHashMap<>();
    for (HealthIndicator indicator : indicators) {
      states.put(indicator.name(), indicator.check());
    }
    return states;
  }

  /** Whether every part is ready (true with none: a web-only process is ready once it listens). */
  public static boolean allReady(Map<String, HealthState> states) {
    return states.values().stream().allMatch(HealthState::ready);
  }
}
