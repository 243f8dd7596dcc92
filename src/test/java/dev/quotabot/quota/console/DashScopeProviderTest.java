package dev.quotabot.quota.console;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;

/**
 * DashScope's key check, {@code GET /compatible-mode/v1/models} (the OpenAI-compatible model list
 * that open-source clients use to validate a DashScope key; api-evangelist/qwen's Model Studio
 * collection: "List available models"). Fixtures: the OpenAI list shape, and OpenAI-style error
 * objects ({@code error.message}, {@code code: invalid_api_key}), which DashScope's compatible mode
 * answers with.
 */
final class DashScopeProviderTest extends KeyCheckContractTest {
  @Override
  Check check() {
    return new Check(
        "/compatible-mode/v1/models",
        "dashscope",
        "dashscope/models.json",
        401,
        "dashscope/401-unauthorized.json",
        "Incorrect API key provided",
        "dashscope/429-rate-limited.json",
        "An internal error has occured",
        "dashscope",
        "DashScope",
        "sk-dashscope-TESTKEY-1234567890abcdef");
  }

  @Override
  String pastedSuffix() {
    return "/compatible-mode/v1";
  }

  @Override
  Provider provider(UpstreamHttp http, URI baseUrl) {
    return new DashScopeProvider(http, baseUrl);
  }
}
