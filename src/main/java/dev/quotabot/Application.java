package dev.quotabot;

import static dev.quotabot.quota.TimeoutScheduler.daemonThreads;

import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ProvidersConfig;
import dev.quotabot.discord.DiscordBot;
import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.ProviderRegistry;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.quota.modelscope.ModelCatalog;
import dev.quotabot.quota.modelscope.ModelScopeAccount;
import dev.quotabot.quota.modelscope.ModelScopeProbe;
import dev.quotabot.quota.net.BaseUrlRules;
import dev.quotabot.quota.net.GuardedHttp;
import dev.quotabot.quota.provider.OfficialProviders;
import dev.quotabot.quota.relay.NewApiRelay;
import dev.quotabot.web.WebServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running product: the core and its doors, wired together, and their orderly shutdown. */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final int RELAY_MAX_BODY_BYTES = 256 * 1024;

  /** Relay calls block on their own sockets: a small pool of their own, never the common pool. */
  private static final int RELAY_IO_THREADS = 16;

  private final List<ExecutorService> executors;
  private final TimeoutScheduler timeouts;
  private final WebServer web;
  private final DiscordBot bot;

  private Application(
      List<ExecutorService> executors, TimeoutScheduler timeouts, WebServer web, DiscordBot bot) {
    this.executors = executors;
    this.timeouts = timeouts;
    this.web = web;
    this.bot = bot;
  }

  /**
   * Starts the web door, and the Discord door when a token is configured. The bot logs in on its
   * own thread: a slow or unreachable Discord, or a bad token, never stops the web.
   */
  public static Application start(AppConfig config) {
    ExecutorService upstreamExecutor =
        Executors.newCachedThreadPool(daemonThreads("upstream-http-"));
    ExecutorService relayIo =
        Executors.newFixedThreadPool(RELAY_IO_THREADS, daemonThreads("relay-io-"));
    List<ExecutorService> executors = List.of(upstreamExecutor, relayIo);
    TimeoutScheduler timeouts = new TimeoutScheduler();
    HttpClient http = upstreamClient(upstreamExecutor).build();
    ModelCatalog catalog =
        new ModelCatalog(
            http, config.modelScope().apiBaseUrl(), config.modelScope().catalogTtl(), timeouts);
    QuotaService quota =
        new QuotaService(
            new ModelScopeProbe(http, config.modelScope().apiBaseUrl(), timeouts),
            new ModelScopeAccount(http, config.modelScope().openApiBaseUrl(), timeouts),
            catalog,
            config.quota(),
            Clock.systemUTC(),
            new ProviderRegistry(
                providers(config.providers(), http, timeouts, relayIo, upstreamExecutor)),
            new BaseUrlRules(config.providers().allowHttp()));
    WebServer web;
    try {
      web = WebServer.start(config.web(), quota, catalog);
    } catch (RuntimeException failed) {
      releaseCore(timeouts, executors);
      throw failed;
    }
    DiscordBot bot = null;
    if (config.discord().enabled()) {
      bot = startBot(config, quota, catalog);
    } else {
      LOG.info(
          "Discord bot is off (no discord.token or DISCORD_TOKEN set); the web page and API are on.");
    }
    return new Application(executors, timeouts, web, bot);
  }

  /**
   * The client ModelScope and the official providers are called with: HTTP/2 preferred, a connect
   * timeout, no redirects, {@code executor} for its own work. Package-visible so tests build theirs
   * with exactly these settings.
   */
  static HttpClient.Builder upstreamClient(Executor executor) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor);
  }

  /**
   * The providers beyond ModelScope. Their configured addresses are trusted; a relay's address
   * comes from the asker, so relays are called through the guarded client. A relay's answers are
   * composed on the client's cached pool, not on {@code relayIo}, whose threads may all be blocked
   * on sockets.
   */
  private static List<BalanceProvider> providers(
      ProvidersConfig config,
      HttpClient http,
      TimeoutScheduler timeouts,
      Executor relayIo,
      Executor upstreamExecutor) {
    List<BalanceProvider> providers = new ArrayList<>();
    providers.add(
        new NewApiRelay(
            new GuardedHttp(
                config.allowPrivateAddresses(),
                RELAY_MAX_BODY_BYTES,
                CONNECT_TIMEOUT,
                relayIo,
                timeouts),
            upstreamExecutor));
    providers.addAll(
        OfficialProviders.create(
            OfficialProviders.http(http, timeouts),
            config.deepseek(),
            config.siliconflow(),
            config.openrouter(),
            config.moonshot()));
    return providers;
  }

  /** The bot, or null when it cannot even be set up: that is logged, and the web stays up. */
  private static DiscordBot startBot(AppConfig config, QuotaService quota, ModelCatalog catalog) {
    try {
      return DiscordBot.start(config.discord(), quota, catalog, config.web().shutdownTimeout());
    } catch (RuntimeException failed) {
      LOG.error(
          "Discord bot not started ({}); the web page and API keep running.",
          failed.getClass().getSimpleName());
      return null;
    }
  }

  public int webPort() {
    return web.port();
  }

  /**
   * Finishes queries in flight on both doors (each bounded by web.shutdown_timeout_ms), closes the
   * Discord connection and the web listener, then releases everything.
   */
  @Override
  public void close() {
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
      releaseCore(timeouts, executors);
    }
  }

  private static void releaseCore(TimeoutScheduler timeouts, List<ExecutorService> executors) {
    timeouts.close();
    executors.forEach(ExecutorService::shutdownNow);
  }
}
