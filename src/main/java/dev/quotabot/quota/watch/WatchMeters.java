package dev.quotabot.quota.watch;

import dev.quotabot.quota.QueryMeters;
import dev.quotabot.quota.QuotaReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Counts watch checks (by provider and outcome) and alerts (by kind and what became of them). The
 * labels are bounded: a configured provider's id, the report's status vocabulary plus the watch's
 * own ({@code vault_error}, {@code invalid_query}), the alert kinds and the deliveries. Never a
 * watch id, an owner or a key.
 */
public final class WatchMeters {
  static final String CHECKS = "quotabot.watch.checks";
  static final String ALERTS = "quotabot.watch.alerts";

  /** What became of an alert the door did not answer in time, or failed to send. */
  static final String FAILED = "failed";

  /** The door name a watch's queries are counted under ({@link QueryMeters}). */
  static final String DOOR = "watch";

  private final MeterRegistry registry;
  private final QueryMeters queries;

  public WatchMeters(MeterRegistry registry) {
    this.registry = registry;
    this.queries = new QueryMeters(registry);
  }

  /** A watch's query (a check, or the first check when a watch is made), counted as the watch's. */
  CompletableFuture<QuotaReport> counted(CompletableFuture<QuotaReport> report) {
    return queries.counted(DOOR, report);
  }

  void checked(String provider, String outcome) {
    Counter.builder(CHECKS)
        .description("Watch checks run, by provider and outcome")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void alerted(Alert.Kind kind, String delivery) {
    Counter.builder(ALERTS)
        .description("Watch alerts, by kind and delivery (delivered, refused, unavailable, failed)")
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .tag("delivery", delivery)
        .register(registry)
        .increment();
  }

  static String delivery(AlertSink.Delivery delivery) {
    return delivery.name().toLowerCase(Locale.ROOT);
  }
}
