package dev.quotabot.discord;

import dev.quotabot.config.DiscordConfig;
import dev.quotabot.config.DiscordShards;
import dev.quotabot.config.ShardIds;
import dev.quotabot.health.HealthIndicator;
import dev.quotabot.limits.Limits;
import dev.quotabot.quota.QueryMeters;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.watch.WatchService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord door: logs the bot in (off the caller's thread, so a slow or unreachable Discord
 * never delays the web), wires the {@code /quota} listeners, and shuts JDA down cleanly.
 *
 * <p>JDA's shard manager runs the gateway shards this process owns ({@code discord.shards_total},
 * {@code discord.shard_ids}); a process with one shard takes the same path. Every shard gets the
 * same listeners: an interaction is answered by whichever shard Discord sent it to.
 *
 * <p>JDA runs in light mode (no member or entity caches beyond servers) with no privileged intents:
 * slash commands need none. Gateway compression is off, so the production code path is the one the
 * loopback tests run (the bot's gateway traffic is tiny without intents).
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);
  private static final Duration JDA_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration LOGIN_JOIN_TIMEOUT = Duration.ofSeconds(2);

  private final DefaultShardManagerBuilder builder;
  private final ExecutorService restPool;
  private final DiscordConfig config;
  private final PendingReplies pending;
  private final Duration drainTimeout;
  private final Thread login;
  private final @Nullable DiscordAlerts alerts;

  /** Set once built (before it logs in), so that a login cut short can still be stopped. */
  private @Nullable ShardManager manager;

  private boolean loggedIn;
  private boolean loginFailed;
  private boolean closed;

  private DiscordBot(
      DefaultShardManagerBuilder builder,
      ExecutorService restPool,
      DiscordConfig config,
      PendingReplies pending,
      Duration drainTimeout,
      @Nullable DiscordAlerts alerts) {
    this.builder = builder;
    this.alerts = alerts;
    this.restPool = restPool;
    this.config = config;
    this.pending = pending;
    this.drainTimeout = drainTimeout;
    this.login = new Thread(this::logIn, "discord-login");
    this.login.setDaemon(true);
  }

  /**
   * Starts logging in and returns at once. A rejected token or an unreachable Discord is logged in
   * one line; the rest of the product keeps running.
   *
   * @param drainTimeout how long {@link #close()} waits for answers still being worked on
   */
  public static DiscordBot start(
      DiscordConfig config, QuotaService service, Duration drainTimeout) {
    return start(config, service, drainTimeout, null);
  }

  /**
   * What the bot needs for watches: the service its commands call, and the alert sink it connects
   * once logged in.
   */
  public record Watches(WatchService service, DiscordAlerts alerts) {}

  /**
   * The same, with watches: {@code /watch}, {@code /watches} and {@code /forget-me} are registered
   * beside {@code /quota}, and alerts go out as DMs while the bot is logged in. Without watches the
   * bot has exactly {@code /quota}.
   *
   * @param watches the watches' service and alert sink; null when watches are off
   */
  public static DiscordBot start(
      DiscordConfig config,
      QuotaService service,
      Duration drainTimeout,
      @Nullable Watches watches) {
    return start(config, service, drainTimeout, watches, new CompositeMeterRegistry());
  }

  /**
   * The same, recording interactions, acknowledgement latency, cooldown refusals and queries in
   * {@code metrics}.
   *
   * @param metrics the process's registry (one that records nothing while metrics are off)
   */
  public static DiscordBot start(
      DiscordConfig config,
      QuotaService service,
      Duration drainTimeout,
      @Nullable Watches watches,
      MeterRegistry metrics) {
    return start(config, service, drainTimeout, watches, metrics, Limits.local());
  }

  /**
   * The same, with the users' cooldowns kept where {@code limits} keeps them (shared by every
   * replica when the database is PostgreSQL).
   */
  public static DiscordBot start(
      DiscordConfig config,
      QuotaService service,
      Duration drainTimeout,
      @Nullable Watches watches,
      MeterRegistry metrics,
      Limits limits) {
    PendingReplies pending = new PendingReplies();
    QuotaOptions options = new QuotaOptions(service);
    Cooldown cooldown = new Cooldown(limits.perUser(config.cooldown()), Cooldown.refusals(metrics));
    Rechecks rechecks = new Rechecks();
    QuotaReply reply =
        new QuotaReply(
            service, cooldown, pending, new AnswerButtons(rechecks), new QueryMeters(metrics));
    QuotaModal modal = new QuotaModal(options, reply);
    List<CommandData> commands = new ArrayList<>();
    commands.add(QuotaCommand.definition(service.providers()));
    List<Object> listeners = new ArrayList<>();
    listeners.add(new QuotaCommand(options, cooldown, modal, reply));
    listeners.add(modal);
    listeners.add(new AnswerButtonClicks(rechecks, options, cooldown, modal));
    listeners.add(new ModelAutocomplete(service));
    if (watches != null) {
      addWatches(watches, service, cooldown, pending, commands, listeners);
    }
    listeners.add(new CommandRegistration(commands, config.guildId()));
    listeners.add(
        new InteractionMeters(
            metrics, commands.stream().map(CommandData::getName).collect(Collectors.toSet())));
    // JDA's REST calls run on this pool, which the bot shuts down itself: when a login fails, JDA
    // shuts its own pools down at once, interrupting the thread that is still finishing the failed
    // request, and logs a stack trace about it; on our pool that thread simply finishes. Every
    // shard shares it.
    ExecutorService restPool = Executors.newCachedThreadPool(daemonThreads("discord-rest-"));
    DefaultShardManagerBuilder builder =
        DefaultShardManagerBuilder.createLight(config.token(), intents())
            .setRateLimitElastic(restPool, false)
            .setRestConfig(
                new RestConfig().setBaseUrl(withTrailingSlash(config.apiBaseUrl().toString())))
            .setSessionController(new GatewaySessionController(config.gatewayUrl().toString()))
            .setCompression(Compression.NONE)
            .setHttpClientBuilder(httpClient(metrics))
            .setEnableShutdownHook(false)
            // the manager's own thread (it starts the shards) must not keep a stopped product alive
            .setThreadFactory(daemonThreads("discord-shards-"))
            .addEventListeners(listeners.toArray());
    DiscordShards shards = config.shards();
    shards.total().ifPresent(builder::setShardsTotal);
    if (!shards.ids().isEmpty()) {
      builder.setShards(shards.ids());
    }
    DiscordBot bot =
        new DiscordBot(
            builder,
            restPool,
            config,
            pending,
            drainTimeout,
            watches == null ? null : watches.alerts());
    bot.login.start();
    return bot;
  }

  /** The watches' commands and handlers: {@code /watch} and its form, {@code /forget-me}. */
  private static void addWatches(
      Watches watches,
      QuotaService service,
      Cooldown cooldown,
      PendingReplies pending,
      List<CommandData> commands,
      List<Object> listeners) {
    WatchService watching = watches.service();
    WatchModal form = new WatchModal(watching, new WatchPlans(), cooldown, pending);
    commands.add(WatchCommand.definition(service.providers(), watching.limits()));
    commands.add(ForgetMeCommand.definition());
    listeners.add(new WatchCommand(watching, service.providers(), cooldown, form));
    listeners.add(form);
    listeners.add(new ForgetMeCommand(watching));
    commands.add(WatchesCommand.definition());
    listeners.addAll(WatchesCommand.listeners(watching, service.providers(), cooldown, pending));
  }

  /**
   * JDA's REST client as JDA builds its own (25 calls per host, 5 idle connections kept 10 s), with
   * the acknowledgement latency measured on it.
   */
  private static OkHttpClient.Builder httpClient(MeterRegistry metrics) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(25);
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(5, 10, TimeUnit.SECONDS))
        .dispatcher(dispatcher)
        .addInterceptor(new AckLatency(metrics, System::currentTimeMillis));
  }

  /** JDA appends its routes to the base URL as they are: it must end with a slash. */
  private static String withTrailingSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * No optional intent at all: JDA always adds the unprivileged GUILDS intent (which also lets
   * {@link CommandRegistration} find the {@code discord.guild_id} server); interactions need none.
   */
  static Set<GatewayIntent> intents() {
    return EnumSet.noneOf(GatewayIntent.class);
  }

  /**
   * Builds the shard manager, then logs in: the first shard of this process is built on this thread
   * ({@code GET /gateway/bot} for Discord's shard count and {@code max_concurrency}, {@code GET
   * users/@me}), so a rejected token or an unreachable Discord shows here; the manager starts the
   * other shards on its own thread, paced by {@link GatewaySessionController}.
   */
  private void logIn() {
    ShardManager built;
    try {
      built = builder.build(false);
    } catch (RuntimeException refused) {
      failed(
          "Discord bot not started: JDA refused the shard settings ("
              + describe(refused)
              + "). The web page and API keep running.");
      return;
    }
    synchronized (this) {
      if (closed) {
        built.shutdown();
        restPool.shutdownNow();
        return;
      }
      manager = built;
    }
    try {
      built.login();
    } catch (InvalidTokenException rejected) {
      built.shutdown();
      failed(
          "Discord bot not started: Discord rejected the bot token (discord.token or"
              + " DISCORD_TOKEN). The web page and API keep running.");
      return;
    } catch (RuntimeException unreachable) {
      built.shutdown();
      failed(
          "Discord bot not started: cannot log in at "
              + config.apiBaseUrl()
              + " ("
              + describe(unreachable)
              + "). The web page and API keep running.");
      return;
    }
    synchronized (this) {
      if (!closed) {
        loggedIn = true;
        if (alerts != null) {
          alerts.connected(built);
        }
        int total = built.getShardsTotal();
        LOG.info(
            "Discord: this process runs shards {} of {}",
            ShardIds.describe(config.shards().idsOf(total)),
            total);
        return;
      }
    }
    stopNow(built);
    restPool.shutdownNow();
  }

  /** One clear line (unless the product is stopping anyway): the web keeps running. */
  private void failed(String line) {
    restPool.shutdown();
    boolean stopping;
    synchronized (this) {
      loginFailed = true;
      stopping = closed;
    }
    if (stopping) {
      return;
    }
    LOG.error(line);
  }

  /**
   * The bot's part of {@code /health}: each shard of this process and its state ({@link
   * ShardsHealth}).
   */
  public HealthIndicator health() {
    return new ShardsHealth(config.shards(), this::state);
  }

  /** What the health indicator reads: the manager once built, and how the login went. */
  private synchronized ShardsHealth.Login state() {
    if (loginFailed) {
      return new ShardsHealth.Login(null, ShardsHealth.Stage.FAILED);
    }
    if (closed) {
      return new ShardsHealth.Login(manager, ShardsHealth.Stage.STOPPED);
    }
    return new ShardsHealth.Login(
        manager, loggedIn ? ShardsHealth.Stage.LOGGED_IN : ShardsHealth.Stage.LOGGING_IN);
  }

  /** The failure's kind (see {@link Replies#describe}), with the token removed just in case. */
  private String describe(Throwable failure) {
    return Replies.describe(failure).replace(config.token(), "(token)");
  }

  /**
   * Lets answers in flight reach their users (bounded by the drain timeout), then shuts JDA down:
   * gracefully, or forcibly if that takes longer than a few seconds. A login still waiting for
   * Discord is abandoned.
   */
  @Override
  public void close() {
    ShardManager running;
    boolean started;
    synchronized (this) {
      closed = true;
      running = manager;
      started = loggedIn;
    }
    if (alerts != null) {
      alerts.disconnected();
    }
    try {
      if (!started && login.isAlive()) {
        // still waiting for Discord: give up on it rather than wait for its answer (the login
        // thread stops what it built once it returns)
        login.interrupt();
        login.join(LOGIN_JOIN_TIMEOUT.toMillis());
        restPool.shutdownNow();
        return;
      }
      if (started && running != null) {
        stop(running);
      }
      restPool.shutdown();
      if (!restPool.awaitTermination(JDA_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        restPool.shutdownNow();
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      if (running != null) {
        stopNow(running);
      }
      restPool.shutdownNow();
    }
  }

  /**
   * Lets answers in flight finish, then closes every shard's connection gracefully (forcibly for a
   * shard that takes longer than a few seconds).
   */
  private void stop(ShardManager running) throws InterruptedException {
    if (!pending.awaitAll(drainTimeout)) {
      LOG.warn(
          "Discord answers still running after {} ms; stopping anyway", drainTimeout.toMillis());
    }
    List<JDA> shards = running.getShards();
    shards.forEach(JDA::shutdown);
    // stops the manager's thread, and with it any shard it has not started yet
    running.shutdown();
    long deadline = System.nanoTime() + JDA_SHUTDOWN_TIMEOUT.toNanos();
    for (JDA shard : shards) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!shard.awaitShutdown(left)) {
        shard.shutdownNow();
      }
    }
  }

  private static void stopNow(ShardManager running) {
    List<JDA> shards = running.getShards();
    running.shutdown();
    shards.forEach(JDA::shutdownNow);
  }
}
