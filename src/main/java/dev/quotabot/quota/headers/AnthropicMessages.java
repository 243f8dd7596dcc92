package dev.quotabot.quota.headers;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ChatBody;
import dev.quotabot.quota.Urls;
import java.net.URI;
import java.util.Map;

/**
 * Anthropic's Messages API: {@code POST {base}/v1/messages} with the key in {@code x-api-key} and
 * the API version in {@code anthropic-version}, one user message, {@code max_tokens: 1}, streamed
 * (https://docs.anthropic.com/en/api/messages: {@code max_tokens} is required; {@code
 * anthropic-version: 2023-06-01} is the version its examples send). Anthropic estimates a call's
 * output tokens from {@code max_tokens} (https://docs.anthropic.com/en/api/rate-limits, "OTPM rate
 * limits are estimated based on max_tokens"), so the probe reserves one.
 */
final class AnthropicMessages implements CallStyle {
  static final String VERSION = "2023-06-01";

  private final URI messages;

  /**
   * @param baseUrl the API's base, e.g. {@code https://api.anthropic.com} (a trailing {@code /v1}
   *     is dropped)
   */
  AnthropicMessages(URI baseUrl) {
    this.messages =
        Urls.resolve(URI.create(Urls.withoutSuffix(baseUrl.toString(), "/v1")), "v1/messages");
  }

  @Override
  public CheapCall call(ApiKey key, String model) {
    return new CheapCall(
        messages,
        Map.of(
            "x-api-key", key.reveal(), "anthropic-version", VERSION, "Accept", "text/event-stream"),
        body(model));
  }

  static String body(String model) {
    return ChatBody.oneToken(model, "max_tokens");
  }
}
