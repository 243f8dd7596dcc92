package dev.quotabot.quota.headers;

import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Cerebras: its OpenAI-compatible chat API "inject[s] several custom headers into every API
 * response" (https://inference-docs.cerebras.ai/support/rate-limits, "Rate Limit Headers"): {@code
 * x-ratelimit-{limit,remaining}-requests-day}, {@code x-ratelimit-{limit,remaining}-tokens-minute},
 * and {@code x-ratelimit-reset-requests-day} / {@code x-ratelimit-reset-tokens-minute}, "Time (in
 * seconds) until" the limit resets ({@code 33011.382867097855}, {@code 11.382867097854614}). A key
 * cannot read a balance.
 */
public final class CerebrasProvider extends HeaderProvider {
  static final String ID = "cerebras";
  static final String NAME = "Cerebras";

  static final List<WindowHeaders> WINDOWS =
      List.of(
          new WindowHeaders(
              "requests_per_day",
              "x-ratelimit-limit-requests-day",
              "x-ratelimit-remaining-requests-day",
              "x-ratelimit-reset-requests-day",
              ResetFormat.SECONDS_FROM_NOW),
          new WindowHeaders(
              "tokens_per_minute",
              "x-ratelimit-limit-tokens-minute",
              "x-ratelimit-remaining-tokens-minute",
              "x-ratelimit-reset-tokens-minute",
              ResetFormat.SECONDS_FROM_NOW));

  /**
   * Model ids from the rate-limit page's table
   * (https://inference-docs.cerebras.ai/support/rate-limits).
   */
  static final List<String> DEFAULT_MODELS = List.of("llama3.1-8b", "gpt-oss-120b");

  /**
   * Keys start {@code csk-}: betterleaks' {@code cerebras-api-key} rule ({@code
   * cmd/generate/config/rules/cerebras.go}: {@code csk-[a-z0-9]{48}}).
   */
  static final String KEY_PREFIX = "csk-";

  /**
   * The Cerebras Cloud console, whose pages show usage, limits and billing
   * (https://inference-docs.cerebras.ai/console/usage-monitoring).
   */
  static final String CONSOLE = "https://cloud.cerebras.ai";

  /**
   * @param http trusted, reading at most {@link HeaderProbe#MAX_ERROR_BODY_BYTES}
   * @param baseUrl Cerebras' API base, e.g. {@code https://api.cerebras.ai} (a trailing {@code /v1}
   *     is dropped)
   */
  public CerebrasProvider(UpstreamHttp http, URI baseUrl, Clock clock) {
    super(
        ID,
        NAME,
        DEFAULT_MODELS,
        "csk-…",
        List.of(KEY_PREFIX),
        CONSOLE,
        http,
        new OpenAiChat(baseUrl),
        WINDOWS,
        clock);
  }
}
