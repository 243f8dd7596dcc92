package dev.quotabot.quota;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.console.DashScopeProvider;
import dev.quotabot.quota.console.FireworksProvider;
import dev.quotabot.quota.console.GeminiProvider;
import dev.quotabot.quota.console.MistralProvider;
import dev.quotabot.quota.console.QianfanProvider;
import dev.quotabot.quota.console.TogetherProvider;
import dev.quotabot.quota.console.VolcengineProvider;
import dev.quotabot.quota.custom.CustomAuth;
import dev.quotabot.quota.custom.CustomProvider;
import dev.quotabot.quota.custom.CustomProviderSpec;
import dev.quotabot.quota.custom.JsonPointer;
import dev.quotabot.quota.modelscope.ModelScopeProvider;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.plans.GlmCodingPlanProvider;
import dev.quotabot.quota.plans.KimiCodeProvider;
import dev.quotabot.quota.plans.MiniMaxPlanProvider;
import dev.quotabot.quota.provider.Ai302Provider;
import dev.quotabot.quota.provider.DeepInfraProvider;
import dev.quotabot.quota.provider.DeepSeekProvider;
import dev.quotabot.quota.provider.MoonshotProvider;
import dev.quotabot.quota.provider.NovitaProvider;
import dev.quotabot.quota.provider.OfficialProviders;
import dev.quotabot.quota.provider.OpenRouterProvider;
import dev.quotabot.quota.provider.PoeProvider;
import dev.quotabot.quota.provider.SiliconFlowProvider;
import dev.quotabot.quota.provider.StepFunProvider;
import dev.quotabot.quota.provider.VeniceProvider;
import dev.quotabot.quota.relay.NewApiRelay;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LoopbackWireMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rule "no number lives only in prose", checked over every provider fixture: each fixture file
 * of every built-in provider (DeepSeek, SiliconFlow, OpenRouter, Moonshot, StepFun, Novita, 302.AI,
 * Poe, Venice, DeepInfra, the coding plans, the key-check providers, the new-api relay and its
 * flavours), the answers custom providers were tested against (Featherless, Meshy, WaveSpeedAI) and
 * ModelScope's balance and earn-rules answers is served by a WireMock upstream and read by the real
 * provider; every number that the account's {@code note} or {@code error} (or a row's) states must
 * also be in a structured field (a balance's available, total, used, frozen, parts or requests, an
 * account window's limit, remaining or used percent, or a row's limits).
 *
 * <p>Not upstream figures, so not checked: HTTP statuses ({@code HTTP 401}), durations ({@code 300
 * ms}), the words an upstream's own error message says (computed from the fixtures served and
 * removed before checking: the product quotes them, it does not read them), and the few facts the
 * product itself states ({@link #PRODUCT_FACTS}). A debt stated as a positive amount counts when
 * the field holds it negative.
 */
final class NoteFiguresTest {
  private static final String KEY = "sk-TESTKEY-1234567890abcdef";
  private static final String RELAY_KEY = "sk-RELAYKEY-1234567890abcdef";
  private static final String MODELSCOPE_KEY = "ms-TESTKEY-1234567890abcdef";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Facts the product's own texts state, which no upstream reported. */
  private static final List<String> PRODUCT_FACTS =
      List.of(
          "count 500000 per US dollar" /* new-api's and one-api's default quota_per_unit */,
          "302.AI" /* a brand name */);

  private static final Pattern HTTP_STATUS = Pattern.compile("HTTP \\d{3}");
  private static final Pattern DURATION = Pattern.compile("\\d+ ms\\b");

  /** A number standing alone: not part of a word or an id ({@code v1}, {@code gpt-4o}). */
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\p{L}\\p{N}_])\\d+(?:\\.\\d+)?(?![\\p{L}\\p{N}_])");

  /** The status a fixture is served with: the one its name holds ({@code 401-…}), else 200. */
  private static final Pattern STATUS_IN_NAME = Pattern.compile("(?:^|-)([1-5]\\d\\d)(?=[-.])");

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose
  private static final UpstreamClient clients = UpstreamClient.allowingPrivateAddresses();

  @TestFactory
  Stream<DynamicTest> everyFigureANoteOrErrorStatesIsAlsoAField() {
    List<DynamicTest> tests = new ArrayList<>();
    officialProvider(tests, "deepseek", "/user/balance", DeepSeekProvider::new);
    officialProvider(tests, "siliconflow", "/v1/user/info", SiliconFlowProvider::new);
    officialProvider(tests, "openrouter", "/api/v1/key", OpenRouterProvider::new);
    officialProvider(tests, "moonshot", "/v1/users/me/balance", MoonshotProvider::new);
    officialProvider(tests, "stepfun", "/v1/accounts", StepFunProvider::new);
    officialProvider(tests, "novita", "/openapi/v1/billing/balance/detail", NovitaProvider::new);
    officialProvider(tests, "302ai", "/dashboard/balance", Ai302Provider::new);
    officialProvider(tests, "poe", "/usage/current_balance", PoeProvider::new);
    officialProvider(tests, "venice", "/api/v1/billing/balance", VeniceProvider::new);
    officialProvider(tests, "deepinfra", "/payment/checklist", DeepInfraProvider::new);
    officialProvider(tests, "gemini", "/v1beta/models", GeminiProvider::new);
    officialProvider(tests, "mistral", "/v1/models", MistralProvider::new);
    officialProvider(tests, "dashscope", "/compatible-mode/v1/models", DashScopeProvider::new);
    officialProvider(tests, "volcengine", "/api/v3/models", VolcengineProvider::new);
    officialProvider(tests, "qianfan", "/v2/models", QianfanProvider::new);
    officialProvider(tests, "fireworks", "/v1/accounts", FireworksProvider::new);
    officialProvider(tests, "together", "/v1/models", TogetherProvider::new);
    officialProvider(tests, "glm", "/api/monitor/usage/quota/limit", GlmCodingPlanProvider::zhipu);
    officialProvider(
        tests,
        "minimax",
        "/v1/api/openplatform/coding_plan/remains",
        (http, base) -> new MiniMaxPlanProvider(http, base, Clock.systemUTC()));
    officialProvider(tests, "kimicode", "/coding/v1/usages", KimiCodeProvider::new);
    for (String fixture : fixtures("modelscope")) {
      if (fixture.startsWith("modelscope/balance-")) {
        tests.add(
            DynamicTest.dynamicTest(
                fixture, () -> modelScope(fixture, "modelscope/earn-rules-200.json")));
      } else if (fixture.startsWith("modelscope/earn-rules-")) {
        tests.add(
            DynamicTest.dynamicTest(
                fixture, () -> modelScope("modelscope/balance-200.json", fixture)));
      }
    }
    for (String fixture : fixtures("custom")) {
      tests.add(DynamicTest.dynamicTest(fixture, () -> customProvider(fixture)));
    }
    for (String fixture : fixtures("newapi")) {
      tests.add(DynamicTest.dynamicTest(fixture, () -> relay(fixture, false)));
      tests.add(
          DynamicTest.dynamicTest(fixture + " (with admin access)", () -> relay(fixture, true)));
    }
    return tests.stream();
  }

  @Test
  void theCheckFindsFiguresLeftOnlyInProse() {
    // GIVEN accounts as the product wrote them before balances were data: DeepSeek's other
    // currency and split, Moonshot's split, a relay's wallet, each only in the note
    Account deepSeek =
        Account.read(
            "deepseek",
            List.of(account("CNY").available(new BigDecimal("110.00")).build()),
            null,
            Text.upstream("granted 10.00 + topped up 100.00; also USD 1.20"));
    Account moonshot =
        Account.read(
            "moonshot",
            List.of(account("CNY").available(new BigDecimal("7")).build()),
            null,
            Text.upstream("vouchers 10 + cash -3; the account owes 3 CNY (negative cash balance)"));
    Account relay =
        Account.read(
            "newapi",
            List.of(
                Balance.of(Balance.Scope.KEY, "USD")
                    .available(new BigDecimal("15"))
                    .total(new BigDecimal("20"))
                    .used(new BigDecimal("5"))
                    .build()),
            "team-a",
            Text.upstream(
                "The account's wallet (access token): 100 USD left, 25 used. The account has made"
                    + " 321 requests."));

    // WHEN the rule's check reads them
    // THEN every figure that lives only in the note is found
    assertEquals(List.of("10.00", "100.00", "1.20"), unstated(deepSeek, List.of(), List.of()));
    assertEquals(List.of("10", "3", "3"), unstated(moonshot, List.of(), List.of()));
    assertEquals(List.of("100", "25", "321"), unstated(relay, List.of(), List.of()));
  }

  @Test
  void theCheckLeavesStatusesDurationsAndTheUpstreamsOwnWordsAlone() {
    // GIVEN failures that name a status, a duration and an upstream's message with numbers in it,
    // and a note whose figures are all fields (a debt stated as such)
    Account refused =
        Account.failed(
            "newapi",
            null,
            ProbeStatus.INVALID_KEY,
            Text.upstream(
                "The relay rejected the key (HTTP 401): token 42 expired (request id: 20250101)"));
    Account slow =
        Account.failed(
            "deepseek",
            null,
            ProbeStatus.TIMEOUT,
            Text.upstream("DeepSeek did not answer within 300 ms."));
    Account owes =
        Account.read(
            "moonshot",
            List.of(
                account("CNY")
                    .available(new BigDecimal("7"))
                    .part("cash", new BigDecimal("-3"))
                    .build()),
            null,
            Text.upstream("the account owes 3 CNY"));

    // WHEN the rule's check reads them, knowing the upstream's message
    // THEN nothing is left to be a field
    assertEquals(
        List.of(),
        unstated(refused, List.of(), List.of("token 42 expired (request id: 20250101)")));
    assertEquals(List.of(), unstated(slow, List.of(), List.of()));
    assertEquals(List.of(), unstated(owes, List.of(), List.of()));
  }

  // --- the cases ---

  /** One case per fixture file of an official provider, served at its endpoint. */
  private static void officialProvider(
      List<DynamicTest> tests,
      String folder,
      String path,
      BiFunction<UpstreamHttp, URI, Provider> create) {
    for (String fixture : fixtures(folder)) {
      tests.add(
          DynamicTest.dynamicTest(
              fixture,
              () -> {
                upstream.resetAll();
                Map<String, String> served = new LinkedHashMap<>();
                serve(path, fixture, served);
                Provider provider =
                    create.apply(
                        clients.clients().trusted(OfficialProviders.MAX_BODY_BYTES),
                        URI.create(upstream.baseUrl()));
                assertRule(fixture, provider, request(KEY, null, null), served.values());
              }));
    }
  }

  /** A ModelScope balance answer, read with the account's name and today's grants beside it. */
  private static void modelScope(String balance, String earnRules) {
    upstream.resetAll();
    Map<String, String> served = new LinkedHashMap<>();
    serve("/openapi/v1/magicubes/balance", balance, served);
    serve("/openapi/v1/users/me", "modelscope/users-me-200.json", served);
    serve("/openapi/v1/magicubes/earn/rules", earnRules, served);
    Provider provider =
        new ModelScopeProvider(
            clients.clients(),
            URI.create(upstream.baseUrl() + "/v1"),
            URI.create(upstream.baseUrl() + "/openapi/v1"),
            Duration.ofMinutes(1),
            List.of());
    assertRule(
        balance + " + " + earnRules,
        provider,
        request(MODELSCOPE_KEY, null, null),
        served.values());
  }

  /**
   * A healthy new-api relay (USD, a limited token, billing, a wallet, a model list) with {@code
   * fixture} served where it belongs: a status, token usage, billing, wallet or log answer at its
   * endpoint (billing with the token usage route missing; sub2api's usage on a site without a
   * status), and an error answer at every endpoint that takes a credential.
   */
  private static void relay(String fixture, boolean admin) {
    upstream.resetAll();
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("/api/status", "newapi/status-newapi-usd.json");
    answers.put("/api/usage/token/", "newapi/usage-token-limited.json");
    answers.put("/v1/dashboard/billing/subscription", "newapi/billing-subscription.json");
    answers.put("/v1/dashboard/billing/usage", "newapi/billing-usage.json");
    answers.put("/api/user/self", "newapi/user-self.json");
    answers.put("/v1/models", "newapi/models.json");
    answers.put("/api/log/token", "newapi/log-token-mixed.json");
    String name = fixture.substring("newapi/".length());
    if (name.startsWith("sub2api-")) {
      // a sub2api site: no /api/status, its own /v1/usage
      answers.put("/api/status", "newapi/404-not-found.json");
      answers.put("/v1/usage", fixture);
    } else if (name.startsWith("log-token-")) {
      answers.put("/api/log/token", fixture);
    } else if (name.startsWith("status-")) {
      answers.put("/api/status", fixture);
    } else if (name.startsWith("usage-token-") || name.startsWith("oneapi-index")) {
      answers.put("/api/usage/token/", fixture);
    } else if (name.startsWith("billing-subscription")) {
      answers.put("/api/usage/token/", "newapi/404-not-found.json");
      answers.put("/v1/dashboard/billing/subscription", fixture);
    } else if (name.startsWith("billing-usage")) {
      answers.put("/api/usage/token/", "newapi/404-not-found.json");
      answers.put("/v1/dashboard/billing/usage", fixture);
    } else if (name.startsWith("user-self")) {
      answers.put("/api/user/self", fixture);
    } else if (name.startsWith("models")) {
      answers.put("/v1/models", fixture);
    } else {
      answers.replaceAll(
          (path, good) ->
              path.equals("/api/status") || path.equals("/api/log/token") ? good : fixture);
    }
    Map<String, String> served = new LinkedHashMap<>();
    answers.forEach((path, answer) -> serve(path, answer, served));
    Provider provider =
        new NewApiRelay(clients.clients().guarded(UpstreamClient.RELAY_MAX_BODY_BYTES));
    AdminAccess access =
        admin
            ? new AdminAccess("42", ApiKey.secret("AT-SECRET-abcdef1234567890xyz", "access_token"))
            : null;
    assertRule(
        fixture,
        provider,
        request(RELAY_KEY, URI.create(upstream.baseUrl()), access),
        served.values());
  }

  /** The pointers an operator would configure for each documented answer of {@code custom/}. */
  private static final Map<String, String[]> CUSTOM_POINTERS =
      Map.of(
          "custom/featherless-balance.json", new String[] {"/available_usd", "/balance_usd"},
          "custom/meshy-balance.json", new String[] {"/balance", "/total"},
          "custom/wavespeed-balance.json", new String[] {"/data/balance", "/data/total"});

  /** One case per documented answer an operator-defined provider is pointed at. */
  private static void customProvider(String fixture) {
    upstream.resetAll();
    Map<String, String> served = new LinkedHashMap<>();
    serve("/balance", fixture, served);
    String[] pointers = Objects.requireNonNull(CUSTOM_POINTERS.get(fixture), fixture);
    Provider provider =
        new CustomProvider(
            clients.clients().trusted(CustomProvider.MAX_BODY_BYTES),
            new CustomProviderSpec(
                "acme",
                "Acme AI",
                URI.create(upstream.baseUrl() + "/balance"),
                CustomAuth.BEARER,
                "USD",
                JsonPointer.parse(pointers[0]),
                JsonPointer.parse(pointers[1]),
                null,
                JsonPointer.parse("/error/message")));
    assertRule(fixture, provider, request(KEY, null, null), served.values());
  }

  private static ProviderRequest request(String key, URI baseUrl, AdminAccess admin) {
    return new ProviderRequest(ApiKey.of(key), List.of(), baseUrl, admin, TIMEOUT);
  }

  /** Serves {@code fixture} at {@code path} with the status its name holds. */
  private static void serve(String path, String fixture, Map<String, String> served) {
    Matcher status = STATUS_IN_NAME.matcher(fixture.substring(fixture.indexOf('/') + 1));
    int code = status.find() ? Integer.parseInt(status.group(1)) : 200;
    upstream.stubFor(get(urlPathEqualTo(path)).willReturn(Fixtures.response(code, fixture)));
    served.put(path, fixture);
  }

  /** Reads the account for the fixture and asserts that no figure of its texts is only prose. */
  private static void assertRule(
      String fixture, Provider provider, ProviderRequest request, Collection<String> served) {
    ProviderResult result = provider.readAccount(request).join();
    List<String> quoted =
        served.stream()
            .distinct()
            .map(name -> quotedMessage(name, request))
            .filter(Objects::nonNull)
            .toList();
    List<String> unstated = unstated(result.account(), result.models(), quoted);
    assertTrue(
        unstated.isEmpty(),
        fixture
            + ": "
            + unstated
            + " stated only in prose by "
            + result.account()
            + " "
            + result.models());
  }

  /**
   * The upstream's own message in a fixture, cleaned as the providers clean it before quoting it:
   * the JSON error message, or a short plain-text body; null when there is none.
   */
  private static String quotedMessage(String fixture, ProviderRequest request) {
    byte[] body = Fixtures.read(fixture).getBytes(StandardCharsets.UTF_8);
    String message =
        LenientJson.object(body) != null
            ? LenientJson.errorMessage(LenientJson.object(body))
            : fixture.endsWith(".txt") ? new String(body, StandardCharsets.UTF_8).strip() : null;
    if (message == null) {
      return null;
    }
    String withoutToken =
        request.admin() == null ? message : request.admin().accessToken().redactFrom(message);
    return UpstreamText.clean(withoutToken, request.key());
  }

  // --- the check ---

  /**
   * The numbers that the account's note and error and the rows' notes and errors state, once
   * statuses, durations, {@code quoted} upstream messages and the product's own facts are taken
   * out, that no structured field holds (compared by value, a debt's sign ignored).
   */
  private static List<String> unstated(
      Account account, List<ModelQuota> rows, Collection<String> quoted) {
    List<BigDecimal> fields = new ArrayList<>();
    account.balances().forEach(balance -> fields.addAll(balance.figures()));
    for (RateWindow window : account.limits()) {
      Stream.of(window.limit(), window.remaining())
          .filter(Objects::nonNull)
          .map(BigDecimal::valueOf)
          .forEach(fields::add);
      if (window.usedPercent() != null) {
        fields.add(window.usedPercent());
      }
    }
    for (ModelQuota row : rows) {
      RateLimits limits = row.limits();
      Stream.of(
              limits.requestLimit(),
              limits.requestRemaining(),
              limits.modelRequestLimit(),
              limits.modelRequestRemaining())
          .filter(Objects::nonNull)
          .map(BigDecimal::valueOf)
          .forEach(fields::add);
    }
    List<String> texts = new ArrayList<>();
    texts.add(account.note());
    texts.add(account.error());
    for (ModelQuota row : rows) {
      texts.add(row.note());
      texts.add(row.error());
    }
    List<String> unstated = new ArrayList<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      String prose = text;
      for (String words : quoted) {
        prose = prose.replace(words, " ");
      }
      for (String fact : PRODUCT_FACTS) {
        prose = prose.replace(fact, " ");
      }
      prose = DURATION.matcher(HTTP_STATUS.matcher(prose).replaceAll(" ")).replaceAll(" ");
      Matcher number = NUMBER.matcher(prose);
      while (number.find()) {
        BigDecimal stated = new BigDecimal(number.group());
        if (fields.stream().noneMatch(field -> field.abs().compareTo(stated) == 0)) {
          unstated.add(number.group());
        }
      }
    }
    return unstated;
  }

  private static Balance.Builder account(String unit) {
    return Balance.of(Balance.Scope.ACCOUNT, unit);
  }

  /** The fixture files of a provider's folder, as {@code folder/name}, sorted. */
  private static List<String> fixtures(String folder) {
    try (Stream<Path> files =
        Files.list(Path.of(Fixtures.class.getResource("/fixtures/" + folder).toURI()))) {
      List<String> names = files.map(file -> folder + "/" + file.getFileName()).sorted().toList();
      assertTrue(!names.isEmpty(), "no fixtures in " + folder);
      return names;
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
