package dev.quotabot.quota.headers;

import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * OpenAI: every API answer carries {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}}
 * (https://platform.openai.com/docs/guides/rate-limits, "Rate limits in headers": {@code
 * x-ratelimit-reset-requests} "1s", {@code x-ratelimit-reset-tokens} "6m0s", "the time until the
 * rate limit … resets to its initial state"). The headers do not say over what period the limits
 * count, so the windows are just {@code requests} and {@code tokens}. A key cannot read a balance.
 */
public final class OpenAiProvider extends HeaderProvider {
  static final String ID = "openai";
  static final String NAME = "OpenAI";

  static final List<WindowHeaders> WINDOWS =
      List.of(
          new WindowHeaders(
              "requests",
              "x-ratelimit-limit-requests",
              "x-ratelimit-remaining-requests",
              "x-ratelimit-reset-requests",
              ResetFormat.GO_DURATION),
          new WindowHeaders(
              "tokens",
              "x-ratelimit-limit-tokens",
              "x-ratelimit-remaining-tokens",
              "x-ratelimit-reset-tokens",
              ResetFormat.GO_DURATION));

  /** Model ids from https://platform.openai.com/docs/models. */
  static final List<String> DEFAULT_MODELS = List.of("gpt-4o-mini", "gpt-4.1-mini");

  /**
   * Project keys start {@code sk-proj-}, service-account keys {@code sk-svcacct-}, older user keys
   * just {@code sk-} (gitleaks' and betterleaks' {@code openai-api-key} rules, {@code
   * cmd/generate/config/rules/openai.go}). Plain {@code sk-} is shared with DeepSeek, SiliconFlow,
   * Moonshot and relays, so such a key must name its provider. Admin keys ({@code sk-admin-}) call
   * no model and are not claimed.
   */
  static final List<String> KEY_PREFIXES = List.of("sk-proj-", "sk-svcacct-", "sk-");

  static final String CONSOLE =
      "https://platform.openai.com/settings/organization/billing/overview";

  /**
   * @param http trusted, reading at most {@link HeaderProbe#MAX_ERROR_BODY_BYTES}
   * @param baseUrl OpenAI's API base, e.g. {@code https://api.openai.com} (a trailing {@code /v1}
   *     is dropped)
   */
  public OpenAiProvider(UpstreamHttp http, URI baseUrl, Clock clock) {
    super(
        ID,
        NAME,
        DEFAULT_MODELS,
        "sk-proj-…",
        KEY_PREFIXES,
        CONSOLE,
        http,
        new OpenAiChat(baseUrl),
        WINDOWS,
        clock);
  }
}
