package dev.quotabot.quota.custom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator-defined provider against a WireMock upstream, over real HTTP on the trusted client
 * production gives it. The documented answers are fixtures (Featherless, Meshy, WaveSpeedAI, cited
 * where they are used); the answers written inline test the pointer and auth mechanics on whatever
 * shape an operator points them at.
 */
final class CustomProviderTest {
  private static final String KEY = "sk-CUSTOMKEY-1234567890abcdef";
  private static final String PATH = "/credits/balance";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final UpstreamClient client = new UpstreamClient();
  private final UpstreamHttp http = client.clients().trusted(CustomProvider.MAX_BODY_BYTES);

  /** Featherless as bot.properties.example's worked example configures it. */
  private CustomProviderSpec featherless(CustomAuth auth) {
    return new CustomProviderSpec(
        "featherless",
        "Featherless",
        URI.create(upstream.baseUrl() + PATH),
        auth,
        "USD",
        JsonPointer.parse("/available_usd"),
        JsonPointer.parse("/balance_usd"),
        null,
        null);
  }

  /** A provider reading {@code available}, {@code total}, {@code used} and {@code error}. */
  private CustomProviderSpec spec(
      String available, @Nullable String total, @Nullable String used, @Nullable String error) {
    return new CustomProviderSpec(
        "acme",
        "Acme AI",
        URI.create(upstream.baseUrl() + PATH),
        CustomAuth.BEARER,
        "credits",
        JsonPointer.parse(available),
        total == null ? null : JsonPointer.parse(total),
        used == null ? null : JsonPointer.parse(used),
        error == null ? null : JsonPointer.parse(error));
  }

  private Account check(CustomProviderSpec spec) {
    try {
      ProviderResult result =
          new CustomProvider(http, spec)
              .readAccount(
                  new ProviderRequest(ApiKey.of(KEY), List.of(), null, null, Duration.ofSeconds(5)))
              .get(10, TimeUnit.SECONDS);
      assertTrue(result.models().isEmpty(), "no per-model rows");
      return result.account();
    } catch (Exception failed) {
      throw new AssertionError("the check completed exceptionally or not at all", failed);
    }
  }

  private static void assertFailedWithoutNumbers(Account account, ProbeStatus status) {
    assertEquals(status, account.status(), account.error());
    assertTrue(account.balances().isEmpty(), "no balance: " + account.balances());
    assertNull(account.note());
    assertTrue(account.error() != null && !account.error().isBlank(), "an error text");
    assertFalse(account.error().contains("<"), account.error());
  }

  @Test
  void declaresItselfAsConfigured() {
    ProviderInfo info = new CustomProvider(http, featherless(CustomAuth.BEARER)).info();

    assertEquals("featherless", info.id());
    assertEquals("Featherless", info.name());
    assertEquals("USD", info.unit());
    assertEquals(Set.of(Capability.BALANCES), info.capabilities());
    assertEquals(List.of(), info.keyPrefixes());
  }

  @Test
  void readsAmountsSentAsStringsExactly() {
    // GIVEN Featherless's documented answer (https://featherless.ai/docs/api-reference-credits):
    // every amount a string
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "custom/featherless-balance.json")));

    // WHEN the key is checked
    Account account = check(featherless(CustomAuth.BEARER));

    // THEN one balance in the configured unit, exactly as written; used is unknown (no pointer)
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("featherless", account.provider());
    assertEquals(
        List.of(
            Balance.of(Balance.Scope.ACCOUNT, "USD")
                .available(new BigDecimal("42.488000000"))
                .total(new BigDecimal("42.500000000"))
                .build()),
        account.balances());
    assertNull(account.error());
  }

  @Test
  void bearerSendsTheKeyAsABearerTokenOnly() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "custom/featherless-balance.json")));

    check(featherless(CustomAuth.BEARER));

    upstream.verify(
        exactly(1),
        getRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("X-Api-Key", absent()));
  }

  @Test
  void rawSendsTheKeyAloneInAuthorization() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "custom/featherless-balance.json")));

    check(featherless(CustomAuth.RAW));

    upstream.verify(
        exactly(1), getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo(KEY)));
  }

  @Test
  void aNamedHeaderCarriesTheKeyAndAuthorizationIsNotSent() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "custom/featherless-balance.json")));

    check(featherless(CustomAuth.parse("header:X-Api-Key")));

    upstream.verify(
        exactly(1),
        getRequestedFor(urlEqualTo(PATH))
            .withHeader("X-Api-Key", equalTo(KEY))
            .withHeader("Authorization", absent()));
  }

  @Test
  void readsAnAmountSentAsAJsonNumber() {
    // GIVEN Meshy's documented answer (https://docs.meshy.ai/api/balance): {"balance": 1000}
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "custom/meshy-balance.json")));

    // WHEN read with /balance
    Account account = check(spec("/balance", null, null, null));

    // THEN 1000 credits; nothing else made up
    assertEquals(ProbeStatus.OK, account.status());
    Balance balance = account.balances().get(0);
    assertEquals(new BigDecimal("1000"), balance.available());
    assertEquals("credits", balance.unit());
    assertNull(balance.total());
    assertNull(balance.used());
  }

  @Test
  void readsANestedAmount() {
    // GIVEN WaveSpeedAI's documented answer (https://wavespeed.ai/docs/check-balance)
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(response(200, "custom/wavespeed-balance.json")));

    // WHEN read with /data/balance
    Account account = check(spec("/data/balance", null, null, null));

    // THEN its amount, exactly
    assertEquals(new BigDecimal("156.78"), account.balances().get(0).available());
  }

  @Test
  void followsArrayIndicesAndEscapedNames() {
    // GIVEN an answer with the amounts in an array, under names holding / and ~
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                okJson(
                    "{\"wallets\":[{\"left/now\":\" 7.25 \",\"all~time\":\"10\",\"spent\":2.75}]}")));

    // WHEN read with pointers that escape them
    Account account =
        check(spec("/wallets/0/left~1now", "/wallets/0/all~0time", "/wallets/0/spent", null));

    // THEN every figure, exactly
    Balance balance = account.balances().get(0);
    assertEquals(new BigDecimal("7.25"), balance.available());
    assertEquals(new BigDecimal("10"), balance.total());
    assertEquals(new BigDecimal("2.75"), balance.used());
  }

  @Test
  void aTotalOrUsedPointerThatFindsNothingLeavesTheFigureUnknownNeverZero() {
    // GIVEN an answer with the available amount only (and a used amount that is not a number)
    upstream.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(okJson("{\"left\":\"3\",\"used\":\"n/a\"}")));

    // WHEN read with total and used pointers
    Account account = check(spec("/left", "/granted", "/used", null));

    // THEN ok, with total and used null
    assertEquals(ProbeStatus.OK, account.status());
    Balance balance = account.balances().get(0);
    assertEquals(new BigDecimal("3"), balance.available());
    assertNull(balance.total());
    assertNull(balance.used());
  }

  @Test
  void anAvailablePointerThatFindsNothingSaysWhichPointer() {
    // GIVEN an answer without the configured member
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"data\":{\"left\":\"3\"}}")));

    // WHEN read with /data/remaining
    Account account = check(spec("/data/remaining", "/data/left", null, null));

    // THEN upstream_error naming the pointer and its key; no balance, not even the total found
    assertFailedWithoutNumbers(account, ProbeStatus.UPSTREAM_ERROR);
    assertEquals(
        "Acme AI's answer has no number at /data/remaining (provider.custom.acme.available).",
        account.error());
  }

  @Test
  void anAvailableValueThatIsNotANumberIsUpstreamError() {
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"left\":\"lots\"}")));

    Account account = check(spec("/left", null, null, null));

    assertFailedWithoutNumbers(account, ProbeStatus.UPSTREAM_ERROR);
    assertTrue(account.error().contains("/left"), account.error());
  }

  @Test
  void anErrorPointerThatFindsTextFailsTheCheckWithThatText() {
    // GIVEN a 200 answer that says it failed (and echoes the key)
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                okJson(
                    "{\"code\":40001,\"msg\":\"token "
                        + KEY
                        + " has\\nexpired\",\"data\":{\"left\":\"0\"}}")));

    // WHEN read with an error pointer at msg
    Account account = check(spec("/data/left", null, null, "/msg"));

    // THEN upstream_error with the upstream's words, cleaned of the key and line breaks; the 0
    // is not shown as a balance
    assertFailedWithoutNumbers(account, ProbeStatus.UPSTREAM_ERROR);
    assertTrue(account.error().startsWith("Acme AI reported a failure: token "), account.error());
    assertTrue(account.error().endsWith("has expired"), account.error());
    assertFalse(account.error().contains("1234567890abcdef"), account.error());
  }

  @Test
  void anErrorPointerThatFindsNoWordsIsNoFailure() {
    // GIVEN an error member that is null, blank, false, a code or empty
    for (String error : new String[] {"null", "\"\"", "\"  \"", "false", "0", "{}", "[]"}) {
      upstream.stubFor(
          get(urlPathEqualTo(PATH))
              .willReturn(okJson("{\"error\":" + error + ",\"left\":\"5.5\"}")));

      Account account = check(spec("/left", null, null, "/error"));

      assertEquals(ProbeStatus.OK, account.status(), error + ": " + account.error());
      assertEquals(new BigDecimal("5.5"), account.balances().get(0).available());
    }
  }

  @Test
  void anErrorPointerThatFindsAnObjectFailsTheCheck() {
    // GIVEN a 200 answer whose error member is an object (the pointer stops short of its text)
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                okJson("{\"error\":{\"message\":\"quota check disabled\"},\"left\":\"1\"}")));

    // WHEN read with an error pointer at /error
    Account account = check(spec("/left", null, null, "/error"));

    // THEN upstream_error, with the message found where errors usually are
    assertFailedWithoutNumbers(account, ProbeStatus.UPSTREAM_ERROR);
    assertEquals("Acme AI reported a failure: quota check disabled", account.error());
  }

  @Test
  void anErrorPointerThatFindsNothingIsNoFailure() {
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"left\":\"5.5\"}")));

    Account account = check(spec("/left", null, null, "/error/message"));

    assertEquals(ProbeStatus.OK, account.status());
  }

  @Test
  void http401IsInvalidKeyWithTheUpstreamsWords() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":{\"message\":\"Invalid API key " + KEY + "\"}}")));

    Account account = check(spec("/left", null, null, null));

    assertFailedWithoutNumbers(account, ProbeStatus.INVALID_KEY);
    assertTrue(
        account.error().startsWith("Acme AI rejected the key (HTTP 401): Invalid API key"),
        account.error());
    assertFalse(account.error().contains("1234567890abcdef"), account.error());
  }

  @Test
  void http403IsInvalidKeyAndTheErrorPointerGivesTheWords() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse().withStatus(403).withBody("{\"detail\":\"key lacks billing access\"}")));

    Account account = check(spec("/left", null, null, "/detail"));

    assertFailedWithoutNumbers(account, ProbeStatus.INVALID_KEY);
    assertEquals("Acme AI rejected the key (HTTP 403): key lacks billing access", account.error());
  }

  @Test
  void anotherStatusIsUpstreamError() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

    Account account = check(spec("/left", null, null, null));

    assertFailedWithoutNumbers(account, ProbeStatus.UPSTREAM_ERROR);
    assertEquals("Acme AI answered HTTP 500.", account.error());
  }

  @Test
  void aMissingPageIsUpstreamErrorPointingAtTheAddress() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

    Account account = check(spec("/left", null, null, null));

    assertFailedWithoutNumbers(account, ProbeStatus.UPSTREAM_ERROR);
    assertEquals(
        "Acme AI answered HTTP 404: Not Found. Check provider.custom.acme.base_url and"
            + " provider.custom.acme.path.",
        account.error());
  }

  @Test
  void aMissingPageIsWordedInTheReadersLanguage() {
    // GIVEN an address that leads nowhere, answered without words
    upstream.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)));

    // WHEN the balance is checked
    Account account = check(spec("/left", null, null, null));

    // THEN a Chinese reader is told in Chinese, the name and the settings as they are
    assertEquals(
        "Acme AI 返回了 HTTP 404。请检查 provider.custom.acme.base_url 和 provider.custom.acme.path。",
        account.errorText().in(Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void aBodyThatIsNotJsonIsUpstreamErrorPointingAtThePath() {
    // GIVEN a 200 HTML page (a path that leads to the dashboard, not the API)
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Sign in</body></html>")));

    Account account = check(spec("/left", null, null, null));

    assertFailedWithoutNumbers(account, ProbeStatus.UPSTREAM_ERROR);
    assertEquals(
        "Acme AI answered, but not with JSON: check provider.custom.acme.path.", account.error());
  }

  @Test
  void anUnreachableUpstreamIsANetworkError() {
    // GIVEN a closed port
    CustomProviderSpec closed =
        new CustomProviderSpec(
            "acme",
            "Acme AI",
            URI.create("http://127.0.0.1:9" + PATH),
            CustomAuth.BEARER,
            "credits",
            JsonPointer.parse("/left"),
            null,
            null,
            null);

    Account account = check(closed);

    assertFailedWithoutNumbers(account, ProbeStatus.NETWORK_ERROR);
    assertEquals("credits", account.unit());
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN answers that echo the key wherever they can
    String[] bodies = {
      "{\"error\":{\"message\":\"key " + KEY + " is invalid\"}}",
      "{\"msg\":\"Authorization: Bearer " + KEY + "\"}",
      "<html>Bearer " + KEY + "</html>",
      "no such key " + KEY,
      "{\"left\":\"" + KEY + "\",\"msg\":\"" + KEY + "\"}",
    };
    int[] statuses = {401, 200, 502, 403, 200};
    StringBuilder results = new StringBuilder();
    String logged;
    try (LogCapture logs = LogCapture.open()) {
      for (int i = 0; i < bodies.length; i++) {
        upstream.stubFor(
            get(urlPathEqualTo(PATH))
                .willReturn(aResponse().withStatus(statuses[i]).withBody(bodies[i])));
        results.append(check(spec("/left", null, null, "/msg"))).append('\n');
      }
      logged = logs.text();
    }

    // THEN the upstream's words are there, the key nowhere
    assertTrue(results.toString().contains("is invalid"), results.toString());
    assertFalse(results.toString().contains("1234567890abcdef"), results.toString());
    assertFalse(logged.contains("1234567890abcdef"), logged);
  }
}
