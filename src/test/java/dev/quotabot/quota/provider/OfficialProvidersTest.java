package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRegistry;
import dev.quotabot.support.AccountChecks;
import dev.quotabot.support.LoopbackWireMock;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The factory the application registers the official providers with. */
final class OfficialProvidersTest {
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final ProviderHarness harness = new ProviderHarness();

  @Test
  void buildsTheSevenProvidersOnTheTrustedClientEachAskingItsOwnBase() {
    // GIVEN each provider's endpoint under its own base path, on a loopback address (which the
    // guarded client of production's settings refuses)
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
    upstream.stubFor(
        get(urlPathEqualTo("/st/v1/accounts"))
            .willReturn(response(200, "stepfun/accounts-prepaid.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/nv/openapi/v1/billing/balance/detail"))
            .willReturn(response(200, "novita/balance-detail-documented.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/ai302/dashboard/balance"))
            .willReturn(response(200, "302ai/balance-string.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/poe/usage/current_balance"))
            .willReturn(response(200, "poe/balance.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/venice/api/v1/billing/balance"))
            .willReturn(response(200, "venice/balance-diem.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/di/payment/checklist"))
            .willReturn(response(200, "deepinfra/checklist-prepaid.json")));

    // WHEN the factory builds them on production's clients and they are registered
    List<Provider> providers = create();
    ProviderRegistry registry = new ProviderRegistry(providers);

    // THEN ten providers under their ids, in that order, each reading its balance from its own
    // base on the trusted client
    assertEquals(
        List.of(
            "deepseek",
            "siliconflow",
            "openrouter",
            "moonshot",
            "stepfun",
            "novita",
            "302ai",
            "poe",
            "venice",
            "deepinfra"),
        registry.infos().stream().map(ProviderInfo::id).toList());
    for (Provider provider : providers) {
      assertEquals(
          ProbeStatus.OK, AccountChecks.account(provider, KEY).status(), provider.info().id());
    }
  }

  @Test
  void readsABalanceAnswerUpTo64KbAndNoFurther() {
    // GIVEN two DeepSeek answers padded to just under and just over 64 KB before the balance
    List<Provider> providers = create();
    Provider deepSeek = providers.get(0);

    // WHEN the key is checked against each
    ProbeStatus under = statusWithPadding(deepSeek, OfficialProviders.MAX_BODY_BYTES - 1_000);
    ProbeStatus over = statusWithPadding(deepSeek, OfficialProviders.MAX_BODY_BYTES + 1_000);

    // THEN the cap is 64 KB: the first is read whole, the second is cut at the cap (so it is no
    // JSON) and is an upstream error, never a made-up balance
    assertEquals(64 * 1024, OfficialProviders.MAX_BODY_BYTES);
    assertEquals(ProbeStatus.OK, under);
    assertEquals(ProbeStatus.UPSTREAM_ERROR, over);
  }

  /** The status of a check whose answer is a good balance after {@code padding} bytes. */
  private static ProbeStatus statusWithPadding(Provider provider, int padding) {
    String body =
        "{\"pad\":\""
            + "x".repeat(padding)
            + "\",\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\","
            + "\"total_balance\":\"1.00\"}]}";
    upstream.stubFor(
        get(urlPathEqualTo("/ds/user/balance"))
            .willReturn(aResponse().withStatus(200).withBody(body)));
    return AccountChecks.account(provider, KEY).status();
  }

  private List<Provider> create() {
    Map<String, String> paths =
        Map.of(
            "deepseek",
            "/ds",
            "siliconflow",
            "/sf",
            "openrouter",
            "/or",
            "moonshot",
            "/ms",
            "stepfun",
            "/st",
            "novita",
            "/nv",
            "302ai",
            "/ai302",
            "poe",
            "/poe",
            "venice",
            "/venice",
            "deepinfra",
            "/di");
    return OfficialProviders.create(harness.clients(), id -> base(paths.get(id)));
  }

  private static URI base(String path) {
    return URI.create(upstream.baseUrl() + path);
  }
}
