package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.quotabot.support.FakeModelScope.error;
import static dev.quotabot.support.FakeModelScope.withQuota;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.FakeBalanceUpstream;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.OpenApiContract;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * {@code GET /openapi.json} and the answers it describes: the document is served as the resource it
 * is, is an OpenAPI 3.1 document, names every route and every value of the wire vocabularies, and
 * every real answer of the product (each kind of provider through the support fakes, the bad
 * inputs, each NDJSON line of the stream) matches it with no field undocumented ({@link
 * OpenApiContract}). A field added to a writer, or removed from it, without the document fails
 * here.
 */
final class OpenApiDocumentTest {
  private static final String MS_KEY = "ms-OPENAPI-0123456789abcdefWXYZ";
  private static final String DEEPSEEK_KEY = "sk-openapi-deepseek-0123456789abcdef";
  private static final String RELAY_KEY = "sk-openapi-relay-0123456789abcdef";
  private static final String ACCESS_TOKEN = "openapi-access-token-0123456789";
  private static final String FLAVOUR_KEY = "sk-openapi-flavour-0123456789abcdef";
  private static final String OTHER_KEY = "sk-openapi-other-0123456789abcdef";
  private static final String GROQ_KEY = "gsk_OPENAPI0123456789abcdefghijklmnopqrstuvwxyzAB";
  private static final String GLM_KEY = "0123456789abcdef0123456789abcdef.OPENAPIabcdef";
  private static final String KIMI_KEY = "sk-kimi-OPENAPI-1234567890abcdefghijklmnopqrstuvwxyz";
  private static final String MINIMAX_KEY = "sk-cp-OPENAPI-1234567890abcdefghijkl";
  private static final String GEMINI_KEY = "AIzaSyOPENAPI-0123456789abcdefghijklmno";
  private static final String CUSTOM_KEY = "sk-CUSTOM-OPENAPI-0123456789abcdef";

  private static final String OK_MODEL = "Qwen/Qwen3-32B";
  private static final String BARE_MODEL = "deepseek-ai/DeepSeek-V3.1";
  private static final String LIMITED_MODEL = "Limited/Model";
  private static final String SLOW_MODEL = "Slow/Model";
  private static final String REFUSED_MODEL = "Refused/Model";
  private static final String MISSING_MODEL = "Org/Missing-Model";

  private static final OpenApiContract CONTRACT = OpenApiContract.load();

  private static FakeModelScope modelScope;
  private static FakeBalanceUpstream balances;
  private static WireMockServer others;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    modelScope = FakeModelScope.start(0);
    modelScope.models(List.of(OK_MODEL, BARE_MODEL, LIMITED_MODEL, SLOW_MODEL, REFUSED_MODEL));
    modelScope.quota(OK_MODEL, 2000, 1500, 500, 20, 0);
    modelScope.noHeaders(BARE_MODEL, 0);
    modelScope.limitReached(LIMITED_MODEL, 0);
    // slow enough for the stream to send pings while it waits
    modelScope.model(SLOW_MODEL, withQuota(2000, 1499, 200, 10).withFixedDelay(1_200));
    modelScope.model(
        REFUSED_MODEL,
        error(401, "{\"errors\":{\"message\":\"Authentication failed\",\"request_id\":\"r-2\"}}"));

    balances = FakeBalanceUpstream.start();
    balances.deepSeekBalances(DEEPSEEK_KEY, List.of("CNY", "USD"));
    balances.newApiKey(RELAY_KEY, List.of("gpt-4o", "claude-sonnet"));
    balances.newApiWallet(ACCESS_TOKEN);

    others = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    others.start();
    stubOthers();

    Map<String, String> properties = new HashMap<>(modelScope.properties());
    properties.putAll(balances.properties());
    String base = others.baseUrl();
    properties.put("provider.groq.base_url", base + "/groq/openai");
    properties.put("provider.kimicode.base_url", base + "/kimicode");
    properties.put("provider.zhipu.base_url", base + "/zhipu");
    properties.put("provider.minimax.base_url", base + "/minimax");
    properties.put("provider.gemini.base_url", base + "/gemini");
    properties.put("provider.stepfun.base_url", base + "/stepfun");
    properties.put("provider.custom.acme.name", "Acme AI");
    properties.put("provider.custom.acme.base_url", base + "/acme");
    properties.put("provider.custom.acme.path", "/credits/balance");
    properties.put("provider.custom.acme.auth", "header:X-Api-Key");
    properties.put("provider.custom.acme.unit", "USD");
    properties.put("provider.custom.acme.available", "/available_usd");
    properties.put("provider.custom.acme.total", "/balance_usd");
    properties.put("provider.custom.acme.used", "/used_usd");
    properties.put("provider.custom.acme.error", "/error/message");
    app = RunningApp.start(properties);
  }

  /**
   * The fixtures the providers' own API tests use (HeaderProvidersEndToEndTest,
   * CodingPlansEndToEndTest, MoreProvidersApiTest, BalanceEndpointProvidersApiTest,
   * CustomProviderApiTest, RelayFlavoursApiTest), each provider on its own path of one WireMock.
   */
  private static void stubOthers() {
    others.stubFor(
        post(urlPathEqualTo("/groq/openai/v1/chat/completions"))
            .willReturn(
                Fixtures.withHeaders(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"),
                    "groq/headers-documented.headers")));
    bearer("/kimicode/coding/v1/usages", KIMI_KEY, "kimicode/usages-5h-and-weekly.json");
    others.stubFor(
        get(urlPathEqualTo("/zhipu/api/monitor/usage/quota/limit"))
            .willReturn(response(200, "glm/limits-percent-only.json")));
    bearer(
        "/minimax/v1/api/openplatform/coding_plan/remains",
        MINIMAX_KEY,
        "minimax/remains-one-model.json");
    others.stubFor(
        get(urlPathEqualTo("/gemini/v1beta/models"))
            .withHeader("x-goog-api-key", equalTo(GEMINI_KEY))
            .willReturn(response(200, "gemini/models.json")));
    others.stubFor(
        get(urlPathEqualTo("/stepfun/v1/accounts"))
            .willReturn(response(200, "stepfun/accounts-prepaid.json")));
    others.stubFor(
        get(urlPathEqualTo("/acme/credits/balance"))
            .withHeader("X-Api-Key", equalTo(CUSTOM_KEY))
            .willReturn(response(200, "custom/featherless-balance.json")));
    // a new-api v0.9 relay at the root, with the key's log: account.site and account.spend
    others.stubFor(
        get(urlPathEqualTo("/api/status"))
            .willReturn(response(200, "newapi/status-newapi-v0.9.json")));
    bearer("/api/usage/token/", FLAVOUR_KEY, "newapi/usage-token-limited.json");
    bearer("/api/log/token", FLAVOUR_KEY, "newapi/log-token-mixed.json");
    others.stubFor(
        get(urlPathEqualTo("/v1/models")).willReturn(response(200, "newapi/models.json")));
  }

  private static void bearer(String path, String key, String fixture) {
    others.stubFor(
        get(urlPathEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer " + key))
            .willReturn(response(200, fixture)));
  }

  @AfterAll
  static void stop() {
    app.close();
    others.stop();
    balances.close();
    modelScope.close();
  }

  // ---------------------------------------------------------------- the document itself

  @Test
  void servesTheResourceAsCacheableJsonWithAnETag() {
    // WHEN the document is asked for
    HttpResponse<String> response = HttpCalls.get(app.uri("/openapi.json"));

    // THEN it is the resource, as JSON, cacheable, with an ETag
    assertEquals(200, response.statusCode());
    assertEquals(
        "application/json; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(OpenApiContract.resourceText(), response.body());
    String cache = response.headers().firstValue("Cache-Control").orElseThrow();
    assertTrue(cache.startsWith("public, max-age="), cache);
    String etag = response.headers().firstValue("ETag").orElseThrow();
    CONTRACT.assertAnswer("GET", "/openapi.json", response);

    // and asked again with its ETag, it is not sent again
    HttpResponse<String> again =
        HttpCalls.send(
            HttpRequest.newBuilder(app.uri("/openapi.json")).header("If-None-Match", etag));
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertTrue(CONTRACT.at("#/paths/~1openapi.json/get/responses").getAsJsonObject().has("304"));

    // while every answer about a key still may not be stored
    assertEquals(
        "no-store",
        HttpCalls.get(app.uri("/health")).headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void thePagesFooterLinksToIt() {
    // WHEN the page is read
    String page = HttpCalls.get(app.uri("/")).body();

    // THEN its footer has one link to the document, relative, so it works under a path prefix
    String footer = page.substring(page.indexOf("<footer"), page.indexOf("</footer>"));
    assertEquals(1, footer.split("<a ", -1).length - 1, footer);
    Matcher link = Pattern.compile("<a href=\"([^\"]+)\"").matcher(footer);
    assertTrue(link.find(), footer);
    assertEquals("openapi.json", link.group(1));
    assertEquals(200, HttpCalls.get(app.uri("/").resolve(link.group(1))).statusCode());
  }

  @Test
  void isAnOpenApi31DocumentWhoseSchemasAreValidJsonSchema() {
    JsonObject document = CONTRACT.document();

    // the required top-level shape of OpenAPI 3.1 (the validator ships no OAS schema offline)
    assertTrue(document.get("openapi").getAsString().matches("3\\.1\\.\\d+"));
    JsonObject info = document.getAsJsonObject("info");
    assertFalse(info.get("title").getAsString().isBlank());
    assertFalse(info.get("version").getAsString().isBlank());
    assertEquals(
        Set.of("openapi", "info", "jsonSchemaDialect", "servers", "tags", "paths", "components"),
        document.keySet());
    Set<String> operationIds = new TreeSet<>();
    for (var path : document.getAsJsonObject("paths").entrySet()) {
      assertTrue(path.getKey().startsWith("/"), path.getKey());
      for (var operation : path.getValue().getAsJsonObject().entrySet()) {
        assertTrue(Set.of("get", "post").contains(operation.getKey()), operation.getKey());
        JsonObject op = operation.getValue().getAsJsonObject();
        assertTrue(operationIds.add(op.get("operationId").getAsString()), "unique operationId");
        JsonObject responses = op.getAsJsonObject("responses");
        assertFalse(responses.isEmpty(), path.getKey());
        for (var answer : responses.entrySet()) {
          assertTrue(answer.getKey().matches("[1-5]\\d\\d"), answer.getKey());
          JsonObject resolved = CONTRACT.resolve(answer.getValue()).getAsJsonObject();
          assertNotNull(resolved, "unresolved " + answer.getValue());
          assertTrue(resolved.has("description"), path.getKey() + " " + answer.getKey());
        }
        if (op.has("security")) {
          for (JsonElement requirement : op.getAsJsonArray("security")) {
            for (String scheme : requirement.getAsJsonObject().keySet()) {
              assertTrue(
                  document
                      .getAsJsonObject("components")
                      .getAsJsonObject("securitySchemes")
                      .has(scheme),
                  scheme);
            }
          }
        }
      }
    }
    // every $ref points at something in the document
    for (String ref : refs(document, new ArrayList<>())) {
      assertTrue(ref.startsWith("#/"), ref);
      assertNotNull(CONTRACT.at(ref), "unresolved $ref " + ref);
    }
    // and every schema is a valid JSON Schema 2020-12 (the base of the OAS 3.1 dialect)
    Schema metaSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    for (var schema :
        document.getAsJsonObject("components").getAsJsonObject("schemas").entrySet()) {
      List<Error> errors = metaSchema.validate(schema.getValue().toString(), InputFormat.JSON);
      assertTrue(errors.isEmpty(), schema.getKey() + ": " + errors);
    }
  }

  @Test
  void treatsTheKeyAndTheAccessTokenAsSecrets() {
    JsonObject request =
        CONTRACT
            .at("#/components/schemas/BalanceRequest")
            .getAsJsonObject()
            .getAsJsonObject("properties");
    for (String secret : List.of("api_key", "access_token")) {
      JsonObject field = request.getAsJsonObject(secret);
      assertEquals("password", field.get("format").getAsString(), secret);
      assertTrue(field.get("writeOnly").getAsBoolean(), secret);
    }
    JsonObject bearer = CONTRACT.at("#/components/securitySchemes/bearerKey").getAsJsonObject();
    assertEquals("http", bearer.get("type").getAsString());
    assertEquals("bearer", bearer.get("scheme").getAsString());
    // and no example anywhere holds a key from a test
    String text = OpenApiContract.resourceText();
    assertFalse(text.contains("OPENAPI"), "a test key in the document");
  }

  @Test
  void namesEveryRouteTheServerAnswers() {
    // GIVEN the routes the server's 404 lists (the page "/" aside)
    Set<String> routes = new TreeSet<>();
    Matcher route = Pattern.compile("(GET|POST) (/[^ ,]*[^ ,.])").matcher(Routes.NOT_FOUND);
    while (route.find()) {
      routes.add(route.group(1).toLowerCase() + " " + route.group(2));
    }
    routes.remove("get /");

    // THEN the document has exactly those operations
    Set<String> documented = new TreeSet<>();
    for (var path : CONTRACT.document().getAsJsonObject("paths").entrySet()) {
      for (String method : path.getValue().getAsJsonObject().keySet()) {
        documented.add(method + " " + path.getKey());
      }
    }
    assertEquals(routes, documented);
    // and each documented GET is answered (the POSTs are asked below)
    for (String operation : documented) {
      if (operation.startsWith("get ")) {
        String path = operation.substring(4);
        HttpResponse<String> answer = HttpCalls.get(app.uri(path));
        assertEquals(200, answer.statusCode(), operation);
        CONTRACT.assertAnswer("GET", path, answer);
      }
    }
  }

  @Test
  void listsEveryValueOfTheWireVocabularies() {
    assertEquals(
        names(ProbeStatus.values(), ProbeStatus::wireName), enumOf("#/components/schemas/Status"));
    assertEquals(
        names(Balance.Scope.values(), Balance.Scope::wireName),
        enumOf("#/components/schemas/Balance/properties/scope"));
    assertEquals(
        names(Capability.values(), Capability::wireName),
        enumOf("#/components/schemas/Provider/properties/capabilities/items"));
    assertEquals(
        names(ProbeCost.Kind.values(), ProbeCost.Kind::wireName),
        enumOf("#/components/schemas/ProbeCost/properties/kind"));
  }

  @Test
  void everyExampleMatchesItsSchema() {
    List<Map.Entry<String, JsonElement>> examples = CONTRACT.examples();
    assertTrue(examples.size() >= 20, "examples: " + examples.size());
    for (var example : examples) {
      CONTRACT.assertValid(example.getKey(), example.getValue().toString(), "the example");
    }
  }

  @Test
  void failsAnAnswerWithAnUndocumentedOrMissingField() {
    // GIVEN real answers that match
    HttpResponse<String> response = HttpCalls.get(app.uri("/health"));
    CONTRACT.assertAnswer("GET", "/health", response);
    JsonObject health = HttpCalls.json(response);
    JsonObject probed = balance(modelScopeQuery());
    JsonObject relay = balance(flavourQuery());
    String answer = CONTRACT.responseSchemaPointer("POST", "/api/balance", 200, "application/json");
    String line =
        CONTRACT.responseSchemaPointer("POST", "/api/balance/stream", 200, "application/x-ndjson");

    // WHEN a field is added or taken away at any depth, or a value is not what the document says
    Map<String, String> drifted = new LinkedHashMap<>();
    drifted.put("a new top-level field", with(health, h -> h.addProperty("uptime_s", 12)));
    drifted.put("a missing field", with(health, h -> h.remove("service")));
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("a new field in a row", with(probed, b -> row(b).addProperty("cost", 1)));
    answers.put("a row without its error", with(probed, b -> row(b).remove("error")));
    answers.put("a new field in the account", with(probed, b -> account(b).addProperty("x", 1)));
    answers.put(
        "a new field in a balance",
        with(probed, b -> firstOf(account(b), "balances").addProperty("currency", "CNY")));
    answers.put(
        "an amount as a string",
        with(relay, b -> firstOf(account(b), "balances").addProperty("available", "8")));
    answers.put(
        "a new field in the site",
        with(relay, b -> account(b).getAsJsonObject("site").addProperty("url", "x")));
    answers.put(
        "a new field in a spend",
        with(relay, b -> firstOf(account(b), "spend").addProperty("tokens", 3)));
    answers.put("an unknown status", with(probed, b -> row(b).addProperty("status", "fine")));
    answers.put("a time that is not one", with(probed, b -> b.addProperty("checked_at", "now")));
    answers.put("a negative latency", with(probed, b -> row(b).addProperty("latency_ms", -1)));
    String modelLine = with(row(probed), r -> r.addProperty("type", "model"));

    // THEN the contract fails each, and takes the untouched ones
    String healthPointer =
        CONTRACT.responseSchemaPointer("GET", "/health", 200, "application/json");
    drifted.forEach(
        (what, json) ->
            assertThrows(
                AssertionFailedError.class,
                () -> CONTRACT.assertValid(healthPointer, json, what),
                what));
    answers.forEach(
        (what, json) ->
            assertThrows(
                AssertionFailedError.class, () -> CONTRACT.assertValid(answer, json, what), what));
    assertThrows(
        AssertionFailedError.class,
        () -> CONTRACT.assertValid(line, modelLine, "a model line without its index"));
    CONTRACT.assertValid(answer, probed.toString(), "the answer as it came");
    CONTRACT.assertValid(answer, relay.toString(), "the answer as it came");
  }

  private static String with(JsonObject body, Consumer<JsonObject> change) {
    JsonObject copy = body.deepCopy();
    change.accept(copy);
    return copy.toString();
  }

  private static JsonObject row(JsonObject body) {
    return body.getAsJsonArray("data").get(0).getAsJsonObject();
  }

  private static JsonObject account(JsonObject body) {
    return body.getAsJsonObject("account");
  }

  private static JsonObject firstOf(JsonObject object, String array) {
    return object.getAsJsonArray(array).get(0).getAsJsonObject();
  }

  // ---------------------------------------------------------------- real answers

  /** Each provider kind's query, the account status it must answer, and what it shows. */
  /**
   * Each provider kind's query, the account status it must answer, and where the answer shows what
   * the case is about (a dotted path to a value that must be there and not empty).
   */
  static Stream<Arguments> providerQueries() {
    return Stream.of(
        Arguments.of(
            "ModelScope: probes and the 魔粒 balance",
            modelScopeQuery(),
            "ok",
            "account.estimated_calls"),
        Arguments.of(
            "ModelScope: balance only", query("modelscope", MS_KEY, ""), "ok", "account.balances"),
        Arguments.of(
            "DeepSeek: CNY and USD",
            query("deepseek", DEEPSEEK_KEY, ""),
            "ok",
            "account.balances.1.parts"),
        Arguments.of(
            "DeepSeek: a key it does not know",
            query("deepseek", OTHER_KEY, ""),
            null,
            "account.error"),
        Arguments.of(
            "a new-api relay: the key and the wallet", relayQuery(), "ok", "account.balances.1"),
        Arguments.of("a relay with a site name and a log", flavourQuery(), "ok", "account.spend"),
        Arguments.of(
            "a header provider: windows per model",
            query("groq", GROQ_KEY, ",\"models\":[\"llama-3.1-8b-instant\"]"),
            "ok",
            "data.0.limits"),
        Arguments.of(
            "a coding plan in counts", query("kimicode", KIMI_KEY, ""), "ok", "account.limits"),
        Arguments.of(
            "a coding plan in shares",
            query("zhipu", GLM_KEY, ""),
            "ok",
            "account.limits.0.used_percent"),
        Arguments.of(
            "a coding plan per model", query("minimax", MINIMAX_KEY, ""), "ok", "account.limits"),
        Arguments.of("a console provider", query("gemini", GEMINI_KEY, ""), "ok", "account.note"),
        Arguments.of(
            "a balance with parts",
            query("stepfun", OTHER_KEY, ""),
            "ok",
            "account.balances.0.parts"),
        Arguments.of(
            "a custom provider", query("acme", CUSTOM_KEY, ""), "ok", "account.total_balance"),
        Arguments.of(
            "a relay that cannot be reached",
            "{\"provider\":\"newapi\",\"base_url\":\"http://127.0.0.1:9\",\"api_key\":\""
                + OTHER_KEY
                + "\"}",
            "network_error",
            "account.error"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providerQueries")
  void eachProvidersAnswerMatchesTheDocument(
      String label, String query, String accountStatus, String shows) {
    // GIVEN a request the document accepts
    CONTRACT.assertRequest("POST", "/api/balance", query);

    // WHEN it is sent
    HttpResponse<String> response = HttpCalls.postJson(app.uri("/api/balance"), query);

    // THEN the answer matches the document, and is the one the case is about
    JsonObject body = CONTRACT.assertAnswer("POST", "/api/balance", response).getAsJsonObject();
    assertEquals(200, response.statusCode(), response.body());
    if (accountStatus != null) {
      assertEquals(
          accountStatus,
          body.getAsJsonObject("account").get("status").getAsString(),
          response.body());
    }
    JsonElement shown = body;
    for (String step : shows.split("\\.")) {
      shown =
          shown.isJsonArray()
              ? shown.getAsJsonArray().get(Integer.parseInt(step))
              : shown.getAsJsonObject().get(step);
    }
    assertFalse(
        shown.isJsonNull()
            || shown.isJsonArray() && shown.getAsJsonArray().isEmpty()
            || shown.isJsonObject() && shown.getAsJsonObject().isEmpty(),
        shows + " in " + response.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providerQueries")
  void eachLineOfEachProvidersStreamMatchesTheDocument(
      String label, String query, String accountStatus, String shows) {
    // WHEN the same query is streamed
    HttpResponse<String> response = HttpCalls.postJson(app.uri("/api/balance/stream"), query);

    // THEN every line matches the document's line schema: account first, summary last
    assertEquals(200, response.statusCode(), response.body());
    List<JsonObject> lines = CONTRACT.assertNdjson("POST", "/api/balance/stream", response);
    assertEquals("account", lines.get(0).get("type").getAsString());
    assertEquals("summary", lines.get(lines.size() - 1).get("type").getAsString());
  }

  @Test
  void theProbesCoverEveryModelOutcomeTheFakesCanGive() {
    JsonArray data = balance(modelScopeQuery()).getAsJsonArray("data");

    Set<String> statuses = new TreeSet<>();
    data.forEach(row -> statuses.add(row.getAsJsonObject().get("status").getAsString()));
    assertEquals(
        Set.of("ok", "no_quota_headers", "limit_reached", "invalid_key", "model_unavailable"),
        statuses);
  }

  @Test
  void aSlowStreamsPingsMatchTheDocument() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance/stream"),
            "{\"models\":[\"" + SLOW_MODEL + "\"],\"api_key\":\"" + MS_KEY + "\"}");

    List<JsonObject> lines = CONTRACT.assertNdjson("POST", "/api/balance/stream", response);
    List<String> types = lines.stream().map(line -> line.get("type").getAsString()).toList();
    assertTrue(types.contains("ping"), types.toString());
    assertTrue(types.contains("model"), types.toString());
  }

  static Stream<Arguments> readRoutes() {
    return Stream.of(
        Arguments.of("/health", 200),
        Arguments.of("/api/providers", 200),
        Arguments.of("/api/config", 200),
        Arguments.of("/api/models", 200),
        Arguments.of("/api/models?provider=modelscope", 200),
        Arguments.of("/api/models?provider=nobody", 404),
        Arguments.of("/api/models?provider=deepseek", 404));
  }

  @ParameterizedTest(name = "GET {0}")
  @MethodSource("readRoutes")
  void eachReadRoutesAnswerMatchesTheDocument(String uri, int status) {
    HttpResponse<String> response = HttpCalls.get(app.uri(uri));

    assertEquals(status, response.statusCode(), response.body());
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    CONTRACT.assertAnswer("GET", path, response);
  }

  @Test
  void providersListsEveryProviderAsDocumented() {
    JsonObject providers =
        CONTRACT
            .assertAnswer("GET", "/api/providers", HttpCalls.get(app.uri("/api/providers")))
            .getAsJsonObject();

    // the custom provider and a provider with a probe cost are among them
    List<String> ids = new ArrayList<>();
    providers
        .getAsJsonArray("providers")
        .forEach(p -> ids.add(p.getAsJsonObject().get("id").getAsString()));
    assertTrue(
        ids.containsAll(List.of("modelscope", "newapi", "groq", "gemini", "acme")), ids.toString());
  }

  /** Bad requests to both query routes: each answer is the documented error. */
  static Stream<Arguments> badInputs() {
    byte[] huge =
        ("{\"api_key\":\"" + MS_KEY + "\",\"models\":\"" + "m,".repeat(40_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    List<Arguments> cases = new ArrayList<>();
    for (String path : List.of("/api/balance", "/api/balance/stream")) {
      cases.addAll(
          List.of(
              Arguments.of(path, "", "application/json", bytes("{\"models\":"), 400),
              Arguments.of(path, "", "application/json", bytes("[1,2]"), 400),
              Arguments.of(path, "", "application/json", bytes("{\"models\":[1]}"), 400),
              Arguments.of(path, "", "application/json", bytes("{\"models\":[\"a\"]}"), 400),
              Arguments.of(path, "", "application/json", bytes(query("nobody", MS_KEY, "")), 400),
              Arguments.of(
                  path,
                  "?api_key=" + MS_KEY,
                  "application/json",
                  bytes("{\"models\":[\"a\"]}"),
                  400),
              Arguments.of(path, "", "application/json", huge, 413),
              Arguments.of(path, "", "text/plain", bytes(modelScopeQuery()), 415),
              Arguments.of(
                  path, "", "application/json; charset=latin1", bytes(modelScopeQuery()), 415)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}{1} {2} → {4}")
  @MethodSource("badInputs")
  void eachBadInputIsTheDocumentedError(
      String path, String queryString, String contentType, byte[] body, int status) {
    HttpResponse<String> response = HttpCalls.post(app.uri(path + queryString), contentType, body);

    assertEquals(status, response.statusCode(), response.body());
    JsonObject problem = CONTRACT.assertAnswer("POST", path, response).getAsJsonObject();
    assertFalse(problem.get("message").getAsString().contains(MS_KEY));
  }

  @Test
  void aMissOrAWrongMethodIsTheDocumentedError() {
    HttpResponse<String> wrongMethod = HttpCalls.get(app.uri("/api/balance"));
    assertEquals(405, wrongMethod.statusCode());
    CONTRACT.assertValid(
        "#/components/schemas/Problem", wrongMethod.body(), "the 405 of GET /api/balance");
    CONTRACT.responseSchemaPointer("POST", "/api/balance", 400, "application/json");
    assertNotNull(CONTRACT.at("#/components/responses/MethodNotAllowed/headers/Allow"));

    HttpResponse<String> miss = HttpCalls.get(app.uri("/api/nothing"));
    assertEquals(404, miss.statusCode());
    CONTRACT.assertValid("#/components/schemas/Problem", miss.body(), "a 404");
  }

  @Test
  void aClientOverItsAllowanceGetsTheDocumented429() {
    try (RunningApp limited = RunningApp.start(Map.of("web.rate_limit_per_minute", "1"))) {
      HttpCalls.postJson(limited.uri("/api/balance"), "{}");
      for (String path : List.of("/api/balance", "/api/balance/stream")) {
        HttpResponse<String> refused = HttpCalls.postJson(limited.uri(path), modelScopeQuery());

        assertEquals(429, refused.statusCode(), refused.body());
        CONTRACT.assertAnswer("POST", path, refused);
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String modelScopeQuery() {
    return "{\"models\":[\""
        + String.join("\",\"", OK_MODEL, BARE_MODEL, LIMITED_MODEL, REFUSED_MODEL, MISSING_MODEL)
        + "\"],\"api_key\":\""
        + MS_KEY
        + "\"}";
  }

  private static String relayQuery() {
    return "{\"provider\":\"newapi\",\"base_url\":\""
        + balances.url()
        + "\",\"api_key\":\""
        + RELAY_KEY
        + "\",\"user_id\":42,\"access_token\":\""
        + ACCESS_TOKEN
        + "\"}";
  }

  private static String flavourQuery() {
    return "{\"provider\":\"newapi\",\"base_url\":\""
        + others.baseUrl()
        + "\",\"api_key\":\""
        + FLAVOUR_KEY
        + "\"}";
  }

  /** {@code {"provider":…,"api_key":…<more>}}. */
  private static String query(String provider, String key, String more) {
    return "{\"provider\":\"" + provider + "\",\"api_key\":\"" + key + "\"" + more + "}";
  }

  private static JsonObject balance(String query) {
    HttpResponse<String> response = HttpCalls.postJson(app.uri("/api/balance"), query);
    return CONTRACT.assertAnswer("POST", "/api/balance", response).getAsJsonObject();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> Set<String> names(T[] values, Function<T, String> name) {
    return Arrays.stream(values).map(name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> enumOf(String pointer) {
    Set<String> values = new TreeSet<>();
    CONTRACT
        .at(pointer)
        .getAsJsonObject()
        .getAsJsonArray("enum")
        .forEach(value -> values.add(value.getAsString()));
    return values;
  }

  private static List<String> refs(JsonElement node, List<String> found) {
    if (node.isJsonArray()) {
      node.getAsJsonArray().forEach(item -> refs(item, found));
    } else if (node.isJsonObject()) {
      for (var entry : node.getAsJsonObject().entrySet()) {
        if (entry.getKey().equals("$ref")) {
          found.add(entry.getValue().getAsString());
        } else {
          refs(entry.getValue(), found);
        }
      }
    }
    return found;
  }
}
