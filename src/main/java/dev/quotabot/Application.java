package dev.quotabot;

import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigException;
import dev.quotabot.config.DatabaseConfig;
import dev.quotabot.config.MetricsConfig;
import dev.quotabot.config.ModelScopeConfig;
import dev.quotabot.config.ProvidersConfig;
import dev.quotabot.config.WatchConfig;
import dev.quotabot.discord.AlertMessage;
import dev.quotabot.discord.DiscordAlerts;
import dev.quotabot.discord.DiscordBot;
import dev.quotabot.health.HealthRegistry;
import dev.quotabot.health.StartingIndicator;
import dev.quotabot.limits.Circuit;
import dev.quotabot.limits.FallbackLimits;
import dev.quotabot.limits.Limits;
import dev.quotabot.metrics.Metrics;
import dev.quotabot.metrics.MetricsServer;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRegistry;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.UpstreamMeters;
import dev.quotabot.quota.console.ConsoleProviders;
import dev.quotabot.quota.custom.CustomProvider;
import dev.quotabot.quota.custom.CustomProviderSpec;
import dev.quotabot.quota.headers.HeaderProviders;
import dev.quotabot.quota.modelscope.ModelScopeProvider;
import dev.quotabot.quota.modelscope.TierPrices;
import dev.quotabot.quota.net.BaseUrlRules;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.plans.CodingPlans;
import dev.quotabot.quota.provider.OfficialProviders;
import dev.quotabot.quota.relay.NewApiRelay;
import dev.quotabot.quota.watch.WatchMeters;
import dev.quotabot.quota.watch.WatchScheduler;
import dev.quotabot.quota.watch.WatchService;
import dev.quotabot.quota.watch.vault.KeyVault;
import dev.quotabot.store.Database;
import dev.quotabot.store.JdbcWatchStore;
import dev.quotabot.store.SharedLimits;
import dev.quotabot.web.WebServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running product: the core and its doors, wired together, and their orderly shutdown. */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  /** The most of a relay's answer that is read. */
  static final int RELAY_MAX_BODY_BYTES = 256 * 1024;

  private final UpstreamClients clients;
  private final WebServer web;
  private final @Nullable DiscordBot bot;
  private final @Nullable Watching watching;
  private final @Nullable Shared shared;
  private final Metrics metrics;
  private final @Nullable MetricsServer metricsServer;

  private Application(
      UpstreamClients clients,
      WebServer web,
      @Nullable DiscordBot bot,
      @Nullable Watching watching,
      @Nullable Shared shared,
      Metrics metrics,
      @Nullable MetricsServer metricsServer) {
    this.clients = clients;
    this.web = web;
    this.bot = bot;
    this.watching = watching;
    this.shared = shared;
    this.metrics = metrics;
    this.metricsServer = metricsServer;
  }

  /**
   * What watches run on while they are on: the database, the service the bot's commands call, the
   * alert sink the bot connects, and the scheduler (only while the bot is on: alerts need it).
   */
  private static final class Watching {
    private final @Nullable Database database;
    private final JdbcWatchStore store;
    private final WatchService service;
    private final DiscordAlerts alerts;
    private @Nullable WatchScheduler scheduler;

    private Watching(
        @Nullable Database database,
        JdbcWatchStore store,
        WatchService service,
        DiscordAlerts alerts) {
      this.database = database;
      this.store = store;
      this.service = service;
      this.alerts = alerts;
    }
  }

  /**
   * What replicas share while {@code database.url} is PostgreSQL: the database (opened even with
   * watches off) and the web rate limit and Discord cooldown in it, falling back to local limits
   * while it is away.
   */
  private static final class Shared {
    private final Database database;
    private final SharedLimits store;
    private final FallbackLimits limits;

    private Shared(Database database, SharedLimits store, FallbackLimits limits) {
      this.database = database;
      this.store = store;
      this.limits = limits;
    }

    static Shared open(DatabaseConfig config) {
      Database database = Database.open(config);
      try {
        SharedLimits store = SharedLimits.open(config);
        LOG.info(
            "Replicas on this database share the web rate limit and the Discord cooldown; watches"
                + " are checked by one replica each (a lease per check).");
        return new Shared(
            database,
            store,
            new FallbackLimits(
                store, Limits.local(), new Circuit(FALLBACK_RETRY, System::nanoTime)));
      } catch (RuntimeException failed) {
        database.close();
        throw failed;
      }
    }

    void close() {
      try {
        store.close();
      } finally {
        database.close();
      }
    }
  }

  /** How long a replica keeps to its local limits after the database failed, before trying it. */
  static final Duration FALLBACK_RETRY = Duration.ofSeconds(5);

  /**
   * Starts the web door, and the Discord door when a token is configured. The bot logs in on its
   * own thread: a slow or unreachable Discord, or a bad token, never stops the web.
   */
  public static Application start(AppConfig config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * The same, with the clock watches are scheduled and dated by (a test's, to move time on).
   * Watches start only when {@code watch.encryption_key} is set: the database is opened (and
   * migrated) first, so a bad key or an unreachable database stops the start with one clear line.
   */
  public static Application start(AppConfig config, Clock clock) {
    Metrics metrics = config.metrics().enabled() ? Metrics.onPrometheus() : Metrics.off();
    MeterRegistry registry = metrics.registry();
    UpstreamClients clients = UpstreamClients.create(config.providers().allowPrivateAddresses());
    QuotaService quota =
        new QuotaService(
            new ProviderRegistry(providers(config, clients)),
            config.quota(),
            new BaseUrlRules(config.providers().allowHttp()),
            Clock.systemUTC(),
            new UpstreamMeters(registry));
    HealthRegistry health = new HealthRegistry();
    // the bot logs in after the web server listens: until then readiness must not pass
    StartingIndicator discordHealth = new StartingIndicator("discord");
    if (config.discord().enabled()) {
      health.add(discordHealth);
    }
    Shared shared = null;
    Watching watching = null;
    WebServer web = null;
    MetricsServer metricsServer = null;
    try {
      shared =
          config.watch().database().isPostgres() ? Shared.open(config.watch().database()) : null;
      watching =
          config.watch().enabled()
              ? openWatches(
                  config.watch(), shared == null ? null : shared.database, quota, clock, registry)
              : null;
      Limits limits = shared == null ? Limits.local() : shared.limits;
      if (shared != null) {
        health.add(shared.store.health());
        health.add(shared.limits.health());
      } else if (watching != null) {
        health.add(FallbackLimits.localHealth());
      }
      web = WebServer.start(config.web(), quota, health, registry, limits);
      metricsServer = startMetrics(config.metrics(), metrics);
    } catch (RuntimeException failed) {
      if (web != null) {
        web.close();
      }
      if (watching != null && watching.database != null) {
        watching.database.close();
      }
      if (shared != null) {
        shared.close();
      }
      clients.close();
      metrics.close();
      throw failed;
    }
    DiscordBot bot = null;
    if (config.discord().enabled()) {
      bot =
          startBot(
              config, quota, watching, registry, shared == null ? Limits.local() : shared.limits);
      if (bot != null) {
        discordHealth.started(bot.health());
      } else {
        discordHealth.failed();
      }
    } else {
      LOG.info(
          "Discord bot is off (no discord.token or DISCORD_TOKEN set); the web page and API are on.");
    }
    if (watching != null && bot != null) {
      WatchScheduler scheduler =
          new WatchScheduler(watching.service, watching.store, config.watch().limits(), clock);
      scheduler.start();
      watching.scheduler = scheduler;
      LOG.info("Watches are on: /watch, /watches and /forget-me are offered; checks are running.");
    } else if (watching != null) {
      LOG.warn(
          "Watches are set up (watch.encryption_key) but the Discord bot is off: no watch is"
              + " checked, since alerts are sent as Discord DMs.");
    }
    return new Application(clients, web, bot, watching, shared, metrics, metricsServer);
  }

  /** The management listener, when {@code metrics.port} is set; nothing listens otherwise. */
  private static @Nullable MetricsServer startMetrics(MetricsConfig config, Metrics metrics) {
    if (config.port().isEmpty() || metrics.scraped().isEmpty()) {
      return null;
    }
    return MetricsServer.start(
        config.host(), config.port().getAsInt(), metrics.scraped().orElseThrow());
  }

  /**
   * Opens the watch database and everything watches run on. The vault is made first: a key of the
   * wrong length fails before any connection is made.
   */
  private static Watching openWatches(
      WatchConfig config,
      @Nullable Database sharedDatabase,
      QuotaService quota,
      Clock clock,
      MeterRegistry registry) {
    KeyVault vault;
    try {
      vault = new KeyVault(config.encryptionKey().orElseThrow(), config.previousKey());
    } catch (IllegalArgumentException badKey) {
      throw new ConfigException(
          "Invalid configuration: watch.encryption_key or watch.encryption_key_previous: "
              + badKey.getMessage());
    }
    // the shared database when there is one (closed with it), else an SQLite file of its own
    Database database = sharedDatabase == null ? Database.open(config.database()) : null;
    Database open = sharedDatabase == null ? database : sharedDatabase;
    try {
      JdbcWatchStore store = new JdbcWatchStore(open.dataSource());
      DiscordAlerts alerts =
          new DiscordAlerts(
              new AlertMessage(id -> quota.provider(id).map(ProviderInfo::name).orElse(id)));
      WatchService service =
          new WatchService(
              quota, store, vault, config.limits(), alerts, clock, new WatchMeters(registry));
      return new Watching(database, store, service, alerts);
    } catch (RuntimeException failed) {
      if (database != null) {
        database.close();
      }
      throw failed;
    }
  }

  /**
   * Every provider, ModelScope first (the default), the operator-defined ones last. Configured
   * addresses are trusted (a custom provider's too: the operator chose it); a relay's address comes
   * from the asker, so relays are called through the guarded client.
   */
  static List<Provider> providers(AppConfig config, UpstreamClients clients) {
    ModelScopeConfig modelScope = config.modelScope();
    ProvidersConfig others = config.providers();
    List<Provider> providers = new ArrayList<>();
    providers.add(
        new ModelScopeProvider(
            clients,
            modelScope.apiBaseUrl(),
            modelScope.openApiBaseUrl(),
            modelScope.catalogTtl(),
            config.quota().defaultModels(),
            new TierPrices(
                modelScope.priceLight(), modelScope.priceStandard(), modelScope.priceFlagship()),
            Clock.systemUTC()));
    providers.add(new NewApiRelay(clients.guarded(RELAY_MAX_BODY_BYTES)));
    providers.addAll(OfficialProviders.create(clients, others::baseUrl));
    providers.addAll(
        CodingPlans.create(
            clients,
            others.baseUrl("zhipu"),
            others.baseUrl("zai"),
            others.baseUrl("minimax"),
            others.baseUrl("kimicode"),
            Clock.systemUTC()));
    providers.addAll(
        HeaderProviders.create(
            clients,
            others.baseUrl("groq"),
            others.baseUrl("cerebras"),
            others.baseUrl("openai"),
            others.baseUrl("anthropic"),
            Clock.systemUTC()));
    providers.addAll(ConsoleProviders.create(clients, others::baseUrl));
    addCustom(providers, others.custom(), clients.trusted(CustomProvider.MAX_BODY_BYTES));
    return providers;
  }

  /**
   * The operator-defined providers after the built-ins. The configuration already refuses a
   * built-in's id; this catches a built-in added without a {@code provider.<id>.base_url} key.
   */
  private static void addCustom(
      List<Provider> providers, List<CustomProviderSpec> custom, UpstreamHttp http) {
    for (CustomProviderSpec spec : custom) {
      if (providers.stream().anyMatch(p -> p.info().id().equals(spec.id()))) {
        throw new ConfigException(
            "Invalid configuration: provider.custom."
                + spec.id()
                + ".name: the id "
                + spec.id()
                + " is a built-in provider's; give the custom provider another id.");
      }
      providers.add(new CustomProvider(http, spec));
    }
  }

  /** The bot, or null when it cannot even be set up: that is logged, and the web stays up. */
  private static @Nullable DiscordBot startBot(
      AppConfig config,
      QuotaService quota,
      @Nullable Watching watching,
      MeterRegistry registry,
      Limits limits) {
    try {
      return DiscordBot.start(
          config.discord(),
          quota,
          config.web().shutdownTimeout(),
          watching == null ? null : new DiscordBot.Watches(watching.service, watching.alerts),
          registry,
          limits);
    } catch (RuntimeException failed) {
      LOG.error(
          "Discord bot not started ({}); the web page and API keep running.",
          failed.getClass().getSimpleName());
      return null;
    }
  }

  /**
   * Checks every due watch now and waits for those checks (alerts included): tests move their
   * clock, then call this instead of waiting for the scheduler's next tick. Nothing without
   * watches, or without the bot.
   */
  public void runDueWatches() {
    if (watching != null && watching.scheduler != null) {
      watching.scheduler.runDue();
    }
  }

  public int webPort() {
    return web.port();
  }

  /** The metrics listener's port; empty while metrics are off. */
  public OptionalInt metricsPort() {
    return metricsServer == null ? OptionalInt.empty() : OptionalInt.of(metricsServer.port());
  }

  /**
   * Finishes queries in flight on both doors (each bounded by web.shutdown_timeout_ms), closes the
   * Discord connection and the web listener, then releases everything.
   */
  @Override
  public void close() {
    try {
      if (watching != null && watching.scheduler != null) {
        watching.scheduler.close();
      }
    } finally {
      closeBotWebAndCore();
    }
  }

  private void closeBotWebAndCore() {
    try {
      if (bot != null) {
        bot.close();
      }
    } finally {
      closeWebAndCore();
    }
  }

  private void closeWebAndCore() {
    try {
      web.close();
    } finally {
      try {
        clients.close();
      } finally {
        try {
          if (watching != null && watching.database != null) {
            watching.database.close();
          }
        } finally {
          try {
            if (shared != null) {
              shared.close();
            }
          } finally {
            closeMetrics();
          }
        }
      }
    }
  }

  /** Last: a scrape during shutdown still sees the other parts' final numbers. */
  private void closeMetrics() {
    try {
      if (metricsServer != null) {
        metricsServer.close();
      }
    } finally {
      metrics.close();
    }
  }
}
