package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.assertAmount;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the registry sees, where requests go, and that nothing escapes as an exception. */
final class NewApiRelayTest {
  @RegisterExtension static final WireMockExtension upstream = RelayHarness.wireMock();

  private final RelayHarness harness = new RelayHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void describesItselfAsARelayThatNeedsABaseUrl() {
    NewApiRelay relay = harness.relay();
    assertEquals("newapi", relay.id());
    assertEquals("new-api / one-api relay", relay.displayName());
    assertTrue(relay.needsBaseUrl());
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
    AccountBalance account = harness.check(upstream.baseUrl() + "/relay").account();

    // THEN the status was asked without credentials, the token usage with the key
    assertAmount("15", account.availableBalance());
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/relay/api/status")).withHeader("Authorization", absent()));
    upstream.verify(
        getRequestedFor(urlPathEqualTo("/relay/api/usage/token/"))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void throwingHttpBecomesAFailedBalanceNotAnException() {
    // GIVEN an UpstreamHttp that breaks its promise
    UpstreamHttp broken =
        (url, headers, timeout, name) -> {
          throw new IllegalStateException("boom");
        };
    UpstreamHttp failing =
        (url, headers, timeout, name) ->
            CompletableFuture.failedFuture(new IllegalStateException("boom"));

    for (UpstreamHttp http : new UpstreamHttp[] {broken, failing}) {
      // WHEN
      ProviderResult result =
          new NewApiRelay(http, Runnable::run)
              .check(
                  new ProviderRequest(
                      ApiKey.of(KEY),
                      URI.create("https://relay.example"),
                      null,
                      Duration.ofSeconds(1)))
              .join();

      // THEN
      assertEquals(ProbeStatus.NETWORK_ERROR, result.account().status());
      assertEquals("newapi", result.account().provider());
    }
  }
}
