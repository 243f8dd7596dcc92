package dev.quotabot.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A part's state: whether it is ready (a replica not ready should get no new traffic), a one-word
 * status ({@code connected}, {@code up}, {@code local_fallback}…), and details for the operator
 * (JSON-friendly values only: strings, numbers, booleans, lists and maps of them). Details never
 * carry a key, a model list or a user id.
 */
public record HealthState(boolean ready, String status, Map<String, Object> details) {
  public HealthState {
    // in the order given, so /health reads the same on every call (Map.copyOf would not keep it)
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static HealthState ready(String status, Map<String, Object> details) {
    return new HealthState(true, status, details);
  }

  public static HealthState notReady(String status, Map<String, Object> details) {
    return new HealthState(false, status, details);
  }
}
