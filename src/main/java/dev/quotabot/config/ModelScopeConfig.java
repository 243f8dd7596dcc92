package dev.quotabot.config;

import java.net.URI;
import java.time.Duration;

/**
 * Where ModelScope lives.
 *
 * @param apiBaseUrl API-Inference (OpenAI-compatible) base
 * @param openApiBaseUrl OpenAPI base (balance, account)
 * @param catalogTtl how long the list of model ids ({@code GET {apiBaseUrl}/models}) is cached
 */
public record ModelScopeConfig(URI apiBaseUrl, URI openApiBaseUrl, Duration catalogTtl) {}
