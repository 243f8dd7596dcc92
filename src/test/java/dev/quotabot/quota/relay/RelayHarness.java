package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.AdminAccess;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.support.Fixtures;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NewApiRelay} on the production upstream clients ({@link UpstreamClient}) with
 * production's relay body cap, pointed at a WireMock relay; plus the relay's paths and fixture
 * helpers.
 */
final class RelayHarness implements AutoCloseable {
  /** Distinctive fake secrets: tests assert they never show up in results or logs. */
  static final String KEY = "sk-RELAYKEY-1234567890abcdef";

  static final String ACCESS_TOKEN = "AT-SECRET-abcdef1234567890xyz";
  static final String USER_ID = "42";
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  static final String STATUS = "/api/status";
  static final String TOKEN_USAGE = "/api/usage/token/";
  static final String SUBSCRIPTION = "/v1/dashboard/billing/subscription";
  static final String USAGE = "/v1/dashboard/billing/usage";
  static final String USER_SELF = "/api/user/self";
  static final String MODELS = "/v1/models";

  private final UpstreamClient client = UpstreamClient.allowingPrivateAddresses();
  private final NewApiRelay relay = new NewApiRelay(client.relayHttp());

  /** A relay on the guarded client as in production (private addresses allowed for WireMock). */
  NewApiRelay guardedRelay() {
    return new NewApiRelay(client.clients().guarded(UpstreamClient.RELAY_MAX_BODY_BYTES));
  }

  NewApiRelay relay() {
    return relay;
  }

  /** Checks {@link #KEY} on the relay at {@code baseUrl} without admin access. */
  ProviderResult check(String baseUrl) {
    return check(baseUrl, null, TIMEOUT);
  }

  ProviderResult checkWithAdmin(String baseUrl) {
    return check(
        baseUrl, new AdminAccess(USER_ID, ApiKey.secret(ACCESS_TOKEN, "access_token")), TIMEOUT);
  }

  ProviderResult check(String baseUrl, AdminAccess admin, Duration timeout) {
    return check(baseUrl, List.of(), admin, timeout);
  }

  /** Checks {@link #KEY} on the relay at {@code baseUrl}, looking for {@code models}. */
  ProviderResult check(String baseUrl, List<String> models, AdminAccess admin, Duration timeout) {
    return relay
        .readAccount(request(baseUrl, models, admin, timeout))
        .orTimeout(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)
        .join();
  }

  /** A check of {@link #KEY} on the relay at {@code baseUrl}, no model asked, no admin access. */
  static ProviderRequest request(String baseUrl, Duration timeout) {
    return request(baseUrl, List.of(), null, timeout);
  }

  private static ProviderRequest request(
      String baseUrl, List<String> models, AdminAccess admin, Duration timeout) {
    return new ProviderRequest(ApiKey.of(KEY), models, URI.create(baseUrl), admin, timeout);
  }

  /** A JSON answer from {@code fixtures/newapi/<name>}. */
  static ResponseDefinitionBuilder json(int status, String name) {
    return Fixtures.response(status, "newapi/" + name);
  }

  /** The amount exactly as written, decimals included: {@code "1.50"} is not {@code "1.5"}. */
  static void assertAmount(String expected, BigDecimal actual) {
    assertEquals(expected, actual == null ? null : actual.toPlainString());
  }

  /** An amount as written ({@code "15.375"}), for expected balances. */
  static BigDecimal amount(String written) {
    return new BigDecimal(written);
  }

  /**
   * The token's balance on a healthy new-api relay ({@code usage-token-limited.json}: 10,000,000
   * quota units granted, 2,500,000 used, 7,500,000 left, expiring at 1767225600) in {@code unit}.
   */
  static Balance limitedToken(String unit, String available, String total, String used) {
    return limitedKey(unit, available, total, used)
        .expiresAt(Instant.ofEpochSecond(1767225600))
        .build();
  }

  /** A limited key's balance in {@code unit}, as written; no expiry unless one is added. */
  static Balance.Builder limitedKey(String unit, String available, String total, String used) {
    return Balance.of(Balance.Scope.KEY, unit)
        .available(amount(available))
        .total(amount(total))
        .used(amount(used))
        .unlimited(false);
  }

  /** Stubs a status, a limited token's usage and the model list: a healthy new-api relay. */
  static void healthyNewApi(WireMockExtension upstream, String statusFixture) {
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, statusFixture)));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-limited.json")));
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(json(200, "models.json")));
  }

  /** A healthy new-api relay in USD whose {@code /v1/models} gives {@code models} instead. */
  static void healthyNewApiButModels(WireMockExtension upstream, ResponseDefinitionBuilder models) {
    healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(models));
  }

  /**
   * One-api in USD without {@code /api/usage/token/}: the key's billing is a 20.5 limit with 5.125
   * used ({@code billing-subscription.json}, {@code billing-usage.json}).
   */
  static void oneApiBilling(WireMockExtension upstream) {
    oneApiBilling(
        upstream, "status-oneapi-currency.json", "billing-subscription.json", "billing-usage.json");
  }

  /** A relay without {@code /api/usage/token/} (one-api): the billing endpoints answer. */
  static void oneApiBilling(
      WireMockExtension upstream, String statusFixture, String subscription, String usage) {
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(200, statusFixture)));
    upstream.stubFor(get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(404, "404-not-found.json")));
    upstream.stubFor(get(urlPathEqualTo(SUBSCRIPTION)).willReturn(json(200, subscription)));
    upstream.stubFor(get(urlPathEqualTo(USAGE)).willReturn(json(200, usage)));
  }

  @Override
  public void close() {
    client.close();
  }
}
