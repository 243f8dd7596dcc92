package dev.quotabot.quota.console;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;

/**
 * Together's key check, {@code GET /v1/models} (Together's "List models"; LibreChat's documented
 * script fetches it with a Bearer key and reads a JSON array). Fixtures: the array of models, and
 * OpenAI-style error objects (the refusal's "Invalid API key provided").
 */
final class TogetherProviderTest extends KeyCheckContractTest {
  @Override
  Check check() {
    return new Check(
        "/v1/models",
        "together",
        "together/models.json",
        401,
        "together/401-unauthorized.json",
        "Invalid API key provided",
        "together/429-rate-limited.json",
        "Internal server error",
        "together",
        "Together",
        "together-TESTKEY-1234567890abcdef");
  }

  @Override
  String pastedSuffix() {
    return "/v1";
  }

  @Override
  Provider provider(UpstreamHttp http, URI baseUrl) {
    return new TogetherProvider(http, baseUrl);
  }
}
