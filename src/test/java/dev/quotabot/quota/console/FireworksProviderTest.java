package dev.quotabot.quota.console;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;

/**
 * Fireworks' key check, {@code GET /v1/accounts}: the accounts the key can see, free (Fireworks'
 * billing FAQ) and the call CodexBar makes with a Bearer key (steipete/CodexBar {@code
 * docs/fireworks.md}). Fixtures: an account list ({@code accounts[]{name: accounts/<slug>}}) and
 * error objects with {@code error.message}.
 */
final class FireworksProviderTest extends KeyCheckContractTest {
  @Override
  Check check() {
    return new Check(
        "/v1/accounts",
        "fireworks",
        "fireworks/accounts.json",
        401,
        "fireworks/401-unauthorized.json",
        "Unauthorized",
        "fireworks/429-rate-limited.json",
        "Internal server error",
        "fireworks",
        "Fireworks",
        "fw_TESTKEY1234567890abcdef");
  }

  @Override
  String pastedSuffix() {
    return "/inference/v1";
  }

  @Override
  Provider provider(UpstreamHttp http, URI baseUrl) {
    return new FireworksProvider(http, baseUrl);
  }
}
