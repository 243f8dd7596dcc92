package dev.quotabot.quota.headers;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ChatBody;
import dev.quotabot.quota.Urls;
import java.net.URI;
import java.util.Map;

/**
 * An OpenAI-compatible chat completion: {@code POST {base}/v1/chat/completions} with {@code
 * Authorization: Bearer <key>}, one user message, at most one output token, streamed (the answer's
 * headers come before any token, and the call is closed right after them).
 *
 * <p>The cap is {@code max_completion_tokens}: OpenAI's API reference marks {@code max_tokens}
 * "deprecated in favor of max_completion_tokens, and not compatible with o-series models"
 * (openai/openai-python {@code src/openai/types/chat/completion_create_params.py}); Groq's client
 * marks it the same way (groq/groq-python {@code src/groq/types/chat/completion_create_params.py});
 * Cerebras counts a request's tokens against its limits with {@code max_completion_tokens}
 * (https://inference-docs.cerebras.ai/support/rate-limits, "Token Rate Limiting"), so a cap of 1
 * keeps the probe from reserving a whole answer's tokens.
 */
final class OpenAiChat implements CallStyle {
  private final URI chatCompletions;

  /**
   * @param baseUrl the API's base; a trailing {@code /v1} is dropped, so {@code
   *     https://api.groq.com/openai} and {@code https://api.groq.com/openai/v1} are the same
   */
  OpenAiChat(URI baseUrl) {
    this.chatCompletions =
        Urls.resolve(
            URI.create(Urls.withoutSuffix(baseUrl.toString(), "/v1")), "v1/chat/completions");
  }

  @Override
  public CheapCall call(ApiKey key, String model) {
    return new CheapCall(
        chatCompletions,
        Map.of("Authorization", "Bearer " + key.reveal(), "Accept", "text/event-stream"),
        body(model));
  }

  static String body(String model) {
    return ChatBody.oneToken(model, "max_completion_tokens");
  }
}
