package dev.quotabot.discord;

import dev.quotabot.config.DiscordConfig;
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
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
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
 * <p>JDA runs in light mode (no member or entity caches beyond servers) with no privileged intents:
 * slash commands need none. Gateway compression is off, so the production code path is the one the
 * loopback tests run (the bot's gateway traffic is tiny without intents).
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);
  private static final Duration JDA_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration LOGIN_JOIN_TIMEOUT = Duration.ofSeconds(2);

  private final JDABuilder builder;
  private final ExecutorService restPool;
  private final DiscordConfig config;
  private final PendingReplies pending;
  private final Duration drainTimeout;
  private final Thread login;
  private final @Nullable DiscordAlerts alerts;

  private @Nullable JDA jda;
  private boolean closed;

  private DiscordBot(
      JDABuilder builder,
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
    PendingReplies pending = new PendingReplies();
    QuotaOptions options = new QuotaOptions(service);
    Cooldown cooldown =
        new Cooldown(
            config.cooldown(), System::nanoTime, Cooldown.MAX_USERS, Cooldown.refusals(metrics));
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
    // request, and logs a stack trace about it; on our pool that thread simply finishes.
    ExecutorService restPool = Executors.newCachedThreadPool(daemonThreads("discord-rest-"));
    JDABuilder builder =
        JDABuilder.createLight(config.token(), intents())
            .setRateLimitElastic(restPool, false)
            .setRestConfig(
                new RestConfig().setBaseUrl(withTrailingSlash(config.apiBaseUrl().toString())))
            .setSessionController(new GatewaySessionController(config.gatewayUrl().toString()))
            .setCompression(Compression.NONE)
            .setHttpClientBuilder(httpClient(metrics))
            .setEnableShutdownHook(false)
            .addEventListeners(listeners.toArray());
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

  private void logIn() {
    JDA started;
    try {
      started = builder.build();
    } catch (InvalidTokenException rejected) {
      restPool.shutdown();
      if (!isClosed()) {
        LOG.error(
            "Discord bot not started: Discord rejected the bot token (discord.token or"
                + " DISCORD_TOKEN). The web page and API keep running.");
      }
      return;
    } catch (RuntimeException failed) {
      restPool.shutdown();
      if (!isClosed()) {
        LOG.error(
            "Discord bot not started: cannot log in at {} ({}). The web page and API keep"
                + " running.",
            config.apiBaseUrl(),
            describe(failed));
      }
      return;
    }
    synchronized (this) {
      if (!closed) {
        jda = started;
        if (alerts != null) {
          alerts.connected(started);
        }
        return;
      }
    }
    started.shutdownNow();
    restPool.shutdownNow();
  }

  private synchronized boolean isClosed() {
    return closed;
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
    JDA running;
    synchronized (this) {
      closed = true;
      running = jda;
    }
    if (alerts != null) {
      alerts.disconnected();
    }
    try {
      if (running == null && login.isAlive()) {
        // still waiting for Discord: give up on it rather than wait for its answer
        login.interrupt();
        login.join(LOGIN_JOIN_TIMEOUT.toMillis());
        restPool.shutdownNow();
        return;
      }
      if (running != null) {
        stop(running);
      }
      restPool.shutdown();
      if (!restPool.awaitTermination(JDA_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        restPool.shutdownNow();
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      if (running != null) {
        running.shutdownNow();
      }
      restPool.shutdownNow();
    }
  }

  private void stop(JDA running) throws InterruptedException {
    if (!pending.awaitAll(drainTimeout)) {
      LOG.warn(
          "Discord answers still running after {} ms; stopping anyway", drainTimeout.toMillis());
    }
    running.shutdown();
    if (!running.awaitShutdown(JDA_SHUTDOWN_TIMEOUT)) {
      running.shutdownNow();
    }
  }
}
