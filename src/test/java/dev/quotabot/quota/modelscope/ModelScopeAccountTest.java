package dev.quotabot.quota.modelscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static dev.quotabot.support.Numbers.assertAmount;
import static dev.quotabot.support.Numbers.elapsedMs;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.CallEstimate;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.support.Fixtures;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.LoopbackWireMock;
import dev.quotabot.support.Ports;
import dev.quotabot.support.SocketReads;
import dev.quotabot.support.UpstreamProbes;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 魔粒 balance read ({@code GET /magicubes/balance}, then {@code GET /users/me} and {@code GET
 * /magicubes/earn/rules} side by side) through the real {@link ModelScopeProvider} on the
 * production upstream clients, against a WireMock stand-in for ModelScope's OpenAPI.
 */
final class ModelScopeAccountTest {
  private static final String BALANCE = "/openapi/v1/magicubes/balance";
  private static final String USER = "/openapi/v1/users/me";
  private static final String EARN_RULES = "/openapi/v1/magicubes/earn/rules";
  private static final String KEY = UpstreamProbes.KEY;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final UpstreamClient client = new UpstreamClient();

  @BeforeEach
  void answerTheUser() {
    upstream.stubFor(
        get(urlPathEqualTo(USER)).willReturn(response(200, "modelscope/users-me-200.json")));
  }

  // ---------------------------------------------------------------- the balance

  @Test
  void readsTheBalanceAndTheAccountNameWithTheBearerKey() {
    // GIVEN ModelScope answers the documented balance and the user
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));

    // WHEN the account is read
    Account account = read();

    // THEN one account balance in 魔粒 with every amount read exactly, the name is there, and
    // every call carried the key; today's grants did not answer (no stub: 404), so they are not
    // there and the note says so
    assertEquals(ProbeStatus.OK, account.status());
    assertTrue(account.isKnown());
    assertEquals("modelscope", account.provider());
    assertEquals("魔粒", account.unit());
    assertEquals(1, account.balances().size());
    Balance balance = account.balances().get(0);
    assertEquals(Balance.Scope.ACCOUNT, balance.scope());
    assertEquals("魔粒", balance.unit());
    assertAmount("250", balance.available());
    assertAmount("250", balance.total());
    assertAmount("0", balance.frozen());
    assertNull(balance.used());
    assertNull(balance.unlimited());
    assertNull(balance.expiresAt());
    assertEquals(Map.of(), balance.parts());
    assertNull(balance.requests());
    assertEquals("tester", account.user());
    assertNull(account.error());
    assertEquals(
        ModelScopeAccount.ESTIMATE_NOTE.english()
            + " "
            + ModelScopeAccount.GRANTS_UNKNOWN_NOTE.english(),
        account.note());
    for (String path : List.of(BALANCE, USER, EARN_RULES)) {
      upstream.verify(
          exactly(1),
          getRequestedFor(urlPathEqualTo(path))
              .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "balance-200-strings.json,   248.5,  250,    1.5",
    "balance-200-decimals.json,  199.25, 200.75, 1.5",
  })
  void readsAmountsSentAsStringsOrDecimals(
      String fixture, String available, String total, String frozen) {
    // GIVEN amounts as JSON strings (with stray spaces) or as decimals
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/" + fixture)));

    // WHEN the account is read
    Account account = read();

    // THEN they are read as exact decimals
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount(available, account.primary().available());
    assertAmount(total, account.primary().total());
    assertAmount(frozen, account.primary().frozen());
  }

  @Test
  void leavesAnAmountThatIsNotSentUnknownNotZero() {
    // GIVEN a balance answer with only the available amount
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "modelscope/balance-200-only-available.json")));

    // WHEN the account is read
    Account account = read();

    // THEN the available amount is known and the others are null, never 0
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount("42", account.primary().available());
    assertNull(account.primary().total());
    assertNull(account.primary().frozen());
  }

  @Test
  void asksForTheUserAndTheGrantsOnlyAfterTheBalanceHasAnswered() {
    // GIVEN a balance that takes 400 ms to answer
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "modelscope/balance-200.json").withFixedDelay(400)));
    stubGrants(response(200, "modelscope/earn-rules-200.json"));

    // WHEN the account is read
    Account account = read();

    // THEN users/me and earn/rules were asked once the balance had answered, not beside it
    assertEquals("tester", account.user());
    assertFalse(account.primary().parts().isEmpty());
    LoggedRequest balance = only(BALANCE);
    for (String path : List.of(USER, EARN_RULES)) {
      long gapMs = only(path).getLoggedDate().getTime() - balance.getLoggedDate().getTime();
      assertTrue(gapMs >= 350, path + " asked " + gapMs + " ms after the balance request");
    }
  }

  @Test
  void leavesOutTheEstimatesWhenTheAvailableAmountIsUnknown() {
    // GIVEN a balance answer with a total but no available amount
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"success\":true,\"data\":{\"total_balance\":250}}")));

    // WHEN the account is read
    Account account = read();

    // THEN the total is read, no call estimate is made up, and the note does not speak of one
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount("250", account.primary().total());
    assertEquals(List.of(), account.estimatedCalls());
    assertEquals(ModelScopeAccount.GRANTS_UNKNOWN_NOTE.english(), account.note());
  }

  @Test
  void estimatesTheCallsTheAvailableAmountPaysForPerTier() {
    // GIVEN 199.25 魔粒 available (and today's published prices 0.5, 1 and 2)
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "modelscope/balance-200-decimals.json")));

    // WHEN the account is read
    Account account = read();

    // THEN each tier's calls, rounded down, with the price used; the note says it is an estimate
    assertEquals(
        List.of(
            new CallEstimate("light", new BigDecimal("0.5"), 398),
            new CallEstimate("standard", BigDecimal.ONE, 199),
            new CallEstimate("flagship", new BigDecimal("2"), 99)),
        account.estimatedCalls());
    assertTrue(
        account.note().startsWith(ModelScopeAccount.ESTIMATE_NOTE.english()), account.note());
  }

  // ---------------------------------------------------------------- today's grants

  @Test
  void readsTodaysGrantsAsPartsOfTheBalanceWithTheBearerKey() {
    // GIVEN the earn rules after the day's sign-in: 200 + 50 granted, 10 from likes, 50 long-term,
    // nothing left of the daily grants
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    stubGrants(response(200, "modelscope/earn-rules-200.json"));

    // WHEN the account is read
    Account account = read();

    // THEN the 魔粒 entry carries what came in today, what the daily grants still give, and what
    // came in as short-term 魔粒, each a field; the balance itself is as read; the note says how
    // to read them; the call carried the key
    assertEquals(ProbeStatus.OK, account.status());
    Balance balance = account.primary();
    assertAmount("250", balance.available());
    assertEquals(
        List.of("earned_today", "to_earn_today", "short_term_earned_today"),
        List.copyOf(balance.parts().keySet()));
    assertAmount("310", balance.parts().get("earned_today"));
    assertAmount("0", balance.parts().get("to_earn_today"));
    assertAmount("260", balance.parts().get("short_term_earned_today"));
    assertEquals(
        ModelScopeAccount.ESTIMATE_NOTE.english() + " " + ModelScopeAccount.GRANTS_NOTE.english(),
        account.note());
    upstream.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(EARN_RULES))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void readsWhatTheDailyGrantsStillGiveBeforeTheDaysSignIn() {
    // GIVEN the earn rules before the day's sign-in: both daily grants still to come
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    stubGrants(response(200, "modelscope/earn-rules-200-not-yet-granted.json"));

    // WHEN the account is read
    Account account = read();

    // THEN nothing earned yet (a real 0), 200 + 50 still to earn; the 20 likes still open are not
    // counted, as they need the user to act
    Balance balance = account.primary();
    assertAmount("0", balance.parts().get("earned_today"));
    assertAmount("250", balance.parts().get("to_earn_today"));
    assertAmount("0", balance.parts().get("short_term_earned_today"));
  }

  @Test
  void readsGrantFiguresSentAsStringsAndSkipsWhatIsNotAFigure() {
    // GIVEN earn rules with figures as strings, a daily rule named only by its key, and junk
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    stubGrants(response(200, "modelscope/earn-rules-200-strings.json"));

    // WHEN the account is read
    Account account = read();

    // THEN the figures are read exactly; a negative or non-numeric one adds nothing
    Balance balance = account.primary();
    assertAmount("204", balance.parts().get("earned_today"));
    assertAmount("50", balance.parts().get("to_earn_today"));
    assertAmount("204", balance.parts().get("short_term_earned_today"));
  }

  @ParameterizedTest
  @CsvSource({
    "404, earn-rules-404-not-found.json",
    "500, earn-rules-500-internal.json",
    "401, balance-401-echoes-key.json",
    "200, earn-rules-200-no-data.json",
    "200, earn-rules-200-declared-failure.json",
    "200, 502-bad-gateway.html",
    "502, 502-bad-gateway.html",
  })
  void grantsThatCannotBeReadLeaveTheBalanceIntactAndUnknown(int status, String fixture) {
    // GIVEN a readable balance, and earn rules that fail, refuse, or hold no grant
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    stubGrants(response(status, "modelscope/" + fixture));

    // WHEN the account is read
    Account account = read();

    // THEN the balance, the name and the estimates are there; the grants are absent (never 0)
    // and the note says they are unknown
    assertReadWithoutGrants(account);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json at all",
        "",
        "[1,2,3]",
        "{\"success\":true,\"data\":{\"today_earned_amount\":200}}",
        "{\"success\":true,\"data\":[1,\"two\",null]}",
        "{\"success\":true,\"data\":[{\"today_earned_amount\":\"lots\",\"amount\":true}]}",
        "{\"success\":true,\"data\":[{\"today_earned_amount\":1e999999999}]}",
      })
  void garbledGrantsAreUnknownNeverZero(String body) {
    // GIVEN a readable balance, and a 200 from earn rules that is not the shape they have
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    stubGrants(aResponse().withStatus(200).withBody(body));

    // WHEN the account is read
    Account account = read();

    // THEN the balance is read and no grant figure is made up
    assertReadWithoutGrants(account);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void aBrokenGrantsCallLeavesTheBalanceIntact(Fault fault) {
    // GIVEN a readable balance, and earn rules that break the connection
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    stubGrants(aResponse().withFault(fault));

    // WHEN the account is read
    Account account = read();

    // THEN the balance is read, the grants are unknown
    assertReadWithoutGrants(account);
  }

  @Test
  void slowGrantsDoNotHoldTheBalancePastTheTimeout() throws Exception {
    // GIVEN the balance answers at once and earn rules take 5 s
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    stubGrants(response(200, "modelscope/earn-rules-200.json").withFixedDelay(5_000));

    // WHEN the account is read with a 500 ms timeout
    long started = System.nanoTime();
    Account account = read(provider(), Duration.ofMillis(500)).get(5, TimeUnit.SECONDS);
    long tookMs = elapsedMs(started);

    // THEN the balance comes back within the timeout (generous bound), its grants unknown
    assertReadWithoutGrants(account);
    assertTrue(tookMs < 2_000, "took " + tookMs + " ms");
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void aFailingUserCallLeavesTheBalanceIntact(Fault fault) {
    // GIVEN the balance answers but users/me breaks the connection
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    upstream.stubFor(get(urlPathEqualTo(USER)).willReturn(aResponse().withFault(fault)));

    // WHEN the account is read
    Account account = read();

    // THEN the balance is there and only the name is unknown
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount("250", account.primary().available());
    assertNull(account.user());
    assertNull(account.error());
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 404, 500})
  void aUserCallAnsweringAnErrorLeavesTheBalanceIntact(int status) {
    // GIVEN the balance answers but users/me answers an error status
    balanceAndUser(status, "{\"success\":false,\"data\":{\"name\":\"not-me\"}}");

    // WHEN the account is read
    Account account = read();

    // THEN the balance is there and the name is unknown (an error body's name is not used)
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount("250", account.primary().available());
    assertNull(account.user());
  }

  @Test
  void aSlowUserCallDoesNotHoldTheBalancePastTheTimeout() throws Exception {
    // GIVEN the balance answers at once and users/me takes 5 s
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    upstream.stubFor(
        get(urlPathEqualTo(USER))
            .willReturn(response(200, "modelscope/users-me-200.json").withFixedDelay(5_000)));

    // WHEN the account is read with a 500 ms timeout
    long started = System.nanoTime();
    Account account = read(provider(), Duration.ofMillis(500)).get(5, TimeUnit.SECONDS);
    long tookMs = elapsedMs(started);

    // THEN the balance comes back within the timeout (generous bound) without a name
    assertEquals(ProbeStatus.OK, account.status());
    assertAmount("250", account.primary().available());
    assertNull(account.user());
    assertTrue(tookMs < 2_000, "took " + tookMs + " ms");
  }

  // ---------------------------------------------------------------- failures

  @ParameterizedTest
  @CsvSource({
    "401, balance-401-echoes-key.json, is invalid or expired",
    "403, balance-403-forbidden.json,  access denied",
  })
  void aRejectedKeyIsInvalidKeyAndTheUserIsNotAsked(int status, String fixture, String says) {
    // GIVEN the balance endpoint rejects the key
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(status, "modelscope/" + fixture)));

    // WHEN the account is read
    Account account = read();

    // THEN invalid_key, with the status and the upstream's words, no amounts or estimates, and
    // neither a users/me nor an earn-rules call
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertFalse(account.isKnown());
    assertTrue(account.error().contains("HTTP " + status), account.error());
    assertTrue(account.error().contains(says), account.error());
    assertUnknownAmounts(account);
    upstream.verify(0, getRequestedFor(urlPathEqualTo(USER)));
    upstream.verify(0, getRequestedFor(urlPathEqualTo(EARN_RULES)));
  }

  @Test
  void aBalanceRefusedForTheAlibabaCloudBindingSaysWhatToDo() {
    // GIVEN the balance endpoint refuses the key with ModelScope's binding message
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(401, "modelscope/401-bind-alibaba-cloud.json")));

    // WHEN the account is read
    Account account = read();

    // THEN invalid_key, ModelScope's words, and where to bind the account
    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertEquals(
        "ModelScope rejected the key for the balance (HTTP 401): Please bind your Alibaba Cloud"
            + " account before use. "
            + AliyunAccount.BIND.english(),
        account.error());
  }

  @Test
  void aServerErrorIsUpstreamError() {
    // GIVEN the balance endpoint fails with 500
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(500, "modelscope/balance-500-internal.json")));

    // WHEN the account is read
    Account account = read();

    // THEN upstream_error naming the status and the upstream's message
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP 500"), account.error());
    assertTrue(account.error().contains("internal error"), account.error());
    assertUnknownAmounts(account);
    upstream.verify(0, getRequestedFor(urlPathEqualTo(USER)));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 402, 429})
  void aDeclaredFailureSuchAsQuotaLimitExceedIsUpstreamError(int status) {
    // GIVEN {"success":false,"code":"QuotaLimitExceed",…}, with a 200 or an error status
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(status, "modelscope/balance-quota-limit-exceed.json")));

    // WHEN the account is read
    Account account = read();

    // THEN upstream_error with the upstream's message, and no amount is made up
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("magicube balance exhausted"), account.error());
    assertUnknownAmounts(account);
  }

  @Test
  void aSuccessFalseAnswerIsAFailureEvenWithAmountsInIt() {
    // GIVEN success:false next to a data object with amounts
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"success\":false,\"code\":\"QuotaLimitExceed\",\"message\":\"no\","
                            + "\"data\":{\"available_balance\":0,\"total_balance\":0}}")));

    // WHEN the account is read
    Account account = read();

    // THEN the declared failure wins: upstream_error, amounts unknown
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertUnknownAmounts(account);
  }

  @ParameterizedTest
  @CsvSource({
    "200, balance-200-no-data.json",
    "200, 502-bad-gateway.html",
    "502, 502-bad-gateway.html",
  })
  void anAnswerWithoutABalanceIsUpstreamErrorWithoutTheBodyInIt(int status, String fixture) {
    // GIVEN an answer with no data object, or an HTML error page
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(status, "modelscope/" + fixture)));

    // WHEN the account is read
    Account account = read();

    // THEN upstream_error naming the status; no HTML reaches the user
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP " + status), account.error());
    assertFalse(account.error().contains("<"), account.error());
    assertUnknownAmounts(account);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"success\":true,\"data\":{\"available_balance\":250,",
        "not json at all",
        "",
        "[1,2,3]",
        "{\"success\":true,\"data\":[250]}",
        "{\"success\":true,\"data\":{\"available_balance\":\"lots\",\"total_balance\":true}}",
        "{\"success\":true,\"data\":{\"available_balance\":{\"v\":1},\"total_balance\":null}}",
        "{\"success\":true,\"data\":{\"available_balance\":1e999999999,\"total_balance\":1e-9999}}",
        "{\"success\":true,\"data\":{\"available_balance\":\"123456789012345678901234567890123\"}}",
      })
  void aMalformedBalanceIsUpstreamErrorNeverZero(String body) {
    // GIVEN a 200 whose body is not the documented balance
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(aResponse().withStatus(200).withBody(body)));

    // WHEN the account is read
    Account account = read();

    // THEN upstream_error, and every amount is unknown
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertUnknownAmounts(account);
  }

  @Test
  void aSlowBalanceIsATimeoutWithinTheGivenTimeout() throws Exception {
    // GIVEN a balance endpoint that takes 5 s
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE))
            .willReturn(response(200, "modelscope/balance-200.json").withFixedDelay(5_000)));

    // WHEN the account is read with a 300 ms timeout
    long started = System.nanoTime();
    Account account = read(provider(), Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);
    long tookMs = elapsedMs(started);

    // THEN timeout, well before the upstream would have answered (generous bound), and no
    // users/me call
    assertEquals(ProbeStatus.TIMEOUT, account.status());
    assertTrue(account.error().contains("300 ms"), account.error());
    assertUnknownAmounts(account);
    assertTrue(tookMs < 2_000, "took " + tookMs + " ms");
    upstream.verify(0, getRequestedFor(urlPathEqualTo(USER)));
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void aBrokenConnectionIsANetworkError(Fault fault) {
    // GIVEN the balance endpoint breaks the connection
    upstream.stubFor(get(urlPathEqualTo(BALANCE)).willReturn(aResponse().withFault(fault)));

    // WHEN the account is read
    Account account = read();

    // THEN network_error, amounts unknown
    assertEquals(ProbeStatus.NETWORK_ERROR, account.status());
    assertFalse(account.error().isBlank());
    assertUnknownAmounts(account);
  }

  @Test
  void aRefusedConnectionIsANetworkError() throws Exception {
    // GIVEN a port nobody listens on
    int closedPort = Ports.unused();
    ModelScopeProvider nowhere = provider("http://127.0.0.1:" + closedPort + "/openapi/v1");

    // WHEN the account is read there
    Account account = read(nowhere, TIMEOUT).get(10, TimeUnit.SECONDS);

    // THEN network_error saying it could not connect
    assertEquals(ProbeStatus.NETWORK_ERROR, account.status());
    assertTrue(account.error().contains("connect"), account.error());
  }

  // ---------------------------------------------------------------- the key

  @Test
  void neverPutsTheKeyInTheResultOrTheLogs() {
    // GIVEN upstream answers that echo the key in every place they can
    String[] bodies = {
      Fixtures.read("modelscope/balance-401-echoes-key.json"),
      "{\"success\":false,\"code\":\"QuotaLimitExceed\",\"message\":\"exhausted for " + KEY + "\"}",
      "{\"success\":false,\"message\":\"Authorization: Bearer " + KEY + "\"}",
      "<html>Bearer " + KEY + "</html>",
    };
    int[] statuses = {401, 200, 500, 502};
    try (LogCapture logs = LogCapture.open()) {
      StringBuilder results = new StringBuilder();
      for (int i = 0; i < bodies.length; i++) {
        upstream.stubFor(
            get(urlPathEqualTo(BALANCE))
                .willReturn(aResponse().withStatus(statuses[i]).withBody(bodies[i])));
        // WHEN the account is read
        results.append(read()).append('\n');
      }
      upstream.stubFor(
          get(urlPathEqualTo(BALANCE)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
      results.append(read()).append('\n');

      // THEN no result and no log line holds the key, or a recognisable part of it
      assertTrue(results.toString().contains("exhausted for"), results.toString());
      assertFalse(results.toString().contains(KEY), results.toString());
      assertFalse(results.toString().contains("1234567890abcdef"), results.toString());
      assertFalse(logs.text().contains("1234567890abcdef"), logs.text());
    }
  }

  @Test
  void neverPutsTheKeyInTheResultOrTheLogsWhenTheGrantsEchoIt() {
    // GIVEN a readable balance, and earn rules that echo the key as an error, in a rule and in
    // a broken body
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    String[] bodies = {
      "{\"success\":false,\"message\":\"Authorization: Bearer " + KEY + "\"}",
      "{\"success\":true,\"data\":[{\"rule_key\":\"" + KEY + "\",\"today_earned_amount\":1}]}",
      "<html>Bearer " + KEY,
    };
    int[] statuses = {401, 200, 500};
    try (LogCapture logs = LogCapture.open()) {
      StringBuilder results = new StringBuilder();
      for (int i = 0; i < bodies.length; i++) {
        stubGrants(aResponse().withStatus(statuses[i]).withBody(bodies[i]));
        // WHEN the account is read
        results.append(read()).append('\n');
      }

      // THEN neither the accounts nor the logs hold any recognisable part of the key
      assertTrue(results.toString().contains("earned_today"), results.toString());
      assertFalse(results.toString().contains("1234567890abcdef"), results.toString());
      assertFalse(logs.text().contains("1234567890abcdef"), logs.text());
    }
  }

  @Test
  void neverShowsTheKeyAsTheAccountName() {
    // GIVEN a users/me answer that echoes the key as the name (a relay that names users by token)
    balanceAndUserNamed("user " + KEY);

    // WHEN the account is read
    Account account = read();

    // THEN the balance is read and the key does not reach the name
    assertEquals(ProbeStatus.OK, account.status());
    assertFalse(String.valueOf(account.user()).contains("1234567890abcdef"), account.user());
  }

  @Test
  void cutsAnOverlongAccountNameOnAWholeCharacter() {
    // GIVEN a users/me name of 150 characters whose 100th is the first half of an emoji
    balanceAndUserNamed("n".repeat(99) + "\uD83D\uDE00" + "m".repeat(49));

    // WHEN the account is read
    Account account = read();

    // THEN the name stops before the emoji, without a mark, and no half character is left
    assertEquals(ProbeStatus.OK, account.status());
    assertEquals("n".repeat(99), account.user());
  }

  @Test
  void cancellingTheReadClosesTheCallsUnderWayTheBalancesOrTheNamesAndTheGrants() throws Exception {
    for (boolean afterBalance : new boolean[] {false, true}) {
      try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
        // GIVEN an OpenAPI that takes the balance request (or answers it, then takes the name
        // and the grants requests) and never answers
        silent.setSoTimeout(10_000);
        CompletableFuture<ProviderResult> read =
            provider("http://127.0.0.1:" + silent.getLocalPort() + "/openapi/v1")
                .readAccount(
                    new ProviderRequest(
                        ApiKey.of(KEY), List.of(), null, null, Duration.ofSeconds(30)));
        List<Socket> waiting = new ArrayList<>();
        Socket first = silent.accept();
        if (afterBalance) {
          assertTrue(SocketReads.head(first).startsWith("GET " + BALANCE), "balance first");
          String body = Fixtures.read("modelscope/balance-200.json");
          first
              .getOutputStream()
              .write(
                  ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                          + "Content-Length: "
                          + body.getBytes(UTF_8).length
                          + "\r\n\r\n"
                          + body)
                      .getBytes(UTF_8));
          first.close();
          Set<String> asked = new TreeSet<>();
          for (int i = 0; i < 2; i++) {
            Socket next = silent.accept();
            waiting.add(next);
            asked.add(SocketReads.head(next).split(" ")[1]);
          }
          assertEquals(new TreeSet<>(List.of(USER, EARN_RULES)), asked);
        } else {
          assertTrue(SocketReads.head(first).startsWith("GET " + BALANCE), "balance first");
          waiting.add(first);
        }

        // WHEN the read is cancelled (the query's asker went away)
        long cancelled = System.nanoTime();
        read.cancel(true);

        // THEN every connection under way is closed promptly (generous bound)
        for (Socket connection : waiting) {
          try (connection) {
            assertEquals(-1, SocketReads.untilClosed(connection));
          }
        }
        long closedAfterMs = elapsedMs(cancelled);
        assertTrue(closedAfterMs < 3_000, "closed " + closedAfterMs + " ms after the cancel");
      }
    }
  }

  @Test
  void neverCompletesExceptionallyWhenTheRequestCannotBeBuilt() throws Exception {
    // GIVEN a base URL the HTTP client cannot speak to (not http or https)
    ModelScopeProvider provider = provider("ftp://127.0.0.1/openapi/v1");

    // WHEN the account is read
    CompletableFuture<Account> read = read(provider, TIMEOUT);

    // THEN the future completes normally with a failure status
    Account result = read.get(10, TimeUnit.SECONDS);
    assertEquals(ProbeStatus.NETWORK_ERROR, result.status());
    assertUnknownAmounts(result);
  }

  // ---------------------------------------------------------------- helpers

  /** The real provider, its OpenAPI on the WireMock stand-in. */
  private ModelScopeProvider provider() {
    return provider(upstream.baseUrl() + "/openapi/v1");
  }

  private ModelScopeProvider provider(String openApiBaseUrl) {
    return new ModelScopeProvider(
        client.clients(),
        URI.create(upstream.baseUrl() + "/v1"),
        URI.create(openApiBaseUrl),
        Duration.ofHours(1),
        List.of());
  }

  /** The provider's account read with {@code timeout}: the account, and never a row. */
  private static CompletableFuture<Account> read(ModelScopeProvider provider, Duration timeout) {
    return provider
        .readAccount(new ProviderRequest(ApiKey.of(KEY), List.of(), null, null, timeout))
        .thenApply(
            result -> {
              assertEquals(List.of(), result.models());
              return result.account();
            });
  }

  /** Reads the account; the future must complete normally. */
  private Account read() {
    try {
      return read(provider(), TIMEOUT).get(10, TimeUnit.SECONDS);
    } catch (Exception failed) {
      throw new AssertionError("the read completed exceptionally or not at all", failed);
    }
  }

  /** A readable balance, and a users/me answer with this name. */
  private static void balanceAndUserNamed(String name) {
    balanceAndUser(200, "{\"success\":true,\"data\":{\"name\":\"" + name + "\"}}");
  }

  /** A readable balance, and this users/me answer. */
  private static void balanceAndUser(int status, String userBody) {
    upstream.stubFor(
        get(urlPathEqualTo(BALANCE)).willReturn(response(200, "modelscope/balance-200.json")));
    upstream.stubFor(
        get(urlPathEqualTo(USER)).willReturn(aResponse().withStatus(status).withBody(userBody)));
  }

  /** Today's grants answer with {@code answer}. */
  private static void stubGrants(ResponseDefinitionBuilder answer) {
    upstream.stubFor(get(urlPathEqualTo(EARN_RULES)).willReturn(answer));
  }

  /** The balance of balance-200.json, its name and estimates, and no grant figure at all. */
  private static void assertReadWithoutGrants(Account account) {
    assertEquals(ProbeStatus.OK, account.status());
    assertNull(account.error());
    assertAmount("250", account.primary().available());
    assertEquals("tester", account.user());
    assertEquals(Map.of(), account.primary().parts());
    assertEquals(3, account.estimatedCalls().size());
    assertEquals(
        ModelScopeAccount.ESTIMATE_NOTE.english()
            + " "
            + ModelScopeAccount.GRANTS_UNKNOWN_NOTE.english(),
        account.note());
  }

  private static LoggedRequest only(String path) {
    List<LoggedRequest> requests = upstream.findAll(getRequestedFor(urlPathEqualTo(path)));
    assertEquals(1, requests.size(), path);
    return requests.get(0);
  }

  /** Nothing was read: no balance (so no amount, not even 0) and no name; still in 魔粒. */
  private static void assertUnknownAmounts(Account account) {
    assertEquals(List.of(), account.balances(), "balances");
    assertEquals(List.of(), account.estimatedCalls(), "estimated calls");
    assertNull(account.primary(), "the first balance");
    assertNull(account.user(), "user");
    assertEquals("魔粒", account.unit());
  }
}
