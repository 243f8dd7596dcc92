package dev.quotabot.quota.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.AccountChecks.assertFailedWithoutNumbers;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.support.AccountChecks;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.Numbers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every provider whose balance only its console shows does, checked once here for each
 * provider's test class (which names its check's path, fixtures and words), against a WireMock
 * stand-in over real HTTP: a key that works is {@code ok} with no balance and the console in the
 * note; a refused key is {@code invalid_key} with the provider's words; a 429 is {@code
 * limit_reached}; a failing or absent provider is {@code upstream_error}, {@code timeout} or {@code
 * network_error}; the key is never in a result or a log line. A 2xx body is not read, so the
 * fixture of a working key only stands for what the provider sends.
 */
abstract class KeyCheckContractTest {

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final UpstreamClient client = new UpstreamClient();

  /**
   * What the contract needs to know of a provider's key check.
   *
   * @param path the checked path on the fake, e.g. {@code /v1/models}
   * @param fixtures the fixture folder, holding 429-…, 500-internal.json and 502-bad-gateway.html
   * @param keyWorks a fixture of the answer to a working key
   * @param refusal the status with which the provider refuses a key
   * @param refusalFixture the fixture of that refusal
   * @param refusalWords words of it the error must keep
   * @param limitFixture the fixture of a 429
   * @param serverErrorWords words of the provider's 500 message the error must keep
   * @param id the provider's id
   * @param name the provider's display name
   * @param key the key the tests check
   */
  record Check(
      String path,
      String fixtures,
      String keyWorks,
      int refusal,
      String refusalFixture,
      String refusalWords,
      String limitFixture,
      String serverErrorWords,
      String id,
      String name,
      String key) {}

  abstract Check check();

  /** The provider under test at {@code baseUrl}. */
  abstract Provider provider(UpstreamHttp http, URI baseUrl);

  /**
   * What people paste after the host as the provider's base (its OpenAI-compatible base, {@code
   * /v1}), which must lead to the same address; empty when there is nothing to drop.
   */
  abstract String pastedSuffix();

  /** Asserts that the request carried the key where the provider wants it. */
  void assertKeySent(LoggedRequest request) {
    assertEquals("Bearer " + check().key(), request.getHeader("Authorization"));
  }

  final Provider provider() {
    return provider(http(), URI.create(upstream.baseUrl()));
  }

  final UpstreamHttp http() {
    return client.clients().trusted(KeyCheckProvider.MAX_BODY_BYTES);
  }

  final Account account(Provider provider, Duration timeout) {
    return AccountChecks.check(provider, check().key(), timeout).account();
  }

  final Account account() {
    return account(provider(), AccountChecks.TIMEOUT);
  }

  private void serve(int status, String fixture) {
    upstream.stubFor(get(urlPathEqualTo(check().path())).willReturn(response(status, fixture)));
  }

  @Test
  void declaresNoCapabilityNoModelAndTheConsolePage() {
    // GIVEN the provider
    // WHEN it is asked what it is
    ProviderInfo info = provider().info();

    // THEN it can do nothing a door asks for (no balance, no probe, no model list, no base_url),
    // so a query names no model; it counts in no unit and names its console page
    assertEquals(check().id(), info.id());
    assertEquals(check().name(), info.name());
    assertTrue(info.capabilities().isEmpty(), info.capabilities().toString());
    assertFalse(info.takesModels());
    assertTrue(info.defaultModels().isEmpty());
    assertNull(info.unit());
    assertNull(info.probeCost());
    assertTrue(info.consoleUrl().startsWith("https://"), info.consoleUrl());
    assertFalse(info.keyHint().isBlank());
  }

  @Test
  void aWorkingKeyIsOkWithNoBalanceAndTheConsoleInTheNote() {
    // GIVEN the provider accepts the key
    serve(200, check().keyWorks());

    // WHEN the key is checked
    Account account = account();

    // THEN ok, no balance at all (never a made-up number), a note that says why and where the
    // balance is; one GET that carried the key where the provider wants it, never in the URL
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(check().id(), account.provider());
    assertTrue(account.balances().isEmpty(), account.balances().toString());
    assertNull(account.error());
    assertNull(account.unit());
    assertEquals(
        KeyCheckProvider.noBalance(check().name(), provider().info().consoleUrl()).english(),
        account.note());
    assertTrue(
        account
            .note()
            .startsWith(check().name() + " does not let an API key read the balance: see https://"),
        account.note());
    List<LoggedRequest> requests =
        upstream.findAll(getRequestedFor(urlPathEqualTo(check().path())));
    assertEquals(1, requests.size());
    assertKeySent(requests.get(0));
    assertFalse(requests.get(0).getUrl().contains(check().key()), requests.get(0).getUrl());
  }

  @Test
  void aRefusedKeyIsInvalidKeyWithTheProvidersWords() {
    // GIVEN the provider refuses the key
    serve(check().refusal(), check().refusalFixture());

    // WHEN the key is checked
    Account account = account();

    // THEN invalid_key, naming the status and quoting the provider, nothing else
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().contains("HTTP " + check().refusal()), account.error());
    assertTrue(account.error().contains(check().refusalWords()), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void a403IsInvalidKeyToo() {
    upstream.stubFor(
        get(urlPathEqualTo(check().path()))
            .willReturn(aResponse().withStatus(403).withBody("Forbidden")));

    Account account = account();

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().endsWith("(HTTP 403): Forbidden"), account.error());
  }

  @Test
  void a429IsLimitReachedAndNamesTheConsole() {
    // GIVEN the provider rate-limits the check
    serve(429, check().limitFixture());

    // WHEN the key is checked
    Account account = account();

    // THEN limit_reached, saying to try again and where the balance is
    assertEquals(ProbeStatus.LIMIT_REACHED, account.status());
    assertTrue(account.error().contains("HTTP 429"), account.error());
    assertTrue(account.error().contains(provider().info().consoleUrl()), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aServerErrorIsUpstreamErrorWithTheProvidersWords() {
    serve(500, check().fixtures() + "/500-internal.json");

    Account account = account();

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP 500"), account.error());
    assertTrue(account.error().contains(check().serverErrorWords()), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aProxysHtmlPageIsUpstreamErrorWithoutTheHtml() {
    serve(502, check().fixtures() + "/502-bad-gateway.html");

    Account account = account();

    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP 502"), account.error());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aFailedCheckIsWordedInTheReadersLanguage() {
    // GIVEN a proxy's error page in front of the provider: a status, no words
    serve(502, check().fixtures() + "/502-bad-gateway.html");

    // WHEN the key is checked
    Account account = account();

    // THEN a Chinese reader is told in Chinese, the provider's name as it is
    assertEquals(
        check().name() + " 对 Key 检查返回了 HTTP 502。",
        account.errorText().in(Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void aProviderThatIsDownIsANetworkError() {
    // GIVEN nothing listens at the provider's address
    Provider down = provider(http(), URI.create("http://127.0.0.1:9"));

    // WHEN the key is checked
    Account account = account(down, AccountChecks.TIMEOUT);

    // THEN network_error with a sentence, no number, no note
    assertEquals(ProbeStatus.NETWORK_ERROR, account.status());
    assertFailedWithoutNumbers(account);
  }

  @Test
  void aSlowAnswerIsATimeoutWithinTheGivenTimeout() {
    upstream.stubFor(
        get(urlPathEqualTo(check().path()))
            .willReturn(response(200, check().keyWorks()).withFixedDelay(5_000)));

    long started = System.nanoTime();
    Account account = account(provider(), Duration.ofMillis(300));
    long tookMs = Numbers.elapsedMs(started);

    assertEquals(ProbeStatus.TIMEOUT, account.status());
    assertFailedWithoutNumbers(account);
    assertTrue(tookMs < 2_000, "took " + tookMs + " ms");
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can
    String key = check().key();
    String[] bodies = {
      "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\"}}",
      "{\"message\":\"Authorization: Bearer " + key + "\"}",
      "key " + key + " is rate limited",
      "{\"error\":{\"message\":\"internal error for " + key + "\"}}",
      "{\"echo\":\"" + key + "\"}",
    };
    int[] statuses = {401, 403, 429, 500, 200};
    try (LogCapture logs = LogCapture.open()) {
      StringBuilder results = new StringBuilder();
      for (int i = 0; i < bodies.length; i++) {
        upstream.stubFor(
            get(urlPathEqualTo(check().path()))
                .willReturn(aResponse().withStatus(statuses[i]).withBody(bodies[i])));
        // WHEN the key is checked against each
        results.append(account()).append('\n');
      }

      // THEN the provider's words are there, the key nowhere (results or logs)
      String all = results.toString();
      assertTrue(all.contains("Incorrect API key provided"), all);
      assertTrue(all.contains("rate limited"), all);
      String secret = key.substring(3, key.length() - 4);
      assertFalse(all.contains(secret), all);
      assertFalse(logs.text().contains(secret), logs.text());
    }
  }

  @Test
  void thePastedOpenAiStyleBaseLeadsToTheSameAddress() {
    serve(200, check().keyWorks());

    Account account =
        account(
            provider(http(), URI.create(upstream.baseUrl() + pastedSuffix() + "/")),
            AccountChecks.TIMEOUT);

    assertEquals(ProbeStatus.OK, account.status());
    upstream.verify(exactly(1), getRequestedFor(urlPathEqualTo(check().path())));
  }

  @Test
  void askingTwiceAsksTwice() {
    // a key check is never cached: the answer is about the key as it is now
    serve(200, check().keyWorks());

    account();
    account();

    upstream.verify(exactly(2), getRequestedFor(urlPathEqualTo(check().path())));
  }
}
