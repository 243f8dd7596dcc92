package dev.quotabot.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration key with its default. New keys are added here and to bot.properties.example.
 */
public enum ConfigKey {
  WEB_HOST("web.host", "0.0.0.0"),
  WEB_PORT("web.port", "3000"),
  WEB_RATE_LIMIT_PER_MINUTE("web.rate_limit_per_minute", "30"),
  WEB_TRUST_PROXY("web.trust_proxy", "false"),
  WEB_CORS_ORIGINS("web.cors_origins", ""),
  WEB_SHUTDOWN_TIMEOUT_MS("web.shutdown_timeout_ms", "15000"),
  DISCORD_TOKEN("discord.token", ""),
  DISCORD_GUILD_ID("discord.guild_id", ""),
  DISCORD_API_BASE_URL("discord.api_base_url", "https://discord.com/api/v10/"),
  DISCORD_GATEWAY_URL("discord.gateway_url", "wss://gateway.discord.gg/"),
  DISCORD_COOLDOWN_S("discord.cooldown_s", "5"),
  // empty: as many shards as Discord recommends (GET /gateway/bot)
  DISCORD_SHARDS_TOTAL("discord.shards_total", ""),
  // empty: every shard; else ids and ranges such as 0-3 or 0-1,4 (needs discord.shards_total)
  DISCORD_SHARD_IDS("discord.shard_ids", ""),
  MODELSCOPE_API_BASE_URL("modelscope.api_base_url", "https://api-inference.modelscope.cn/v1"),
  MODELSCOPE_OPENAPI_BASE_URL("modelscope.openapi_base_url", "https://modelscope.cn/openapi/v1"),
  MODELSCOPE_CATALOG_TTL_S("modelscope.catalog_ttl_s", "3600"),
  // 魔粒 per call by model tier, as ModelScope's API-Inference limits page prices them
  MODELSCOPE_PRICE_LIGHT("modelscope.price_light", "0.5"),
  MODELSCOPE_PRICE_STANDARD("modelscope.price_standard", "1"),
  MODELSCOPE_PRICE_FLAGSHIP("modelscope.price_flagship", "2"),
  QUOTA_DEFAULT_MODELS(
      "quota.default_models",
      "Qwen/Qwen3-Coder-480B-A35B-Instruct,Qwen/Qwen3-235B-A22B-Instruct-2507,"
          + "deepseek-ai/DeepSeek-V3.1,moonshotai/Kimi-K2-Instruct-0905,ZhipuAI/GLM-4.6"),
  QUOTA_MAX_MODELS("quota.max_models", "50"),
  QUOTA_PROBE_TIMEOUT_MS("quota.probe_timeout_ms", "10000"),
  QUOTA_QUERY_DEADLINE_MS("quota.query_deadline_ms", "20000"),
  QUOTA_MAX_CONCURRENT_PROBES("quota.max_concurrent_probes", "50"),
  PROVIDER_DEEPSEEK_BASE_URL("provider.deepseek.base_url", "https://api.deepseek.com"),
  PROVIDER_SILICONFLOW_BASE_URL("provider.siliconflow.base_url", "https://api.siliconflow.com"),
  PROVIDER_OPENROUTER_BASE_URL("provider.openrouter.base_url", "https://openrouter.ai"),
  PROVIDER_MOONSHOT_BASE_URL("provider.moonshot.base_url", "https://api.moonshot.cn"),
  PROVIDER_STEPFUN_BASE_URL("provider.stepfun.base_url", "https://api.stepfun.com"),
  PROVIDER_NOVITA_BASE_URL("provider.novita.base_url", "https://api.novita.ai"),
  PROVIDER_302AI_BASE_URL("provider.302ai.base_url", "https://api.302.ai"),
  PROVIDER_ZHIPU_BASE_URL("provider.zhipu.base_url", "https://open.bigmodel.cn"),
  PROVIDER_ZAI_BASE_URL("provider.zai.base_url", "https://api.z.ai"),
  PROVIDER_MINIMAX_BASE_URL("provider.minimax.base_url", "https://api.minimax.io"),
  PROVIDER_KIMICODE_BASE_URL("provider.kimicode.base_url", "https://api.kimi.com"),
  PROVIDER_GROQ_BASE_URL("provider.groq.base_url", "https://api.groq.com/openai"),
  PROVIDER_CEREBRAS_BASE_URL("provider.cerebras.base_url", "https://api.cerebras.ai"),
  PROVIDER_OPENAI_BASE_URL("provider.openai.base_url", "https://api.openai.com"),
  PROVIDER_ANTHROPIC_BASE_URL("provider.anthropic.base_url", "https://api.anthropic.com"),
  PROVIDER_POE_BASE_URL("provider.poe.base_url", "https://api.poe.com"),
  PROVIDER_VENICE_BASE_URL("provider.venice.base_url", "https://api.venice.ai"),
  PROVIDER_DEEPINFRA_BASE_URL("provider.deepinfra.base_url", "https://api.deepinfra.com"),
  PROVIDER_GEMINI_BASE_URL("provider.gemini.base_url", "https://generativelanguage.googleapis.com"),
  PROVIDER_MISTRAL_BASE_URL("provider.mistral.base_url", "https://api.mistral.ai"),
  PROVIDER_DASHSCOPE_BASE_URL("provider.dashscope.base_url", "https://dashscope.aliyuncs.com"),
  PROVIDER_VOLCENGINE_BASE_URL("provider.volcengine.base_url", "https://ark.cn-beijing.volces.com"),
  PROVIDER_QIANFAN_BASE_URL("provider.qianfan.base_url", "https://qianfan.baidubce.com"),
  PROVIDER_FIREWORKS_BASE_URL("provider.fireworks.base_url", "https://api.fireworks.ai"),
  PROVIDER_TOGETHER_BASE_URL("provider.together.base_url", "https://api.together.xyz"),
  UPSTREAM_ALLOW_HTTP("upstream.allow_http", "false"),
  UPSTREAM_ALLOW_PRIVATE_ADDRESSES("upstream.allow_private_addresses", "false"),
  WATCH_ENCRYPTION_KEY("watch.encryption_key", ""),
  WATCH_ENCRYPTION_KEY_PREVIOUS("watch.encryption_key_previous", ""),
  // 5: /watches shows one button row per watch, and a Discord message holds 5 rows
  WATCH_MAX_PER_USER("watch.max_per_user", "5"),
  WATCH_MIN_INTERVAL_MINUTES("watch.min_interval_minutes", "15"),
  WATCH_DEFAULT_INTERVAL_MINUTES("watch.default_interval_minutes", "60"),
  WATCH_LIFETIME_DAYS("watch.lifetime_days", "30"),
  WATCH_HISTORY_DAYS("watch.history_days", "90"),
  WATCH_MAX_IN_FLIGHT("watch.max_in_flight", "4"),
  WATCH_PROVIDER_SPACING_MS("watch.provider_spacing_ms", "1000"),
  WATCH_TICK_MS("watch.tick_ms", "30000"),
  // empty: an SQLite file quota-bot.db beside the config file (the working directory without one)
  DATABASE_URL("database.url", ""),
  DATABASE_USER("database.user", ""),
  DATABASE_PASSWORD("database.password", ""),
  // empty: no management listener and no /metrics at all
  METRICS_PORT("metrics.port", ""),
  METRICS_HOST("metrics.host", "127.0.0.1"),
  LOG_FORMAT("log.format", "text");

  private static final Pattern PROVIDER_BASE_URL =
      Pattern.compile("provider\\.([a-z0-9]+)\\.base_url");

  private final String key;
  private final String defaultValue;

  ConfigKey(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  /** For a {@code provider.<id>.base_url} key, the provider's id; empty for any other key. */
  public Optional<String> providerId() {
    Matcher matcher = PROVIDER_BASE_URL.matcher(key);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** {@code web.port} → {@code QUOTABOT_WEB_PORT}. */
  public String environmentName() {
    return "QUOTABOT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The conventional variable that also sets this key (PORT, DISCORD_TOKEN), or null. */
  public String conventionalEnvironmentName() {
    return switch (this) {
      case WEB_PORT -> "PORT";
      case DISCORD_TOKEN -> "DISCORD_TOKEN";
      default -> null;
    };
  }

  /** Whether a value is secret: never echoed in an error or a log line. */
  public boolean secret() {
    return switch (this) {
      case DISCORD_TOKEN, WATCH_ENCRYPTION_KEY, WATCH_ENCRYPTION_KEY_PREVIOUS, DATABASE_PASSWORD ->
          true;
      default -> false;
    };
  }
}
