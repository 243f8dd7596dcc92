package dev.quotabot.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/**
 * Where ModelScope lives, and what its calls cost.
 *
 * @param apiBaseUrl API-Inference (OpenAI-compatible) base
 * @param openApiBaseUrl OpenAPI base (balance, account, today's grants)
 * @param catalogTtl how long the list of model ids ({@code GET {apiBaseUrl}/models}) is cached
 * @param priceLight 魔粒 per call of a lightweight model
 * @param priceStandard 魔粒 per call of a mainstream model
 * @param priceFlagship 魔粒 per call of a flagship model (what a probe may cost at most)
 */
public record ModelScopeConfig(
    URI apiBaseUrl,
    URI openApiBaseUrl,
    Duration catalogTtl,
    BigDecimal priceLight,
    BigDecimal priceStandard,
    BigDecimal priceFlagship) {}
