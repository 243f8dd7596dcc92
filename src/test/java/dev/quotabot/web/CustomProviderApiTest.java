package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider defined only in bot.properties ({@code provider.custom.acme.*}), through the real
 * product: listed by {@code GET /api/providers} after the built-ins, read by {@code POST
 * /api/balance}. Its upstream answers as Featherless documents its balance
 * (https://featherless.ai/docs/api-reference-credits), with the key in {@code X-Api-Key}.
 */
final class CustomProviderApiTest {
  private static final String KEY = "sk-CUSTOMAPI-0123456789abcdef";
  private static final String PATH = "/credits/balance";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  private RunningApp app;

  @BeforeEach
  void start() {
    upstream.stubFor(
        get(urlPathEqualTo(PATH))
            .withHeader("X-Api-Key", equalTo(KEY))
            .willReturn(okJson(Fixtures.read("custom/featherless-balance.json"))));
    app =
        RunningApp.start(
            Map.of(
                "provider.custom.acme.name", "Acme AI",
                "provider.custom.acme.base_url", upstream.baseUrl(),
                "provider.custom.acme.path", PATH,
                "provider.custom.acme.auth", "header:X-Api-Key",
                "provider.custom.acme.unit", "USD",
                "provider.custom.acme.available", "/available_usd",
                "provider.custom.acme.total", "/balance_usd",
                "provider.custom.acme.used", "/used_usd",
                "provider.custom.acme.error", "/error/message"));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void providersListsItAfterTheBuiltIns() {
    // WHEN the providers are asked
    HttpResponse<String> response = HttpCalls.get(app.uri("/api/providers"));

    // THEN acme is the last, declared like any provider that reads balances
    assertEquals(200, response.statusCode());
    JsonArray providers = HttpCalls.json(response).getAsJsonArray("providers");
    List<String> ids = new ArrayList<>();
    providers.forEach(p -> ids.add(p.getAsJsonObject().get("id").getAsString()));
    assertEquals("acme", ids.get(ids.size() - 1), ids.toString());
    assertEquals(1, ids.stream().filter("acme"::equals).count(), ids.toString());
    JsonObject acme = providers.get(providers.size() - 1).getAsJsonObject();
    assertEquals("Acme AI", acme.get("name").getAsString());
    assertEquals("USD", acme.get("unit").getAsString());
    assertEquals(List.of("balances"), strings(acme.getAsJsonArray("capabilities")));
    assertEquals(List.of("api_key"), strings(acme.getAsJsonArray("fields")));
    assertFalse(acme.get("needs_base_url").getAsBoolean());
  }

  @Test
  void balanceReadsItWithTheConfiguredPointersAndHeader() {
    // WHEN a key is checked with the custom provider
    HttpResponse<String> response;
    String logged;
    try (LogCapture logs = LogCapture.open()) {
      response =
          HttpCalls.postJson(
              app.uri("/api/balance"), "{\"provider\":\"acme\",\"api_key\":\"" + KEY + "\"}");
      logged = logs.text();
    }

    // THEN the account holds the amounts exactly as the upstream wrote them; used is unknown
    assertEquals(200, response.statusCode(), response.body());
    JsonObject account = HttpCalls.json(response).getAsJsonObject("account");
    assertEquals("acme", account.get("provider").getAsString());
    assertEquals("ok", account.get("status").getAsString());
    JsonObject balance = account.getAsJsonArray("balances").get(0).getAsJsonObject();
    assertEquals("USD", balance.get("unit").getAsString());
    assertEquals(new BigDecimal("42.488000000"), balance.get("available").getAsBigDecimal());
    assertEquals(new BigDecimal("42.500000000"), balance.get("total").getAsBigDecimal());
    assertTrue(balance.get("used").isJsonNull(), balance.toString());
    // and the key went only into its header, never into the answer, the URL or a log line
    upstream.verify(
        exactly(1), getRequestedFor(urlEqualTo(PATH)).withHeader("X-Api-Key", equalTo(KEY)));
    assertFalse(response.body().contains(KEY), response.body());
    assertFalse(logged.contains("0123456789abcdef"), logged);
  }

  private static List<String> strings(JsonArray array) {
    List<String> strings = new ArrayList<>();
    for (JsonElement element : array) {
      strings.add(element.getAsString());
    }
    return strings;
  }
}
