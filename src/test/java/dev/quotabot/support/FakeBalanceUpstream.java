package dev.quotabot.support;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One WireMock on loopback that plays the balance endpoints of DeepSeek (as the configured {@code
 * provider.deepseek.base_url}) and of a new-api relay (as the {@code base_url} a user gives). An
 * account's stub matches its key or token, so a request with another one is not answered as it.
 */
public final class FakeBalanceUpstream implements AutoCloseable {
  private final WireMockServer server;

  private FakeBalanceUpstream(WireMockServer server) {
    this.server = server;
  }

  /** Starts it with nothing stubbed. */
  public static FakeBalanceUpstream start() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return new FakeBalanceUpstream(server);
  }

  /** Its base URL, {@code http://127.0.0.1:PORT}, with no path. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The WireMock behind it, to count or inspect the requests it received. */
  public WireMockServer wireMock() {
    return server;
  }

  /**
   * bot.properties entries that make it DeepSeek's endpoint and let the product reach it as an
   * operator could allow for a private deployment: plain http, a loopback address.
   */
  public Map<String, String> properties() {
    return Map.of(
        "provider.deepseek.base_url", url(),
        "upstream.allow_http", "true",
        "upstream.allow_private_addresses", "true");
  }

  /**
   * DeepSeek's {@code GET /user/balance} answers {@code key} with one balance in each of {@code
   * currencies}, each 110.00: 10.00 granted, 100.00 topped up.
   */
  public void deepSeekBalances(String key, List<String> currencies) {
    JsonArray infos = new JsonArray();
    for (String currency : currencies) {
      JsonObject info = new JsonObject();
      info.addProperty("currency", currency);
      info.addProperty("total_balance", "110.00");
      info.addProperty("granted_balance", "10.00");
      info.addProperty("topped_up_balance", "100.00");
      infos.add(info);
    }
    JsonObject balance = new JsonObject();
    balance.addProperty("is_available", true);
    balance.add("balance_infos", infos);
    answer("/user/balance", key, balance.toString());
  }

  /** How many DeepSeek balance reads came with {@code key}. */
  public int deepSeekReads(String key) {
    return server
        .findAll(
            getRequestedFor(urlPathEqualTo("/user/balance"))
                .withHeader("Authorization", equalTo("Bearer " + key)))
        .size();
  }

  /**
   * A new-api relay that counts 500000 quota units a dollar, and {@code key}'s token "my-token"
   * there: 5000000 granted, 1000000 used, 4000000 available ($8.00 of $10.00), never expiring; the
   * relay lists {@code models} to that key.
   */
  public void newApiKey(String key, List<String> models) {
    server.stubFor(
        get(urlPathEqualTo("/api/status"))
            .willReturn(
                okJson(
                    "{\"success\":true,\"data\":{\"quota_per_unit\":500000,"
                        + "\"quota_display_type\":\"USD\"}}")));
    answer(
        "/api/usage/token/",
        key,
        "{\"code\":true,\"data\":{\"object\":\"token_usage\",\"name\":\"my-token\","
            + "\"total_granted\":5000000,\"total_used\":1000000,"
            + "\"total_available\":4000000,\"unlimited_quota\":false,"
            + "\"expires_at\":0}}");
    JsonArray data = new JsonArray();
    for (String id : models) {
      JsonObject model = new JsonObject();
      model.addProperty("id", id);
      model.addProperty("object", "model");
      data.add(model);
    }
    JsonObject list = new JsonObject();
    list.addProperty("object", "list");
    list.add("data", data);
    answer("/v1/models", key, list.toString());
  }

  /**
   * The relay's admin view of user 42 to {@code accessToken}: 2500000 quota units left, 500000 used
   * ($5.00 of $6.00), 7 requests.
   */
  public void newApiWallet(String accessToken) {
    answer(
        "/api/user/self",
        accessToken,
        "{\"success\":true,\"data\":{\"id\":42,\"username\":\"admin\","
            + "\"display_name\":\"admin\",\"quota\":2500000,"
            + "\"used_quota\":500000,\"request_count\":7}}");
  }

  /** {@code GET path} with {@code token} as the bearer token answers {@code body}. */
  private void answer(String path, String token, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer " + token))
            .willReturn(okJson(body)));
  }

  @Override
  public void close() {
    server.stop();
  }
}
