package dev.quotabot.quota.console;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;

/**
 * Mistral's key check, {@code GET /v1/models} (https://docs.mistral.ai/api/endpoint/models).
 * Fixtures: {@code mistral/models.json} is the documented list shape ({@code object: list}, {@code
 * data[]}); {@code 401-unauthorized.json} is Mistral's refusal as clients record it ({@code
 * {"message":"Unauthorized","request_id":…}}, and {@code 429-rate-limited.json} its "Requests rate
 * limit exceeded" (both in open-source Mistral clients' tests); the 500 is the same shape.
 */
final class MistralProviderTest extends KeyCheckContractTest {
  @Override
  Check check() {
    return new Check(
        "/v1/models",
        "mistral",
        "mistral/models.json",
        401,
        "mistral/401-unauthorized.json",
        "Unauthorized",
        "mistral/429-rate-limited.json",
        "Internal server error",
        "mistral",
        "Mistral",
        "mistral-TESTKEY-1234567890abcdef");
  }

  @Override
  String pastedSuffix() {
    return "/v1";
  }

  @Override
  Provider provider(UpstreamHttp http, URI baseUrl) {
    return new MistralProvider(http, baseUrl);
  }
}
