package dev.quotabot.quota.headers;

import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Anthropic: the Messages API's answers carry {@code
 * anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}}, the
 * resets "provided in RFC 3339 format" (https://docs.anthropic.com/en/api/rate-limits, "Response
 * headers"). Its limits "are measured in requests per minute (RPM), input tokens per minute (ITPM),
 * and output tokens per minute (OTPM)"; the {@code tokens} headers show "the most restrictive limit
 * currently in effect", so that window keeps no period. A key cannot read the credit balance.
 */
public final class AnthropicProvider extends HeaderProvider {
  static final String ID = "anthropic";
  static final String NAME = "Anthropic";

  static final List<WindowHeaders> WINDOWS =
      List.of(
          window("requests_per_minute", "requests"),
          window("tokens", "tokens"),
          window("input_tokens_per_minute", "input-tokens"),
          window("output_tokens_per_minute", "output-tokens"));

  /** Model aliases from https://docs.anthropic.com/en/docs/about-claude/models/overview. */
  static final List<String> DEFAULT_MODELS = List.of("claude-haiku-4-5", "claude-sonnet-4-5");

  /**
   * Keys start {@code sk-ant-} ({@code sk-ant-api03-…}, {@code sk-ant-admin01-…}: gitleaks' and
   * betterleaks' {@code anthropic-api-key} rules, {@code cmd/generate/config/rules/anthropic.go}).
   */
  static final String KEY_PREFIX = "sk-ant-";

  static final String CONSOLE = "https://console.anthropic.com/settings/billing";

  /**
   * @param http trusted, reading at most {@link HeaderProbe#MAX_ERROR_BODY_BYTES}
   * @param baseUrl Anthropic's API base, e.g. {@code https://api.anthropic.com} (a trailing {@code
   *     /v1} is dropped)
   */
  public AnthropicProvider(UpstreamHttp http, URI baseUrl, Clock clock) {
    super(
        ID,
        NAME,
        DEFAULT_MODELS,
        "sk-ant-…",
        List.of(KEY_PREFIX),
        CONSOLE,
        http,
        new AnthropicMessages(baseUrl),
        WINDOWS,
        clock);
  }

  private static WindowHeaders window(String name, String what) {
    String prefix = "anthropic-ratelimit-" + what;
    return new WindowHeaders(
        name, prefix + "-limit", prefix + "-remaining", prefix + "-reset", ResetFormat.RFC_3339);
  }
}
