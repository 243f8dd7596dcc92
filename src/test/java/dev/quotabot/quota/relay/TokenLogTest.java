package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.amount;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.LoopbackWireMock;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each model spent of a relay key, from new-api's {@code GET /api/log/token} with the key as
 * Bearer. Shape: QuantumNous/new-api controller/log.go GetLogByKey ({@code {"success","message",
 * "data":[Log]}}, or {@code "success":false} with {@code 无效的令牌} when no token was given) and
 * model/log.go (the Log fields; type 2 = consumption, 5 = error, 6 = refund; GetLogByTokenId keeps
 * the newest MaxRecentItems entries).
 */
final class TokenLogTest {
  private static final String LOG = "/api/log/token";

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  private Account withLog(String statusFixture, int status, String logFixture) {
    RelayHarness.healthyNewApi(upstream, statusFixture);
    upstream.stubFor(get(urlPathEqualTo(LOG)).willReturn(json(status, logFixture)));
    return harness.check(upstream.baseUrl()).account();
  }

  @Test
  void sumsEachModelsConsumptionInTheSitesUnitMostFirst() {
    // GIVEN a log with consumptions of two models (numbers as strings in one), an error and a
    // refund entry, on a USD site at 500000 quota units per dollar
    // WHEN
    Account account = withLog("status-newapi-usd.json", 200, "log-token-mixed.json");

    // THEN 1000000 units of deepseek-chat are $2 in one call; 150000 + 350000 of gpt-4o-mini are $1
    // in two calls since its older entry; errors and refunds are not spending
    assertEquals(
        List.of(
            new ModelSpend(
                "deepseek-chat", amount("2"), "USD", 1, Instant.ofEpochSecond(1764620000)),
            new ModelSpend(
                "gpt-4o-mini", amount("1"), "USD", 2, Instant.ofEpochSecond(1764630000))),
        account.spend());
  }

  @Test
  void saysTheSpendIsRecent() {
    // WHEN
    Account account = withLog("status-newapi-usd.json", 200, "log-token-mixed.json");

    // THEN
    assertTrue(account.note().contains(TokenLog.NOTE.english()), account.note());
    assertTrue(account.note().contains("recent"), account.note());
  }

  @Test
  void convertsLikeTheBalancesOnACnySite() {
    // GIVEN a CNY site (7.3 per dollar)
    // WHEN
    Account account = withLog("status-newapi-cny.json", 200, "log-token-mixed.json");

    // THEN $2 is ¥14.6, $1 is ¥7.3, in the balances' unit
    assertEquals("CNY", account.unit());
    assertEquals(amount("14.6"), account.spend().get(0).amount());
    assertEquals("CNY", account.spend().get(0).unit());
    assertEquals(amount("7.3"), account.spend().get(1).amount());
  }

  @Test
  void anEmptyLogGivesNoSpendAndNoNote() {
    // WHEN
    Account account = withLog("status-newapi-usd.json", 200, "log-token-empty.json");

    // THEN
    assertTrue(account.spend().isEmpty());
    assertEquals(ProbeStatus.OK, account.status());
    assertFalse(
        account.note() != null && account.note().contains(TokenLog.NOTE.english()), account.note());
  }

  @Test
  void aSiteWithoutTheRouteGivesNoSpendAndNoError() {
    // GIVEN one-api, which has no /api/log/token (404)
    // WHEN
    Account account = withLog("status-oneapi-v0.6.json", 404, "404-not-found.json");

    // THEN the balance stands, no spend, no error
    assertEquals(ProbeStatus.OK, account.status());
    assertNull(account.error());
    assertTrue(account.spend().isEmpty());
  }

  @Test
  void aRefusedLogGivesNoSpendAndNoError() {
    // WHEN
    Account account = withLog("status-newapi-usd.json", 200, "log-token-refused.json");

    // THEN
    assertEquals(ProbeStatus.OK, account.status());
    assertTrue(account.spend().isEmpty());
  }

  @Test
  void readsAtMostItsBoundOfEntries() {
    // GIVEN a site that keeps far more entries than the bound, each one unit of its own model
    StringJoiner entries = new StringJoiner(",", "{\"success\":true,\"data\":[", "]}");
    for (int i = 0; i < TokenLog.MAX_ENTRIES + 500; i++) {
      entries.add("{\"type\":2,\"model_name\":\"m" + (i % 3) + "\",\"quota\":500000}");
    }
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(get(urlPathEqualTo(LOG)).willReturn(okJson(entries.toString())));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN only the bound's worth of calls is counted
    long calls = account.spend().stream().mapToLong(ModelSpend::calls).sum();
    assertEquals(TokenLog.MAX_ENTRIES, calls);
  }

  @Test
  void aLogBeyondTheBodyCapGivesNoSpendAndLeavesTheBalanceAlone() {
    // GIVEN a log larger than the relay client's body cap
    StringBuilder big = new StringBuilder("{\"success\":true,\"data\":[");
    String entry =
        "{\"type\":2,\"model_name\":\"m\",\"quota\":1,\"content\":\"" + "x".repeat(1000) + "\"}";
    while (big.length() <= UpstreamClient.RELAY_MAX_BODY_BYTES) {
      big.append(entry).append(',');
    }
    big.append(entry).append("]}");
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(get(urlPathEqualTo(LOG)).willReturn(okJson(big.toString())));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the key's balance is read, the log is not
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals(amount("15"), account.primary().available());
    assertTrue(account.spend().isEmpty());
  }

  @Test
  void asksWithTheKeyAsABearerHeaderNeverInTheUrl() {
    // WHEN
    withLog("status-newapi-usd.json", 200, "log-token-mixed.json");

    // THEN the log was asked with the key in the Authorization header and no query at all
    upstream.verify(
        getRequestedFor(urlPathEqualTo(LOG))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withQueryParam("key", absent()));
    List<LoggedRequest> requests = upstream.findAll(anyRequestedFor(anyUrl()));
    assertFalse(requests.isEmpty());
    for (LoggedRequest request : requests) {
      assertFalse(request.getUrl().contains(KEY), request.getUrl());
      assertFalse(request.getUrl().contains(KEY.substring(3)), request.getUrl());
      assertFalse(request.getUrl().contains("key="), request.getUrl());
    }
  }
}
