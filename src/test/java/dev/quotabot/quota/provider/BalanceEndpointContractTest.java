package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.provider.ProviderHarness.account;
import static dev.quotabot.quota.provider.ProviderHarness.assertFailedWithoutNumbers;
import static dev.quotabot.quota.provider.ProviderHarness.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every single-endpoint provider does when its endpoint fails: the same behaviour, checked
 * once here for each provider's test class (which names its endpoint, fixtures and words).
 */
abstract class BalanceEndpointContractTest {
  /** The provider's stand-in, one per test class. */
  @RegisterExtension
  static final WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  final ProviderHarness harness = new ProviderHarness();

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  WireMockExtension upstream() {
    return upstream;
  }

  abstract BalanceProvider provider();

  /** The balance endpoint's path on the fake, e.g. {@code /user/balance}. */
  abstract String balancePath();

  /**
   * The fixture folder, e.g. {@code deepseek}, holding 500-internal.json and 502-bad-gateway.html.
   */
  abstract String fixtures();

  /** A fixture with a good balance answer. */
  abstract String goodAnswer();

  /** Words of the provider's 500 message that the error must keep. */
  abstract String serverErrorWords();

  abstract String key();

  @Test
  void aServerErrorIsUpstreamError() {
    // GIVEN the provider fails with 500
    upstream()
        .stubFor(
            get(urlPathEqualTo(balancePath()))
                .willReturn(fixture(500, fixtures() + "/500-internal.json")));

    // WHEN the key is checked
    AccountBalance account = account(provider(), key());

    // THEN upstream_error naming the status and the provider's message
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP 500"), account.error());
    assertTrue(account.error().contains(serverErrorWords()), account.error());
    assertFailedWithoutNumbers(account);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 502})
  void anHtmlPageIsUpstreamErrorWithoutTheHtml(int status) {
    // GIVEN a proxy's HTML error page
    upstream()
        .stubFor(
            get(urlPathEqualTo(balancePath()))
                .willReturn(fixture(status, fixtures() + "/502-bad-gateway.html")));

    // WHEN the key is checked
    AccountBalance account = account(provider(), key());

    // THEN upstream_error naming the status, no markup
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP " + status), account.error());
    assertTrue(!account.error().contains("<"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aSlowAnswerIsATimeoutWithinTheGivenTimeout() {
    // GIVEN the provider takes 5 s
    upstream()
        .stubFor(
            get(urlPathEqualTo(balancePath()))
                .willReturn(fixture(200, goodAnswer()).withFixedDelay(5_000)));

    // WHEN the key is checked with a 300 ms timeout
    long started = System.nanoTime();
    AccountBalance account =
        ProviderHarness.check(provider(), key(), Duration.ofMillis(300)).account();
    long tookMs = ProviderHarness.elapsedMs(started);

    // THEN timeout, well before the provider would have answered (generous bound)
    assertEquals(ProbeStatus.TIMEOUT, account.status());
    assertTrue(account.error().contains("300 ms"), account.error());
    assertFailedWithoutNumbers(account);
    assertTrue(tookMs < 2_000, "took " + tookMs + " ms");
  }

  /**
   * Checks the key once against each answer (status and body in turn) and returns every result as
   * text, after asserting that no log line written meanwhile holds the key.
   */
  String resultsFor(int[] statuses, String[] bodies) {
    try (LogCapture logs = LogCapture.open()) {
      StringBuilder results = new StringBuilder();
      for (int i = 0; i < bodies.length; i++) {
        upstream()
            .stubFor(
                get(urlPathEqualTo(balancePath()))
                    .willReturn(aResponse().withStatus(statuses[i]).withBody(bodies[i])));
        results.append(ProviderHarness.check(provider(), key(), ProviderHarness.TIMEOUT));
        results.append('\n');
      }
      assertFalse(logs.text().contains(key()), logs.text());
      return results.toString();
    }
  }
}
