package dev.quotabot.config;

import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.watch.WatchLimits;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration: {@code --config FILE}, else {@code ./bot.properties} if present, else
 * built-in defaults; every key can be overridden by the environment.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  private static final String DEFAULT_FILE = "bot.properties";
  private static final String USAGE =
      "Usage: java -jar quota-bot.jar [--config FILE] [--healthcheck]";
  private static final Set<String> HTTP = Set.of("http", "https");
  private static final Set<String> WEBSOCKET = Set.of("ws", "wss");

  /**
   * Built-in providers configured without a {@code provider.<id>.base_url} key (ModelScope has its
   * own keys, a relay's address comes with each query): a custom provider may not take their ids.
   */
  private static final Set<String> BUILT_IN_WITHOUT_BASE_URL = Set.of("modelscope", "newapi");

  private ConfigLoader() {}

  /** Loads from the command line, the working directory and the environment. */
  public static AppConfig load(String[] args, Path workingDirectory, Map<String, String> env) {
    Path file = configFile(args, workingDirectory);
    Map<String, String> properties = file == null ? Map.of() : readProperties(file);
    Path folder = file == null || file.getParent() == null ? workingDirectory : file.getParent();
    return fromMaps(properties, file == null ? "defaults" : file.toString(), env, folder);
  }

  /**
   * Builds the configuration from already-read properties and environment variables; the default
   * database file is in the working directory.
   */
  public static AppConfig fromMaps(
      Map<String, String> properties, String fileName, Map<String, String> env) {
    return fromMaps(properties, fileName, env, Path.of(""));
  }

  /**
   * Builds the configuration from already-read properties and environment variables.
   *
   * @param folder where the default database file goes: the config file's folder
   */
  public static AppConfig fromMaps(
      Map<String, String> properties, String fileName, Map<String, String> env, Path folder) {
    warnAboutUnknownKeys(properties, fileName);
    ConfigValues values = new ConfigValues(properties, fileName, env);
    return new AppConfig(
        web(values),
        discord(values),
        modelScope(values),
        quota(values),
        providers(values, properties, fileName, env),
        watch(values, folder),
        metrics(values),
        LogFormat.named(values.choice(ConfigKey.LOG_FORMAT, LogFormat.names())));
  }

  private static MetricsConfig metrics(ConfigValues values) {
    return new MetricsConfig(
        values.optionalInteger(ConfigKey.METRICS_PORT, 0, 65_535),
        values.string(ConfigKey.METRICS_HOST));
  }

  private static WatchConfig watch(ConfigValues values, Path folder) {
    Optional<byte[]> key = values.aesKey(ConfigKey.WATCH_ENCRYPTION_KEY);
    Optional<byte[]> previous = values.aesKey(ConfigKey.WATCH_ENCRYPTION_KEY_PREVIOUS);
    if (previous.isPresent() && key.isEmpty()) {
      throw new ConfigException(
          "Invalid configuration: watch.encryption_key_previous is set but"
              + " watch.encryption_key is empty: set watch.encryption_key to the new key (or remove"
              + " both to turn watches off).");
    }
    if (key.isPresent() && previous.isPresent() && Arrays.equals(key.get(), previous.get())) {
      throw new ConfigException(
          "Invalid configuration: watch.encryption_key_previous is the same key as"
              + " watch.encryption_key: set it to the key used before the current one, or leave it"
              + " empty.");
    }
    DatabaseConfig database =
        new DatabaseConfig(
            values.databaseUrl(ConfigKey.DATABASE_URL, folder),
            values.string(ConfigKey.DATABASE_USER),
            values.string(ConfigKey.DATABASE_PASSWORD));
    int minInterval = values.integer(ConfigKey.WATCH_MIN_INTERVAL_MINUTES, 1, 1_440);
    WatchLimits limits =
        new WatchLimits(
            values.integer(ConfigKey.WATCH_MAX_PER_USER, 1, 5),
            Duration.ofMinutes(minInterval),
            Duration.ofMinutes(
                values.integer(ConfigKey.WATCH_DEFAULT_INTERVAL_MINUTES, minInterval, 10_080)),
            Duration.ofDays(values.integer(ConfigKey.WATCH_LIFETIME_DAYS, 1, 3_650)),
            Duration.ofDays(values.integer(ConfigKey.WATCH_HISTORY_DAYS, 1, 3_650)),
            values.integer(ConfigKey.WATCH_MAX_IN_FLIGHT, 1, 64),
            Duration.ofMillis(values.integer(ConfigKey.WATCH_PROVIDER_SPACING_MS, 0, 600_000)),
            Duration.ofMillis(values.integer(ConfigKey.WATCH_TICK_MS, 10, 3_600_000)));
    return new WatchConfig(key, previous, database, limits);
  }

  private static ProvidersConfig providers(
      ConfigValues values,
      Map<String, String> properties,
      String fileName,
      Map<String, String> env) {
    Map<String, URI> baseUrls = new HashMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      key.providerId().ifPresent(id -> baseUrls.put(id, values.url(key, HTTP)));
    }
    Set<String> builtIn = new HashSet<>(BUILT_IN_WITHOUT_BASE_URL);
    builtIn.addAll(baseUrls.keySet());
    return new ProvidersConfig(
        baseUrls,
        values.bool(ConfigKey.UPSTREAM_ALLOW_HTTP),
        values.bool(ConfigKey.UPSTREAM_ALLOW_PRIVATE_ADDRESSES),
        CustomProviderKeys.read(properties, fileName, env, builtIn));
  }

  private static WebConfig web(ConfigValues values) {
    return new WebConfig(
        values.string(ConfigKey.WEB_HOST),
        values.integer(ConfigKey.WEB_PORT, 0, 65_535),
        values.integer(ConfigKey.WEB_RATE_LIMIT_PER_MINUTE, 1, 1_000_000),
        values.bool(ConfigKey.WEB_TRUST_PROXY),
        values.list(ConfigKey.WEB_CORS_ORIGINS),
        Duration.ofMillis(values.integer(ConfigKey.WEB_SHUTDOWN_TIMEOUT_MS, 0, 600_000)));
  }

  private static DiscordConfig discord(ConfigValues values) {
    return new DiscordConfig(
        values.string(ConfigKey.DISCORD_TOKEN),
        values.snowflake(ConfigKey.DISCORD_GUILD_ID),
        values.url(ConfigKey.DISCORD_API_BASE_URL, HTTP),
        values.url(ConfigKey.DISCORD_GATEWAY_URL, WEBSOCKET),
        Duration.ofSeconds(values.integer(ConfigKey.DISCORD_COOLDOWN_S, 0, 3_600)),
        shards(values));
  }

  /** {@code discord.shards_total} and {@code discord.shard_ids}, checked against each other. */
  private static DiscordShards shards(ConfigValues values) {
    OptionalInt total =
        values.optionalInteger(ConfigKey.DISCORD_SHARDS_TOTAL, 1, DiscordShards.MAX_TOTAL);
    return new DiscordShards(total, values.shardIds(ConfigKey.DISCORD_SHARD_IDS, total));
  }

  private static ModelScopeConfig modelScope(ConfigValues values) {
    return new ModelScopeConfig(
        values.url(ConfigKey.MODELSCOPE_API_BASE_URL, HTTP),
        values.url(ConfigKey.MODELSCOPE_OPENAPI_BASE_URL, HTTP),
        Duration.ofSeconds(values.integer(ConfigKey.MODELSCOPE_CATALOG_TTL_S, 1, 604_800)),
        values.price(ConfigKey.MODELSCOPE_PRICE_LIGHT),
        values.price(ConfigKey.MODELSCOPE_PRICE_STANDARD),
        values.price(ConfigKey.MODELSCOPE_PRICE_FLAGSHIP));
  }

  private static QuotaSettings quota(ConfigValues values) {
    int maxModels = values.integer(ConfigKey.QUOTA_MAX_MODELS, 1, 1_000);
    return new QuotaSettings(
        values.models(ConfigKey.QUOTA_DEFAULT_MODELS, maxModels),
        maxModels,
        Duration.ofMillis(values.integer(ConfigKey.QUOTA_PROBE_TIMEOUT_MS, 100, 300_000)),
        Duration.ofMillis(values.integer(ConfigKey.QUOTA_QUERY_DEADLINE_MS, 100, 600_000)),
        values.integer(ConfigKey.QUOTA_MAX_CONCURRENT_PROBES, 1, 1_000));
  }

  private static Path configFile(String[] args, Path workingDirectory) {
    String chosen = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config")) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new ConfigException("--config needs a file: " + USAGE);
        }
        chosen = args[++i];
      } else if (arg.startsWith("--config=")) {
        chosen = arg.substring("--config=".length());
        if (chosen.isBlank()) {
          throw new ConfigException("--config needs a file: " + USAGE);
        }
      } else {
        throw new ConfigException(unknownArgument(arg) + " " + USAGE);
      }
    }
    if (chosen != null) {
      Path file = workingDirectory.resolve(chosen);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("Config file not found: " + file.toAbsolutePath());
      }
      return file;
    }
    Path fallback = workingDirectory.resolve(DEFAULT_FILE);
    return Files.isRegularFile(fallback) ? fallback : null;
  }

  /**
   * Names an unknown option without its value, and does not repeat a bare argument at all: either
   * could be a token typed in the wrong place, and the message goes to the log.
   */
  private static String unknownArgument(String arg) {
    if (arg.startsWith("-")) {
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (name.length() <= 40) {
        return "Unknown option \"" + name + "\".";
      }
    }
    return "Unexpected argument (not shown).";
  }

  private static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException unreadable) {
      throw new ConfigException(
          "Cannot read config file " + file + ": " + unreadable.getClass().getSimpleName());
    }
    Map<String, String> values = new HashMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }

  private static void warnAboutUnknownKeys(Map<String, String> properties, String fileName) {
    Set<String> known =
        Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toSet());
    List<String> unknown =
        properties.keySet().stream()
            .filter(name -> !known.contains(name) && !CustomProviderKeys.isCustomKey(name))
            .collect(Collectors.toCollection(TreeSet::new))
            .stream()
            .toList();
    if (!unknown.isEmpty()) {
      LOG.warn("Ignoring unknown configuration keys in {}: {}", fileName, unknown);
    }
  }
}
