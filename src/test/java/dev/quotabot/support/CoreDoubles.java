package dev.quotabot.support;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRegistry;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.BaseUrlRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Stand-ins for the parts of a query a test is not about. */
public final class CoreDoubles {
  /** An account with 250 魔粒, read at once. */
  public static final Account BALANCE =
      Account.read(
          "modelscope",
          List.of(
              Balance.of(Balance.Scope.ACCOUNT, "魔粒")
                  .available(new BigDecimal("250"))
                  .total(new BigDecimal("250"))
                  .frozen(BigDecimal.ZERO)
                  .build()),
          "tester",
          (Text) null);

  /** A relay key's quota on a new-api relay, read with the key: 8 of 10 USD left, 2 used. */
  public static Balance.Builder relayKey() {
    return Balance.of(Balance.Scope.KEY, "USD")
        .available(new BigDecimal("8"))
        .total(new BigDecimal("10"))
        .used(new BigDecimal("2"));
  }

  /**
   * A relay key's quota ({@link #relayKey}, limited) named {@code my-token}, and its account's
   * wallet read with the access token: 25 of 30 USD left, 5 used, 321 requests.
   */
  public static final Account RELAY_ACCOUNT =
      Account.read(
          "newapi",
          List.of(
              relayKey().unlimited(false).build(),
              Balance.of(Balance.Scope.WALLET, "USD")
                  .available(new BigDecimal("25"))
                  .total(new BigDecimal("30"))
                  .used(new BigDecimal("5"))
                  .unlimited(false)
                  .requests(321L)
                  .build()),
          "my-token",
          (Text) null);

  /** Reads {@link #BALANCE} at once. */
  public static final Function<ProviderRequest, CompletableFuture<ProviderResult>> ACCOUNT =
      request -> CompletableFuture.completedFuture(ProviderResult.balanceOnly(BALANCE));

  /** A model list that cannot be loaded: no model is flagged, every one is probed. */
  public static final ModelDirectory NO_CATALOG = ModelDirectory.NONE;

  /** What ModelScope declares: balances, per-model probes, a model list, a daily reset. */
  public static final Set<Capability> PROBING =
      EnumSet.of(
          Capability.BALANCES,
          Capability.PROBES_MODELS,
          Capability.MODEL_CATALOG,
          Capability.DAILY_RESET);

  /** What a relay declares: balances, the key's models, an address, admin access. */
  public static final Set<Capability> RELAY =
      EnumSet.of(
          Capability.BALANCES,
          Capability.LISTS_KEY_MODELS,
          Capability.NEEDS_BASE_URL,
          Capability.ADMIN_ACCESS);

  private CoreDoubles() {}

  /** A provider that probes like ModelScope (id {@code modelscope}), answered by the test. */
  public static Provider prober(
      BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>> probe,
      Function<ProviderRequest, CompletableFuture<ProviderResult>> account,
      ModelDirectory catalog) {
    return prober(List.of(), probe, account, catalog);
  }

  /** The same, proposing {@code defaultModels}. */
  public static Provider prober(
      List<String> defaultModels,
      BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>> probe,
      Function<ProviderRequest, CompletableFuture<ProviderResult>> account,
      ModelDirectory catalog) {
    ProviderInfo info =
        new ProviderInfo("modelscope", "ModelScope", PROBING, "魔粒", defaultModels, "ms-…");
    return new Stub(info, account, probe, catalog);
  }

  /**
   * A provider named {@code id} and {@code displayName} whose account reads {@code check} answers:
   * a relay when {@code needsBaseUrl}, else one that reads balances only.
   */
  public static Provider provider(
      String id,
      String displayName,
      boolean needsBaseUrl,
      Function<ProviderRequest, CompletableFuture<ProviderResult>> check) {
    Set<Capability> capabilities = needsBaseUrl ? RELAY : EnumSet.of(Capability.BALANCES);
    return new Stub(
        new ProviderInfo(id, displayName, capabilities, null, List.of(), "sk-…"),
        check,
        (request, model) -> {
          throw new AssertionError(id + " probes no model");
        },
        ModelDirectory.NONE);
  }

  /**
   * A provider declaring exactly {@code info} (its capabilities, key prefixes, probe cost…),
   * offering {@code catalog}, answered by the test.
   */
  public static Provider declaring(
      ProviderInfo info,
      Function<ProviderRequest, CompletableFuture<ProviderResult>> account,
      BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>> probe,
      ModelDirectory catalog) {
    return new Stub(info, account, probe, catalog);
  }

  /** A service whose one provider fails the test if a query ever reaches it. */
  public static QuotaService unasked() {
    QuotaSettings settings =
        new QuotaSettings(List.of(), 50, Duration.ofSeconds(5), Duration.ofSeconds(10), 10);
    Provider unused =
        provider(
            "stub",
            "Stub",
            false,
            request -> {
              throw new AssertionError("no query reaches a provider here");
            });
    return service(settings, Clock.systemUTC(), unused);
  }

  /** The service over these providers (the first is the default), plain http relays refused. */
  public static QuotaService service(QuotaSettings settings, Clock clock, Provider... providers) {
    return new QuotaService(
        new ProviderRegistry(List.of(providers)), settings, new BaseUrlRules(false), clock);
  }

  /** A catalog that lists exactly {@code ids}, fetched now. */
  public static ModelDirectory catalog(List<String> ids) {
    CatalogSnapshot snapshot = new CatalogSnapshot(ids, false, Instant.now());
    return new ModelDirectory() {
      @Override
      public CompletableFuture<CatalogSnapshot> snapshot() {
        return CompletableFuture.completedFuture(snapshot);
      }

      @Override
      public CatalogSnapshot current() {
        return snapshot;
      }
    };
  }

  private record Stub(
      ProviderInfo info,
      Function<ProviderRequest, CompletableFuture<ProviderResult>> account,
      BiFunction<ProviderRequest, String, CompletableFuture<ModelQuota>> probe,
      ModelDirectory catalog)
      implements Provider {

    @Override
    public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
      return account.apply(request);
    }

    @Override
    public CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
      return probe.apply(request, model);
    }

    /** ModelScope's rule: midnight in UTC+8. */
    @Override
    public OffsetDateTime nextReset(Instant now) {
      ZoneOffset zone = ZoneOffset.ofHours(8);
      return now.atOffset(zone).toLocalDate().plusDays(1).atStartOfDay().atOffset(zone);
    }
  }
}
