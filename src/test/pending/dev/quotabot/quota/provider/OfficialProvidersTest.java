package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRegistry;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.quota.net.DirectHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The factory the application registers the official providers with. */
final class OfficialProvidersTest {
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";

  @RegisterExtension
  static final WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private final ProviderHarness harness = new ProviderHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void buildsTheFourProvidersEachAskingItsOwnBase() {
    // GIVEN each provider's endpoint under its own base path
    upstream.stubFor(
        get(urlPathEqualTo("/ds/user/balance"))
            .willReturn(response(200, "deepseek/balance-cny-and-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/sf/v1/user/info"))
            .willReturn(response(200, "siliconflow/user-info-strings.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/or/api/v1/key"))
            .willReturn(response(200, "openrouter/key-with-limit.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/ms/v1/users/me/balance"))
            .willReturn(response(200, "moonshot/balance-positive.json")));

    // WHEN the factory builds them and they are registered
    List<BalanceProvider> providers =
        OfficialProviders.create(
            harness.http(), base("/ds"), base("/sf"), base("/or"), base("/ms"));
    ProviderRegistry registry = new ProviderRegistry(providers);

    // THEN four providers under their ids, none needing a base URL from the query, each reading
    // its balance from its own base
    assertEquals(
        List.of("modelscope", "deepseek", "siliconflow", "openrouter", "moonshot"), registry.ids());
    for (BalanceProvider provider : providers) {
      assertFalse(provider.needsBaseUrl(), provider.id());
      assertEquals(ProbeStatus.OK, ProviderHarness.account(provider, KEY).status(), provider.id());
    }
  }

  @Test
  void theirHttpIsTheSharedClientWithTheBodyCap() {
    // GIVEN the shared client and timeout scheduler
    try (TimeoutScheduler timeouts = new TimeoutScheduler()) {
      // WHEN the providers' HTTP is built on them
      // THEN it is a direct (operator-trusted) client with a 64 KB cap
      assertEquals(64 * 1024, OfficialProviders.MAX_BODY_BYTES);
      assertInstanceOf(
          DirectHttp.class, OfficialProviders.http(HttpClient.newHttpClient(), timeouts));
    }
  }

  private static URI base(String path) {
    return URI.create(upstream.baseUrl() + path);
  }
}
