package dev.quotabot.quota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * Counts finished queries by door, provider and outcome ({@code quotabot_queries_total}). A door
 * names itself when it hands over a query's report; the core stays unaware of which door asked. The
 * labels are bounded: a door's own constant name, a registered provider's id, and the account
 * status vocabulary ({@link ProbeStatus#wireName()}). Never a key, a model or a user.
 */
public final class QueryMeters {
  static final String QUERIES = "quotabot.queries";

  private final MeterRegistry registry;

  public QueryMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * The same report, counted before anything that follows it sees it (so a client that has its
   * answer finds it counted).
   *
   * @param door the door's constant name: {@code web}, {@code web_stream}, {@code discord}, …
   */
  public CompletableFuture<QuotaReport> counted(
      String door, CompletableFuture<QuotaReport> report) {
    return report.thenApply(
        done -> {
          count(door, done);
          return done;
        });
  }

  /** Counts one finished query. */
  public void count(String door, QuotaReport report) {
    Counter.builder(QUERIES)
        .description("Queries answered, by the door that asked, the provider and the outcome")
        .tag("door", door)
        .tag("provider", report.provider().id())
        .tag("outcome", report.account().status().wireName())
        .register(registry)
        .increment();
  }
}
