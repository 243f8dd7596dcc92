package dev.quotabot.quota.headers;

import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Groq: its OpenAI-compatible chat API reports the organization's day of requests and minute of
 * tokens in every answer's headers (https://console.groq.com/docs/rate-limits, "Rate Limit
 * Headers": {@code x-ratelimit-limit-requests} 14400 "Always refers to Requests Per Day (RPD)",
 * {@code x-ratelimit-limit-tokens} 18000 "Always refers to Tokens Per Minute (TPM)", resets written
 * {@code 2m59.56s} and {@code 7.66s}; "The other headers are always included", {@code retry-after}
 * only on a 429). A key cannot read a balance.
 */
public final class GroqProvider extends HeaderProvider {
  static final String ID = "groq";
  static final String NAME = "Groq";

  static final List<WindowHeaders> WINDOWS =
      List.of(
          new WindowHeaders(
              "requests_per_day",
              "x-ratelimit-limit-requests",
              "x-ratelimit-remaining-requests",
              "x-ratelimit-reset-requests",
              ResetFormat.GO_DURATION),
          new WindowHeaders(
              "tokens_per_minute",
              "x-ratelimit-limit-tokens",
              "x-ratelimit-remaining-tokens",
              "x-ratelimit-reset-tokens",
              ResetFormat.GO_DURATION));

  /** Model ids from https://console.groq.com/docs/models (production models). */
  static final List<String> DEFAULT_MODELS =
      List.of("llama-3.1-8b-instant", "llama-3.3-70b-versatile");

  /**
   * Keys start {@code gsk_}: gitleaks' and betterleaks' {@code groq-api-key} rules ({@code
   * cmd/generate/config/rules/groq.go}: {@code gsk_[a-zA-Z0-9]{48}}, {@code gsk_[A-Z0-9]{52}}).
   */
  static final String KEY_PREFIX = "gsk_";

  /** Groq's own 429 answers send people here ("Upgrade to Dev Tier today at …"). */
  static final String CONSOLE = "https://console.groq.com/settings/billing";

  /**
   * @param http trusted, reading at most {@link HeaderProbe#MAX_ERROR_BODY_BYTES}
   * @param baseUrl Groq's OpenAI-compatible base, e.g. {@code https://api.groq.com/openai} (a
   *     trailing {@code /v1} is dropped; https://console.groq.com/docs/openai)
   */
  public GroqProvider(UpstreamHttp http, URI baseUrl, Clock clock) {
    super(
        ID,
        NAME,
        DEFAULT_MODELS,
        "gsk_…",
        List.of(KEY_PREFIX),
        CONSOLE,
        http,
        new OpenAiChat(baseUrl),
        WINDOWS,
        clock);
  }
}
