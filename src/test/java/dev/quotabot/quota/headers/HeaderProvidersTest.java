package dev.quotabot.quota.headers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.headers.HeaderHarness.probe;
import static dev.quotabot.quota.headers.HeaderHarness.streamed;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The factory the application registers the header providers with, what they declare, and what
 * every one of them does alike: an account answer that reads nothing, and the same honest answers
 * when the headers are missing, a page answers instead of the API, or a key is echoed.
 */
final class HeaderProvidersTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final HeaderHarness harness = new HeaderHarness();

  /** Each provider's position in the factory's list, the path its probe takes, and a key. */
  static Stream<Arguments> providers() {
    return Stream.of(
        Arguments.of(0, "/groq/v1/chat/completions", "gsk_ECHOKEY0123456789abcdefghijklmnop"),
        Arguments.of(1, "/cerebras/v1/chat/completions", "csk-echokey0123456789abcdefghijklmnop"),
        Arguments.of(2, "/openai/v1/chat/completions", "sk-proj-ECHOKEY0123456789abcdefghijkl"),
        Arguments.of(3, "/anthropic/v1/messages", "sk-ant-api03-ECHOKEY0123456789abcdefghij"));
  }

  @Test
  void buildsTheFourProvidersEachProbingUnderItsOwnBaseOnTheTrustedClient() {
    // GIVEN every API under its own base path, on a loopback address (which the guarded client of
    // production's settings refuses)
    providers()
        .forEach(
            arguments ->
                upstream.stubFor(
                    post(urlPathEqualTo((String) arguments.get()[1]))
                        .willReturn(streamed("groq/headers-documented.headers"))));

    // WHEN the factory builds them and each probes a model
    List<Provider> built = create();

    // THEN four providers under their ids, in that order, each asking its own base once
    assertEquals(
        List.of("groq", "cerebras", "openai", "anthropic"),
        built.stream().map(provider -> provider.info().id()).toList());
    providers()
        .forEach(
            arguments -> {
              Provider provider = built.get((Integer) arguments.get()[0]);
              String key = (String) arguments.get()[2];
              probe(provider, key, "m");
              upstream.verify(
                  exactly(1), postRequestedFor(urlPathEqualTo((String) arguments.get()[1])));
            });
  }

  @Test
  void eachDeclaresProbesOnlyWhatAProbeCostsItsKeysAndWhereTheBalanceIsShown() {
    for (Provider provider : create()) {
      ProviderInfo info = provider.info();

      assertEquals(Set.of(Capability.PROBES_MODELS), info.capabilities(), info.id());
      assertNull(info.unit(), info.id());
      assertFalse(info.defaultModels().isEmpty(), info.id());
      assertEquals(
          new ProbeCost(BigDecimal.ONE, "requests", ProbeCost.Kind.COUNTS),
          info.probeCost(),
          info.id());
      assertTrue(info.consoleUrl() != null && info.consoleUrl().startsWith("https://"), info.id());
      assertFalse(info.keyPrefixes().isEmpty(), info.id());
    }
    List<Provider> built = create();
    assertEquals(List.of("gsk_"), built.get(0).info().keyPrefixes());
    assertEquals(List.of("csk-"), built.get(1).info().keyPrefixes());
    assertEquals(List.of("sk-proj-", "sk-svcacct-", "sk-"), built.get(2).info().keyPrefixes());
    assertEquals(List.of("sk-ant-"), built.get(3).info().keyPrefixes());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void theAccountSaysTheKeyCannotReadABalanceAndWhereItIsShownWithoutACall(
      int index, String path, String key) {
    // GIVEN one of the providers
    Provider provider = create().get(index);

    // WHEN its account is read
    ProviderResult result = HeaderHarness.account(provider, key);

    // THEN ok, no balance and no number made up, a note naming the console page; nothing sent
    Account account = result.account();
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(List.of(), account.balances());
    assertEquals(List.of(), result.models());
    assertNull(account.unit());
    assertNull(account.error());
    assertEquals(
        provider.info().name()
            + " does not let an API key read the account's balance or usage: see them at "
            + provider.info().consoleUrl()
            + ". The rate limits come from the headers of one tiny call per model.",
        account.note());
    upstream.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aCallThatWorkedWithoutRateLimitHeadersSaysTheLimitsAreUnknown(
      int index, String path, String key) {
    // GIVEN a 200 stream without a single rate-limit header
    upstream.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(HeaderHarness.STREAM)));
    Provider provider = create().get(index);

    // WHEN a model is probed
    ModelQuota row = probe(provider, key, "m");

    // THEN no_quota_headers (a success), no window and no number, and a note saying so
    assertEquals(ProbeStatus.NO_QUOTA_HEADERS, row.status());
    assertTrue(row.isSuccess());
    assertEquals(List.of(), row.windows());
    assertEquals(RateLimits.UNKNOWN, row.limits());
    assertNull(row.error());
    assertEquals(
        provider.info().name()
            + " answered, so the key and the model work, but it sent no rate-limit headers for"
            + " this call: what is left is unknown (not zero).",
        row.note());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aWebPageAnsweringInsteadOfTheApiIsAnUpstreamError(int index, String path, String key) {
    // GIVEN a proxy's or login page's 200
    answersWithALoginPage(path);
    Provider provider = create().get(index);

    ModelQuota row = probe(provider, key, "m");

    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals(
        provider.info().name()
            + " answered HTTP 200 with a web page instead of a chat answer: a proxy or login page"
            + " may be in the way.",
        row.error());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aWebPageAnsweringIsWordedInTheReadersLanguage(int index, String path, String key) {
    // GIVEN a proxy's or login page's 200
    answersWithALoginPage(path);
    Provider provider = create().get(index);

    // WHEN a model is probed and the row's error is worded for a reader of Simplified Chinese
    ModelQuota row = probe(provider, key, "m");

    // THEN a Chinese sentence, only the provider's name as it is
    assertEquals(
        provider.info().name() + " 返回了 HTTP 200 和一个网页，而不是聊天应答：中间可能有代理或登录页面。",
        row.errorText().in(Locale.SIMPLIFIED_CHINESE));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aBadGatewayPageIsAnUpstreamErrorWithoutItsMarkup(int index, String path, String key) {
    upstream.stubFor(
        post(urlPathEqualTo(path)).willReturn(response(502, "groq/502-bad-gateway.html")));
    Provider provider = create().get(index);

    ModelQuota row = probe(provider, key, "m");

    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals(provider.info().name() + " answered HTTP 502.", row.error());
    assertEquals(List.of(), row.windows());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void neverPutsTheKeyInTheRowOrTheLogs(int index, String path, String key) {
    // GIVEN answers that echo the key wherever they can: in the error message, in a header
    String[] bodies = {
      "{\"error\":{\"message\":\"key " + key + " is invalid\",\"code\":\"invalid_api_key\"}}",
      "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"Bearer "
          + key
          + "\"}}",
      "{\"message\":\"" + key + "\",\"code\":\"wrong_api_key\"}"
    };
    Provider provider = create().get(index);
    try (LogCapture logs = LogCapture.open()) {
      for (String body : bodies) {
        for (int status : new int[] {401, 429, 500}) {
          upstream.stubFor(
              post(urlPathEqualTo(path))
                  .willReturn(
                      aResponse()
                          .withStatus(status)
                          .withHeader("Content-Type", "application/json")
                          .withHeader("x-echo", key)
                          .withBody(body)));

          // WHEN a model is probed
          ModelQuota row = probe(provider, key, "m");

          // THEN the key is nowhere in what is shown, nor in any log line
          String shown = row.error() + " " + row.note() + " " + row.windows() + " " + row;
          assertFalse(shown.contains(key), shown);
          assertFalse(shown.contains(key.substring(8)), shown);
        }
      }
      assertFalse(logs.text().contains(key), logs.text());
    }
  }

  private List<Provider> create() {
    return HeaderProviders.create(
        harness.clients(),
        base("/groq"),
        base("/cerebras"),
        base("/openai"),
        base("/anthropic"),
        HeaderHarness.CLOCK);
  }

  private static URI base(String path) {
    return URI.create(upstream.baseUrl() + path);
  }

  /** {@code path} answers 200 with a login page, as a proxy in the way would. */
  private static void answersWithALoginPage(String path) {
    upstream.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody("<html><body>Sign in</body></html>")));
  }
}
