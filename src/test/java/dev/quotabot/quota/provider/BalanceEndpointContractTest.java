package dev.quotabot.quota.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.AccountChecks.account;
import static dev.quotabot.support.AccountChecks.assertFailedWithoutNumbers;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.support.AccountChecks;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.Numbers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every single-endpoint provider does when its endpoint fails: the same behaviour, checked
 * once here for each provider's test class (which names its endpoint, fixtures and words).
 */
abstract class BalanceEndpointContractTest {
  /** The provider's stand-in, one per test class. */
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose final ProviderHarness harness = new ProviderHarness();

  WireMockExtension upstream() {
    return upstream;
  }

  abstract Provider provider();

  /**
   * What the contract needs to know of a provider's endpoint.
   *
   * @param path the balance endpoint's path on the fake, e.g. {@code /user/balance}
   * @param fixtures the fixture folder, e.g. {@code deepseek}, holding 500-internal.json and
   *     502-bad-gateway.html
   * @param goodAnswer a fixture with a good balance answer
   * @param serverErrorWords words of the provider's 500 message that the error must keep
   * @param rejectedKeyFixture a fixture in which the provider refuses the key (and echoes it)
   * @param rejectedKeyWords words of that refusal the error must keep
   * @param garbledAnswers 200 bodies that are not the documented answer (truncated, wrong types,
   *     absurd numbers), beyond the ones every provider is given
   * @param id the provider's id
   * @param name the provider's display name
   * @param key the key the tests check
   */
  record Endpoint(
      String path,
      String fixtures,
      String goodAnswer,
      String serverErrorWords,
      String rejectedKeyFixture,
      String rejectedKeyWords,
      List<String> garbledAnswers,
      String id,
      String name,
      String key) {}

  abstract Endpoint endpoint();

  @Test
  void declaresItselfAsReadingBalancesOnlyWithNoBaseUrlFromTheQuery() {
    // GIVEN the provider
    // WHEN it is asked what it is
    ProviderInfo info = provider().info();

    // THEN its id and name; it reads balances and does nothing else (no probe, no model list, no
    // base_url, no admin access), and proposes no model
    assertEquals(endpoint().id(), info.id());
    assertEquals(endpoint().name(), info.name());
    assertEquals(Set.of(Capability.BALANCES), info.capabilities());
    assertFalse(info.takesModels());
    assertTrue(info.defaultModels().isEmpty());
    assertEquals("sk-…", info.keyHint());
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void aRejectedKeyIsInvalidKeyWithTheProvidersWordsAndWithoutTheKey(int status) {
    // GIVEN the provider rejects the key and echoes it in its message
    upstream()
        .stubFor(
            get(urlPathEqualTo(endpoint().path()))
                .willReturn(response(status, endpoint().rejectedKeyFixture())));

    // WHEN the key is checked
    Account account = account(provider(), endpoint().key());

    // THEN invalid_key with the status and the provider's words, the key shown only as a
    // fingerprint; the unit is the one the provider declares
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals(endpoint().id(), account.provider());
    assertEquals(provider().info().unit(), account.unit());
    assertTrue(account.error().contains("HTTP " + status), account.error());
    assertTrue(account.error().contains(endpoint().rejectedKeyWords()), account.error());
    assertFalse(account.error().contains(secretPartOfKey()), account.error());
    assertFailedWithoutNumbers(account);
  }

  @TestFactory
  Stream<DynamicTest> aGarbledAnswerIsUpstreamErrorNeverZero() {
    return Stream.concat(
            Stream.of("not json at all", "", "[1,2,3]"), endpoint().garbledAnswers().stream())
        .map(
            body ->
                DynamicTest.dynamicTest(
                    body.isEmpty() ? "(empty body)" : body,
                    () -> {
                      // GIVEN a 200 whose body is not the documented answer
                      upstream()
                          .stubFor(
                              get(urlPathEqualTo(endpoint().path()))
                                  .willReturn(aResponse().withStatus(200).withBody(body)));

                      // WHEN the key is checked
                      Account account = account(provider(), endpoint().key());

                      // THEN upstream_error, no balance at all (so no amount shown as zero and
                      // nothing "unlimited")
                      assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
                      assertFailedWithoutNumbers(account);
                    }));
  }

  /** The key without the characters its fingerprint shows (the first 3 and the last 4). */
  String secretPartOfKey() {
    return endpoint().key().substring(3, endpoint().key().length() - 4);
  }

  @Test
  void aServerErrorIsUpstreamError() {
    // GIVEN the provider fails with 500
    upstream()
        .stubFor(
            get(urlPathEqualTo(endpoint().path()))
                .willReturn(response(500, endpoint().fixtures() + "/500-internal.json")));

    // WHEN the key is checked
    Account account = account(provider(), endpoint().key());

    // THEN upstream_error naming the status and the provider's message
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP 500"), account.error());
    assertTrue(account.error().contains(endpoint().serverErrorWords()), account.error());
    assertFailedWithoutNumbers(account);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 502})
  void anHtmlPageIsUpstreamErrorWithoutTheHtml(int status) {
    // GIVEN a proxy's HTML error page
    upstream()
        .stubFor(
            get(urlPathEqualTo(endpoint().path()))
                .willReturn(response(status, endpoint().fixtures() + "/502-bad-gateway.html")));

    // WHEN the key is checked
    Account account = account(provider(), endpoint().key());

    // THEN upstream_error naming the status, no markup
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP " + status), account.error());
    assertTrue(!account.error().contains("<"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 410})
  void aGoneEndpointIsUpstreamErrorNamingTheSetting(int status) {
    // GIVEN the balance endpoint answers that it is not there (retired, or a wrong base_url)
    upstream()
        .stubFor(get(urlPathEqualTo(endpoint().path())).willReturn(aResponse().withStatus(status)));

    // WHEN the key is checked
    Account account = account(provider(), endpoint().key());

    // THEN upstream_error saying the endpoint is gone, with the status and the setting to change
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("balance endpoint is gone"), account.error());
    assertTrue(account.error().contains("HTTP " + status), account.error());
    assertTrue(
        account.error().contains("provider." + endpoint().id() + ".base_url"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aGoneEndpointIsWordedInTheReadersLanguage() {
    // GIVEN the balance endpoint answers 410 without a word
    upstream()
        .stubFor(get(urlPathEqualTo(endpoint().path())).willReturn(aResponse().withStatus(410)));

    // WHEN the key is checked and the error is worded for a reader of Simplified Chinese
    Account account = account(provider(), endpoint().key());
    String chinese = account.errorText().in(Locale.SIMPLIFIED_CHINESE);

    // THEN Chinese sentences: only the provider's name, the status, the setting, hosts and URLs
    // stay as they are (and "Key", which Chinese texts say for a key)
    assertTrue(chinese.startsWith(endpoint().name() + " 的余额接口已不存在（它返回了 HTTP 410）。"), chinese);
    assertTrue(chinese.contains("provider." + endpoint().id() + ".base_url"), chinese);
    String rest =
        chinese
            .replace(endpoint().name(), "")
            .replace("HTTP", "")
            .replace("Key", "")
            .replaceAll("provider\\.[a-z0-9]+\\.base_url", "")
            .replaceAll("(https?://)?[a-z0-9.-]+\\.(com|cn|ai)", "");
    assertFalse(rest.matches("(?s).*[A-Za-z]{2,}.*"), rest);
  }

  @Test
  void anErrorSayingTheEndpointIsDeprecatedIsAGoneEndpoint() {
    // GIVEN a refusal whose words say the endpoint is deprecated (the product's rule, not an
    // upstream's documented body)
    upstream()
        .stubFor(
            get(urlPathEqualTo(endpoint().path()))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withBody("{\"message\":\"This endpoint is deprecated\"}")));

    // WHEN the key is checked
    Account account = account(provider(), endpoint().key());

    // THEN the endpoint is gone, with the upstream's words
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("balance endpoint is gone"), account.error());
    assertTrue(account.error().contains("This endpoint is deprecated"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aSlowAnswerIsATimeoutWithinTheGivenTimeout() {
    // GIVEN the provider takes 5 s
    upstream()
        .stubFor(
            get(urlPathEqualTo(endpoint().path()))
                .willReturn(response(200, endpoint().goodAnswer()).withFixedDelay(5_000)));

    // WHEN the key is checked with a 300 ms timeout
    long started = System.nanoTime();
    Account account =
        AccountChecks.check(provider(), endpoint().key(), Duration.ofMillis(300)).account();
    long tookMs = Numbers.elapsedMs(started);

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
                get(urlPathEqualTo(endpoint().path()))
                    .willReturn(aResponse().withStatus(statuses[i]).withBody(bodies[i])));
        results.append(AccountChecks.check(provider(), endpoint().key(), AccountChecks.TIMEOUT));
        results.append('\n');
      }
      assertFalse(logs.text().contains(endpoint().key()), logs.text());
      return results.toString();
    }
  }
}
