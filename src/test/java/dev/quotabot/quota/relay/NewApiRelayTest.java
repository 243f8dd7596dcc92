package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static dev.quotabot.quota.relay.RelayHarness.limitedToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.support.LoopbackWireMock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the relay declares, where its requests go, and that nothing escapes as an exception. */
final class NewApiRelayTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  @Test
  void declaresARelayThatNeedsABaseUrlListsTheKeysModelsAndTakesAdminAccess() {
    // GIVEN the relay provider
    // WHEN it is asked what it is
    ProviderInfo info = harness.relay().info();

    // THEN a relay: balances, the key's model list, a base_url, admin access; no probe, no
    // catalog, no daily reset; its unit depends on the site
    assertEquals("newapi", info.id());
    assertEquals("Relay (new-api, sub2api…)", info.name());
    assertEquals(
        Set.of(
            Capability.BALANCES,
            Capability.LISTS_KEY_MODELS,
            Capability.NEEDS_BASE_URL,
            Capability.ADMIN_ACCESS),
        info.capabilities());
    assertTrue(info.takesModels());
    assertNull(info.unit());
    assertTrue(info.defaultModels().isEmpty());
  }

  @Test
  void asksUnderTheSitesPathWithTheKeyOnlyWhereNeeded() {
    // GIVEN a relay served under /relay
    upstream.stubFor(
        get(urlPathEqualTo("/relay/api/status")).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/relay/api/usage/token/"))
            .willReturn(json(200, "usage-token-limited.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl() + "/relay").account();

    // THEN the status was asked without credentials, the token usage with the key
    assertEquals(List.of(limitedToken("USD", "15", "20", "5")), account.balances());
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/relay/api/status")).withHeader("Authorization", absent()));
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/relay/api/usage/token/"))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void noBaseUrlIsANetworkErrorWithoutAnyCall() {
    // GIVEN a request without a relay address
    ProviderRequest request =
        new ProviderRequest(ApiKey.of(KEY), List.of(), null, null, Duration.ofSeconds(1));

    // WHEN
    ProviderResult result = harness.relay().readAccount(request).join();

    // THEN it says so, and nothing was asked
    assertEquals(ProbeStatus.NETWORK_ERROR, result.account().status());
    assertEquals("No relay address (base_url) was given.", result.account().error());
    upstream.verify(0, getRequestedFor(anyUrl()));
  }

  @Test
  void aClosedClientBecomesAFailedBalanceNotAnException() {
    // GIVEN a relay whose HTTP client was closed (its threads refuse every call)
    UpstreamClient closed = UpstreamClient.allowingPrivateAddresses();
    closed.close();
    NewApiRelay relay = new NewApiRelay(closed.relayHttp());

    // WHEN the key is checked
    ProviderResult result =
        relay
            .readAccount(RelayHarness.request(upstream.baseUrl(), Duration.ofSeconds(1)))
            .orTimeout(5, TimeUnit.SECONDS)
            .join();

    // THEN a failed balance of the relay, completed normally
    assertEquals(ProbeStatus.NETWORK_ERROR, result.account().status());
    assertEquals("newapi", result.account().provider());
    assertTrue(result.account().balances().isEmpty());
  }

  @Test
  void aRefusedKeyIsWordedInTheReadersLanguageWithTheRelaysOwnWords() {
    // GIVEN a relay that refuses the key in its own words
    upstream.stubFor(
        get(urlPathEqualTo("/api/status")).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo("/api/usage/token/"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"success\":false,\"message\":\"令牌已过期\"}")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN a Chinese reader gets the whole sentence in Chinese, the relay's words as they are
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals("中转站拒绝了该 Key（HTTP 401）：令牌已过期", account.errorText().in(Locale.SIMPLIFIED_CHINESE));
    assertEquals("The relay rejected the key (HTTP 401): 令牌已过期", account.error());
  }
}
