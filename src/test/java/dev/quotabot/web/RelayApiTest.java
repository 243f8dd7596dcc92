package dev.quotabot.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.FakeBalanceUpstream;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new-api relay through the real API and the guarded client: the money in the site's unit, the
 * models the key may use, and the address rules for a base_url that comes from the asker.
 */
final class RelayApiTest {
  private static final String KEY = "sk-relayapi-0123456789abcdef";
  private static FakeBalanceUpstream relay;
  private static RunningApp permissive;
  private static RunningApp strict;

  @BeforeAll
  static void start() {
    relay = FakeBalanceUpstream.start();
    relay.newApiKey(KEY, List.of("gpt-4o", "claude-sonnet"));
    permissive =
        RunningApp.start(
            Map.of(
                "upstream.allow_http", "true",
                "upstream.allow_private_addresses", "true"));
    strict = RunningApp.start(Map.of());
  }

  @AfterAll
  static void stop() {
    permissive.close();
    strict.close();
    relay.close();
  }

  private static HttpResponse<String> check(RunningApp app, String baseUrl, String extra) {
    return HttpCalls.postJson(
        app.uri("/api/balance"),
        "{\"provider\":\"newapi\",\"base_url\":\""
            + baseUrl
            + "\",\"api_key\":\""
            + KEY
            + "\""
            + extra
            + "}");
  }

  @Test
  void readsARelayKeysQuotaInTheSitesUnitAndItsModels() {
    // WHEN a relay key is checked (the address pasted with /v1)
    HttpResponse<String> response = check(permissive, relay.url() + "/v1/", "");

    // THEN 4000000 quota units at 500000 per dollar are $8 left of $10, and both models are listed
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = HttpCalls.json(response);
    JsonObject account = body.getAsJsonObject("account");
    assertEquals("newapi", account.get("provider").getAsString());
    assertEquals("USD", account.get("unit").getAsString());
    assertAmount("8", account.get("available_balance"));
    assertAmount("10", account.get("total_balance"));
    assertAmount("2", account.get("used"));
    assertFalse(account.get("unlimited").getAsBoolean());
    assertEquals("my-token", account.get("user").getAsString());
    // and the key's quota is its one balance entry
    JsonArray balances = account.getAsJsonArray("balances");
    assertEquals(1, balances.size(), balances.toString());
    JsonObject key = balances.get(0).getAsJsonObject();
    assertEquals("key", key.get("scope").getAsString());
    assertEquals("USD", key.get("unit").getAsString());
    assertAmount("8", key.get("available"));
    assertTrue(key.get("requests").isJsonNull(), "a key does not count its calls");
    JsonArray data = body.getAsJsonArray("data");
    assertEquals(2, data.size());
    assertEquals("gpt-4o", data.get(0).getAsJsonObject().get("model").getAsString());
    assertTrue(body.get("success").getAsBoolean());
    // and a relay has no daily reset
    assertTrue(body.get("resets_at").isJsonNull(), body.toString());
  }

  @Test
  void saysForEachNamedModelWhetherTheKeyMayUseIt() {
    JsonArray data =
        HttpCalls.json(check(permissive, relay.url(), ",\"models\":\"gpt-4o, gemini-pro\""))
            .getAsJsonArray("data");

    assertEquals("ok", data.get(0).getAsJsonObject().get("status").getAsString());
    assertEquals("model_unavailable", data.get(1).getAsJsonObject().get("status").getAsString());
  }

  @Test
  void refusesPlainHttpUnlessAllowed() {
    HttpResponse<String> response = check(strict, relay.url(), "");

    assertEquals(400, response.statusCode());
    assertTrue(HttpCalls.json(response).get("message").getAsString().contains("https://"));
  }

  @Test
  void neverConnectsToALoopbackRelayUnlessAllowed() {
    // GIVEN the default rules, and an https address whose name is loopback
    int before = relay.wireMock().getAllServeEvents().size();
    try (LogCapture logs = LogCapture.open()) {
      // WHEN it is checked
      HttpResponse<String> response =
          check(strict, "https://localhost:" + relay.wireMock().port() + "/v1", "");

      // THEN the query ran, the account says why it was refused, and nothing was sent there
      assertEquals(200, response.statusCode(), response.body());
      JsonObject account = HttpCalls.json(response).getAsJsonObject("account");
      assertFalse(account.get("status").getAsString().equals("ok"));
      assertTrue(account.get("error").getAsString().contains("loopback"), account.toString());
      assertFalse(logs.text().contains(KEY));
    }
    assertEquals(before, relay.wireMock().getAllServeEvents().size());
  }

  @Test
  void refusesCredentialsInTheAddress() {
    HttpResponse<String> response = check(permissive, "https://user:pw@relay.example", "");

    assertEquals(400, response.statusCode());
    assertTrue(HttpCalls.json(response).get("message").getAsString().contains("password"));
  }

  @Test
  void readsTheWalletBesideTheKeyWithBothAdminHeaders() {
    // GIVEN the relay's wallet for user 42: 50000000 units left, 12500000 used, 321 requests
    relay
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/api/user/self"))
                .willReturn(okJson(Fixtures.read("newapi/user-self.json"))));

    // WHEN the key is checked with the user id and the access token
    HttpResponse<String> response =
        check(
            permissive, relay.url(), ",\"user_id\":42,\"access_token\":\"admin-token-0123456789\"");

    // THEN the account has two balances: the key's quota and the wallet with its request count
    assertEquals(200, response.statusCode(), response.body());
    JsonObject account = HttpCalls.json(response).getAsJsonObject("account");
    JsonArray balances = account.getAsJsonArray("balances");
    assertEquals(2, balances.size(), balances.toString());
    List<String> scopes = new ArrayList<>();
    balances.forEach(b -> scopes.add(b.getAsJsonObject().get("scope").getAsString()));
    assertTrue(scopes.containsAll(List.of("key", "wallet")), scopes.toString());
    JsonObject wallet = balanceOf(balances, "wallet");
    assertEquals("USD", wallet.get("unit").getAsString());
    assertAmount("100", wallet.get("available"));
    assertAmount("25", wallet.get("used"));
    assertAmount("125", wallet.get("total"));
    assertEquals(321, wallet.get("requests").getAsLong());
    JsonObject key = balanceOf(balances, "key");
    assertAmount("8", key.get("available"));
    // and the flat fields are the first entry's: the one that limits spending first
    JsonObject first = balances.get(0).getAsJsonObject();
    assertEquals(first.get("available"), account.get("available_balance"));
    assertAmount("8", account.get("available_balance"));
    // and the token went only into the two headers, never into the answer
    assertFalse(response.body().contains("admin-token-0123456789"));
    relay
        .wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo("/api/user/self"))
                .withHeader("Authorization", equalTo("Bearer admin-token-0123456789"))
                .withHeader("New-Api-User", equalTo("42")));
  }

  private static JsonObject balanceOf(JsonArray balances, String scope) {
    for (var balance : balances) {
      if (balance.getAsJsonObject().get("scope").getAsString().equals(scope)) {
        return balance.getAsJsonObject();
      }
    }
    throw new AssertionError("no " + scope + " balance in " + balances);
  }

  private static void assertAmount(String expected, JsonElement actual) {
    assertEquals(
        0, new BigDecimal(expected).compareTo(actual.getAsBigDecimal()), expected + " ≠ " + actual);
  }
}
