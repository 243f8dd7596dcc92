package dev.quotabot.quota.headers;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The providers that report what is left in response headers, built from their operator-configured
 * base URLs (trusted, so they are reached on the {@link UpstreamClients#trusted trusted} client).
 */
public final class HeaderProviders {
  private HeaderProviders() {}

  /**
   * Groq, Cerebras, OpenAI and Anthropic, in that order.
   *
   * @param groq e.g. {@code https://api.groq.com/openai}
   * @param cerebras e.g. {@code https://api.cerebras.ai}
   * @param openai e.g. {@code https://api.openai.com}
   * @param anthropic e.g. {@code https://api.anthropic.com}
   * @param clock when an answer came, the start of resets written as durations
   */
  public static List<Provider> create(
      UpstreamClients clients, URI groq, URI cerebras, URI openai, URI anthropic, Clock clock) {
    UpstreamHttp http = clients.trusted(HeaderProbe.MAX_ERROR_BODY_BYTES);
    return List.of(
        new GroqProvider(http, groq, clock),
        new CerebrasProvider(http, cerebras, clock),
        new OpenAiProvider(http, openai, clock),
        new AnthropicProvider(http, anthropic, clock));
  }
}
