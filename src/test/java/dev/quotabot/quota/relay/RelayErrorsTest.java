package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.MODELS;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.SUBSCRIPTION;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.USAGE;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.Ports;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Refused keys, used-up quotas (whose error text often leaks what is left), slow and unreachable
 * relays: a failure status with the relay's message, scrubbed; never an exception, never the key.
 */
final class RelayErrorsTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  @Test
  void rejectedKeyIsInvalidKeyWithTheRelaysMessageScrubbed() {
    // GIVEN the relay answers 401 and echoes the key in its message
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(401, "401-invalid-token.json")));
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(json(401, "401-invalid-token.json")));

    // WHEN
    ProviderResult result;
    String logs;
    try (LogCapture capture = LogCapture.open()) {
      result = harness.check(upstream.baseUrl());
      logs = capture.text();
    }

    // THEN
    Account account = result.account();
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(
        account.error().startsWith("The relay rejected the key (HTTP 401)"), account.error());
    assertTrue(account.error().contains("无效的令牌"), account.error());
    assertTrue(account.balances().isEmpty(), account.balances().toString());
    assertTrue(result.models().isEmpty());
    assertFalse(result.toString().contains(KEY), result.toString());
    assertFalse(logs.contains(KEY));
  }

  @Test
  void usedUpQuotaKeepsTheLeakedRemainingInTheErrorAndAsTheKeyBalance() {
    // GIVEN a relay (one-api style) whose billing says the quota is not enough, and how much is
    // left
    upstream.stubFor(
        get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-oneapi-currency.json")));
    upstream.stubFor(get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(
        get(urlPathEqualTo(SUBSCRIPTION)).willReturn(json(403, "403-quota-leak.json")));
    upstream.stubFor(get(urlPathEqualTo(USAGE)).willReturn(json(403, "403-quota-leak.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN it is a balance problem, not a bad key; the text keeps "＄0.14", and 0.14 is the key's
    // balance in the site's unit (what the refusal needed, 0.20, is no balance)
    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, account.status());
    assertTrue(account.error().contains("token remain quota: ＄0.14"), account.error());
    assertEquals(List.of(leftOver("USD", "0.14")), account.balances());
  }

  @Test
  void usedUpQuotaOnTokenUsageIsInsufficientBalance() {
    // GIVEN new-api's token usage refuses the key because its quota is spent
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(401, "403-quota-leak.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, account.status());
    assertTrue(account.error().contains("＄0.14"), account.error());
    assertEquals(List.of(leftOver("USD", "0.14")), account.balances());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // the relay words what is left in its display unit: a CNY site's ¥ is not converted again
    "status-newapi-cny.json, ¥1.02,   CNY,        1.02, false",
    "status-newapi-tokens.json, 1500, tokens,     1500, false",
    // a status that cannot be read: the figure is kept, its unit not guessed, the note says so
    "status-502.html,        ＄0.14,  site units, 0.14, true",
  })
  void theLeakedRemainingIsInTheSitesDisplayUnit(
      String status, String leaked, String unit, String available, boolean noted) {
    // GIVEN token usage refuses a used-up key, saying in the site's words what is left
    upstream.stubFor(
        get(urlPathEqualTo(STATUS)).willReturn(json(status.endsWith(".html") ? 502 : 200, status)));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE))
            .willReturn(
                json(403, "403-quota-leak.json")
                    .withBody(
                        Fixtures.read("newapi/403-quota-leak.json")
                            .replace("remain quota: ＄0.14", "remain quota: " + leaked))));
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(json(200, "models.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the key's balance is that figure in the display unit
    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, account.status());
    assertEquals(List.of(leftOver(unit, available)), account.balances());
    assertEquals(noted, account.note() != null, String.valueOf(account.note()));
  }

  @Test
  void aUsedUpQuotaThatSaysNothingOfWhatIsLeftHasNoBalance() {
    // GIVEN a refusal of a used-up key without a figure
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"error\":{\"message\":\"user quota is not enough\"}}")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN insufficient balance, and no figure made up
    assertEquals(ProbeStatus.INSUFFICIENT_BALANCE, account.status());
    assertTrue(account.balances().isEmpty(), account.balances().toString());
  }

  @Test
  void slowRelayTimesOutWithinTheRequestsTimeout() {
    // GIVEN every route answers after 3 s
    upstream.stubFor(
        get(urlPathEqualTo(STATUS))
            .willReturn(json(200, "status-newapi-usd.json").withFixedDelay(3_000)));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE))
            .willReturn(json(200, "usage-token-limited.json").withFixedDelay(3_000)));
    upstream.stubFor(
        get(urlPathEqualTo(MODELS)).willReturn(json(200, "models.json").withFixedDelay(3_000)));

    // WHEN checked with 500 ms
    long started = System.nanoTime();
    ProviderResult result = harness.check(upstream.baseUrl(), null, Duration.ofMillis(500));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    // THEN a timeout, on time
    assertEquals(ProbeStatus.TIMEOUT, result.account().status());
    assertTrue(tookMs < 1_500, "took " + tookMs + " ms");
    assertTrue(result.models().isEmpty());
  }

  @Test
  void aLastCallThatTimesOutLeavesTheComposingOffTheTimeoutThread() {
    // GIVEN a relay on the guarded client (whose deadlines complete the call on the timeout
    // thread) that answers at once, except its model list, which outlasts the check
    RelayHarness.healthyNewApiButModels(upstream, json(200, "models.json").withFixedDelay(3_000));

    // WHEN checked with 500 ms, noting the thread that hands the result on
    String thread =
        harness
            .guardedRelay()
            .readAccount(RelayHarness.request(upstream.baseUrl(), Duration.ofMillis(500)))
            .thenApply(result -> Thread.currentThread().getName())
            .orTimeout(5_000, TimeUnit.MILLISECONDS)
            .join();

    // THEN the JDK's one thread that fires every CompletableFuture deadline in the process was not
    // kept busy with it
    assertNotEquals("CompletableFutureDelayScheduler", thread);
  }

  @Test
  void fallbackGetsOnlyWhatIsLeftOfTheTimeout() {
    // GIVEN token usage says 404 after 400 ms, and billing would answer after 1 s more
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, "status-newapi-usd.json")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE))
            .willReturn(json(404, "404-not-found.json").withFixedDelay(400)));
    upstream.stubFor(
        get(urlPathEqualTo(SUBSCRIPTION))
            .willReturn(json(200, "billing-subscription.json").withFixedDelay(1_000)));
    upstream.stubFor(
        get(urlPathEqualTo(USAGE))
            .willReturn(json(200, "billing-usage.json").withFixedDelay(1_000)));

    // WHEN checked with 800 ms in all
    long started = System.nanoTime();
    Account account = harness.check(upstream.baseUrl(), null, Duration.ofMillis(800)).account();
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    // THEN the whole check ends near 800 ms, not 400 + 800
    assertEquals(ProbeStatus.TIMEOUT, account.status(), account.error());
    assertTrue(tookMs < 1_150, "took " + tookMs + " ms");
  }

  @Test
  void unreachableRelayIsANetworkError() throws Exception {
    // GIVEN a port nothing listens on
    int port = Ports.unused();

    // WHEN
    Account account = harness.check("http://127.0.0.1:" + port).account();

    // THEN
    assertEquals(ProbeStatus.NETWORK_ERROR, account.status());
    assertTrue(account.error().contains("Could not connect"), account.error());
    assertNull(account.unit());
  }

  /** The key's balance as a used-up refusal words it: only what is left. */
  private static Balance leftOver(String unit, String available) {
    return Balance.of(Balance.Scope.KEY, unit)
        .available(new BigDecimal(available))
        .unlimited(false)
        .build();
  }
}
