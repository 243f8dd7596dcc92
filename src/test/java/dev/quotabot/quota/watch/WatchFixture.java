package dev.quotabot.quota.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.modelscope.ModelScopeProvider;
import dev.quotabot.quota.modelscope.TierPrices;
import dev.quotabot.quota.watch.vault.KeyVault;
import dev.quotabot.store.Database;
import dev.quotabot.store.JdbcWatchStore;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.MutableClock;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import dev.quotabot.support.UpstreamProbes;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What the engine's tests stand on: ModelScope on WireMock (real HTTP), a balance-only provider
 * without totals ({@code deepseek}, a stand-in), a real {@link JdbcWatchStore} on a fresh SQLite
 * file, a real {@link KeyVault}, a clock the test moves, and an alert sink that records.
 */
final class WatchFixture implements AutoCloseable {
  static final String OWNER = "111111111111111111";
  static final String OTHER = "222222222222222222";
  static final String KEY = "ms-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  static final Instant START = Instant.parse("2026-12-02T02:00:00Z");

  final FakeModelScope modelScope = FakeModelScope.start(0);
  final UpstreamClient client = new UpstreamClient();
  final MutableClock clock = new MutableClock(START);
  final TestDatabase database;
  final Database opened;
  final JdbcWatchStore store;
  final byte[] encryptionKey = randomKey();
  final KeyVault vault = new KeyVault(encryptionKey, Optional.empty());
  final RecordingSink sink = new RecordingSink();
  final QuotaService quota;
  final WatchLimits limits;
  final WatchService service;

  WatchFixture() {
    this(limits(5, 4, Duration.ZERO));
  }

  WatchFixture(WatchLimits limits) {
    this(limits, TestDatabases.sqlite());
  }

  /** The same on {@code database} (a fresh PostgreSQL schema, say); closed with the fixture. */
  WatchFixture(WatchLimits limits, TestDatabase database) {
    this.database = database;
    this.opened = database.open();
    this.store = new JdbcWatchStore(opened.dataSource());
    this.limits = limits;
    modelScope
        .server()
        .stubFor(
            get(urlPathEqualTo("/openapi/v1/magicubes/earn/rules"))
                .willReturn(okJson("{\"success\":true,\"data\":[]}")));
    ModelScopeProvider provider =
        new ModelScopeProvider(
            client.clients(),
            URI.create(modelScope.apiBaseUrl()),
            URI.create(modelScope.openApiBaseUrl()),
            Duration.ofHours(1),
            List.of(),
            new TierPrices(new BigDecimal("0.5"), BigDecimal.ONE, new BigDecimal("2")),
            clock);
    quota =
        CoreDoubles.service(
            UpstreamProbes.settings(4, Duration.ofSeconds(5), Duration.ofSeconds(10)),
            clock,
            provider,
            CoreDoubles.provider(
                "deepseek",
                "DeepSeek",
                false,
                request ->
                    CompletableFuture.completedFuture(
                        ProviderResult.balanceOnly(
                            Account.read(
                                "deepseek",
                                List.of(
                                    Balance.of(Balance.Scope.ACCOUNT, "CNY")
                                        .available(new BigDecimal("110.5"))
                                        .build()),
                                null,
                                (Text) null)))));
    service = new WatchService(quota, store, vault, limits, sink, clock);
  }

  static WatchLimits limits(int maxPerUser, int maxInFlight, Duration providerSpacing) {
    return new WatchLimits(
        maxPerUser,
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofDays(30),
        Duration.ofDays(90),
        maxInFlight,
        providerSpacing,
        Duration.ofSeconds(30));
  }

  /** ModelScope's balance answers {@code available} of {@code total} 魔粒. */
  void balance(int available, int total) {
    modelScope.balance(
        okJson(
            "{\"success\":true,\"request_id\":\"r\",\"data\":{\"total_balance\":"
                + total
                + ",\"available_balance\":"
                + available
                + ",\"frozen_amount\":0}}"));
  }

  void balance(ResponseDefinitionBuilder answer) {
    modelScope.balance(answer);
  }

  /** A ModelScope watch of the owner with these levels, made through plan and create. */
  Watch watch(String owner, String levels) {
    return create(owner, new WatchRequest("modelscope", levels, null, null, false, "en")).watch();
  }

  WatchCreated create(String owner, WatchRequest request) {
    WatchPlan plan = service.plan(owner, request);
    return service.create(owner, plan, KEY, null).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** Moves the clock past the watch's next check and checks it as the scheduler would. */
  CheckOutcome checkWhenDue(long id) {
    Watch watch = store.find(id).orElseThrow();
    clock.set(watch.nextCheckAt());
    return service.check(watch).orTimeout(20, TimeUnit.SECONDS).join();
  }

  long count(String sql, Object... parameters) {
    return database.count(sql, parameters);
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @Override
  public void close() {
    modelScope.close();
    client.close();
    database.close();
  }

  /** Records every alert and answers as told. */
  static final class RecordingSink implements AlertSink {
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    volatile Delivery answer = Delivery.DELIVERED;

    @Override
    public CompletableFuture<Delivery> deliver(Alert alert) {
      alerts.add(alert);
      return CompletableFuture.completedFuture(answer);
    }

    List<Alert> of(Alert.Kind kind) {
      return alerts.stream().filter(alert -> alert.kind() == kind).toList();
    }
  }
}
