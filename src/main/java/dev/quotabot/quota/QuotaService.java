package dev.quotabot.quota;

import dev.quotabot.quota.net.BaseUrlRules;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The one thing the doors call. It checks what a door received ({@link #check}), runs a query for
 * any provider under one deadline ({@link #start}), and tells what each provider is and can do
 * ({@link #providers}). Models are probed concurrently, at most {@link
 * QuotaSettings#maxConcurrentProbes()} at once; probes are never retried (a retry could spend quota
 * again).
 */
public final class QuotaService {
  private final ProviderRegistry providers;
  private final QuotaSettings settings;
  private final Clock clock;
  private final QuotaQueryFactory queries;
  private final UpstreamMeters upstream;

  /**
   * A service whose upstream calls are not measured.
   *
   * @param providers every provider a query may name, the default first
   * @param baseUrls the rules for relay addresses given in queries
   */
  public QuotaService(
      ProviderRegistry providers, QuotaSettings settings, BaseUrlRules baseUrls, Clock clock) {
    this(providers, settings, baseUrls, clock, new UpstreamMeters(new CompositeMeterRegistry()));
  }

  /**
   * @param providers every provider a query may name, the default first
   * @param baseUrls the rules for relay addresses given in queries
   * @param upstream where each provider's upstream time and probes are recorded
   */
  public QuotaService(
      ProviderRegistry providers,
      QuotaSettings settings,
      BaseUrlRules baseUrls,
      Clock clock,
      UpstreamMeters upstream) {
    this.providers = providers;
    this.settings = settings;
    this.clock = clock;
    this.queries = new QuotaQueryFactory(settings, providers, baseUrls);
    this.upstream = upstream;
  }

  public QuotaSettings settings() {
    return settings;
  }

  /** Every provider a query may name, the default first. */
  public List<ProviderInfo> providers() {
    return providers.infos();
  }

  /** The provider a query without one asks. */
  public ProviderInfo defaultProvider() {
    return providers.defaultProvider().info();
  }

  /** The provider a door's value names (the default for null or blank), if there is one. */
  public Optional<ProviderInfo> provider(@Nullable String rawId) {
    return providers.find(providers.normalize(rawId)).map(Provider::info);
  }

  /**
   * When the provider's daily quota resets next, for a provider with a {@link
   * Capability#DAILY_RESET daily reset}; empty for the others and for an unknown id.
   */
  public Optional<OffsetDateTime> nextReset(@Nullable String rawId) {
    return providers
        .find(providers.normalize(rawId))
        .filter(provider -> provider.info().can(Capability.DAILY_RESET))
        .map(provider -> provider.nextReset(clock.instant()));
  }

  /**
   * The provider a key's prefix belongs to, when exactly one declares it ({@code gsk_} → Groq):
   * what a door may preselect. Empty for a prefix several providers share ({@code sk-}) or none
   * declares.
   */
  public Optional<ProviderInfo> providerOfKey(@Nullable String rawKey) {
    if (rawKey == null) {
      return Optional.empty();
    }
    // trimmed as the query's key will be: a key pasted with a zero-width space names its owner too
    ProviderRegistry.KeyOwners owners = providers.ownersOf(ApiKey.trimInvisible(rawKey));
    return owners.providers().size() == 1
        ? Optional.of(owners.providers().get(0))
        : Optional.empty();
  }

  /** The models the provider offers; none for an unknown id or a provider without a list. */
  public ModelDirectory models(@Nullable String rawId) {
    return providers
        .find(providers.normalize(rawId))
        .map(Provider::catalog)
        .orElse(ModelDirectory.NONE);
  }

  /**
   * Checks what a door received and builds a query this service can run.
   *
   * @throws InvalidQueryException with a message that says what to fix (never a secret)
   */
  public QuotaQuery check(QueryInput input) {
    return queries.create(input);
  }

  /** Runs the query; the future always completes normally, by the query deadline. */
  public CompletableFuture<QuotaReport> query(QuotaQuery query) {
    return start(query, QueryListener.NONE).report();
  }

  /** Starts the query; {@code listener} hears the account and each row as soon as it is known. */
  public RunningQuery start(QuotaQuery query, QueryListener listener) {
    Provider provider =
        providers
            .find(query.provider())
            .orElseThrow(() -> new InvalidQueryException(Text.of("quota.unknown_provider")));
    return new QueryRun(upstream.measured(provider), settings, clock, query, listener).begin();
  }
}
