package dev.quotabot.health;

import java.util.Map;

/**
 * A part's state: whether it is ready (a replica not ready should get no new traffic), a one-word
 * status ({@code connected}, {@code up}, {@code local_fallback}…), and details for the operator
 * (JSON-friendly values only: strings, numbers, booleans, lists and maps of them). Details never
 * carry a key, a model list or a user id.
 */
public record HealthState(boolean ready, String status, Map<String, Object> details) {
  public HealthState {
    details = Map.copyOf(details);
  }

  public static HealthState ready(String status, Map<String, Object> details) {
    return new HealthState(true, status, details);
  }

  public static HealthState notReady(String status, Map<String, Object> details) {
    return new HealthState(false, status, details);
  }
}
