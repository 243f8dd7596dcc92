package dev.quotabot.quota.console;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;

/**
 * Volcengine Ark's key check, {@code GET /api/v3/models} with the Ark API key as a Bearer token
 * (Volcengine's "Base URL及鉴权", https://www.volcengine.com/docs/82379/1298459; open-source clients
 * validate Ark keys with this call). Fixtures: Ark's error object {@code
 * {"error":{"code","message","param","type"}}}; the refusal's words are the ones clients report
 * ("AuthenticationError: the API key or AK/SK in the request is missing or invalid").
 */
final class VolcengineProviderTest extends KeyCheckContractTest {
  @Override
  Check check() {
    return new Check(
        "/api/v3/models",
        "volcengine",
        "volcengine/models.json",
        401,
        "volcengine/401-unauthorized.json",
        "The API key or AK/SK in the request is missing or invalid",
        "volcengine/429-rate-limited.json",
        "unexpected internal error",
        "volcengine",
        "Volcengine Ark",
        "0a1b2c3d-TESTKEY-1234567890abcdef");
  }

  @Override
  String pastedSuffix() {
    return "/api/v3";
  }

  @Override
  Provider provider(UpstreamHttp http, URI baseUrl) {
    return new VolcengineProvider(http, baseUrl);
  }
}
