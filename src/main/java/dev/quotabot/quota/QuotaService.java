package dev.quotabot.quota;

import dev.quotabot.quota.net.BaseUrlRules;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one thing the doors call. For a query it reads the account's balance (free) and, beside it,
 * probes every model concurrently (at most {@link QuotaSettings#maxConcurrentProbes()} at once)
 * under one deadline. Models missing from the provider's model list are reported without spending a
 * probe. Probes are never retried: a retry could spend quota again.
 */
public final class QuotaService {

  /**
   * How long past its own timeout a probe may take before the service stops waiting for it. A
   * {@link ModelProbe} should never need it; it keeps the deadline promise if one misbehaves.
   */
  static final Duration OVERDUE_GRACE = Duration.ofSeconds(1);

  private final ModelProbe probe;
  private final AccountReader accounts;
  private final ModelDirectory directory;
  private final QuotaSettings settings;
  private final Clock clock;
  private final ProviderRegistry providers;
  private final QuotaQueryFactory queries;

  /** A service for ModelScope only. */
  public QuotaService(
      ModelProbe probe,
      AccountReader accounts,
      ModelDirectory directory,
      QuotaSettings settings,
      Clock clock) {
    this(
        probe,
        accounts,
        directory,
        settings,
        clock,
        new ProviderRegistry(List.of()),
        new BaseUrlRules(false));
  }

  /**
   * @param providers the providers other than ModelScope
   * @param baseUrls the rules for relay addresses given in queries
   */
  public QuotaService(
      ModelProbe probe,
      AccountReader accounts,
      ModelDirectory directory,
      QuotaSettings settings,
      Clock clock,
      ProviderRegistry providers,
      BaseUrlRules baseUrls) {
    this.probe = probe;
    this.accounts = accounts;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.providers = providers;
    this.queries = new QuotaQueryFactory(settings, providers, baseUrls);
  }

  public QuotaSettings settings() {
    return settings;
  }

  /** The providers other than ModelScope. */
  public ProviderRegistry providers() {
    return providers;
  }

  /** Checks what a door received and builds queries this service can run. */
  public QuotaQueryFactory queries() {
    return queries;
  }

  /** Runs the query; the future always completes normally, by the query deadline. */
  public CompletableFuture<QuotaReport> query(QuotaQuery query) {
    return start(query, QueryListener.NONE).report();
  }

  /** Starts the query; {@code listener} hears the balance and each row as soon as it is known. */
  public RunningQuery start(QuotaQuery query, QueryListener listener) {
    if (!query.isModelScope()) {
      return new ProviderCheck(
              providers
                  .find(query.provider())
                  .orElseThrow(() -> new InvalidQueryException("Unknown provider.")),
              query,
              listener,
              settings.probeTimeout(),
              clock)
          .begin();
    }
    ModelScopeRun run =
        new ModelScopeRun(probe, accounts, directory, settings, clock, query, listener);
    run.begin();
    return run;
  }
}
