package dev.quotabot.config;

import java.net.URI;

/**
 * Where ModelScope lives.
 *
 * @param apiBaseUrl API-Inference (OpenAI-compatible) base
 * @param openApiBaseUrl OpenAPI base (balance, account)
 */
public record ModelScopeConfig(URI apiBaseUrl, URI openApiBaseUrl) {}
