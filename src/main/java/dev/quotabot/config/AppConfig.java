package dev.quotabot.config;

import dev.quotabot.quota.QuotaSettings;

/** The whole, checked configuration. Immutable; built by {@link ConfigLoader}. */
public record AppConfig(
    WebConfig web,
    DiscordConfig discord,
    ModelScopeConfig modelScope,
    QuotaSettings quota,
    ProvidersConfig providers,
    WatchConfig watch,
    MetricsConfig metrics,
    LogFormat logFormat) {}
