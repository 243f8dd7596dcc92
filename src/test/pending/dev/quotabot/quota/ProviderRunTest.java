package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.net.BaseUrlRules;
import dev.quotabot.support.CoreDoubles;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How QuotaService runs a check with a provider other than ModelScope. */
final class ProviderRunTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneOffset.UTC);
  private static final ApiKey KEY = ApiKey.of("sk-providerrun-0123456789");
  private static final AccountBalance FIVE_USD =
      new AccountBalance(
          "newapi",
          "USD",
          new BigDecimal("5"),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          ProbeStatus.OK,
          null);

  private static QuotaService service(
      Duration timeout, Function<ProviderRequest, CompletableFuture<ProviderResult>> check) {
    BalanceProvider relay = CoreDoubles.provider("newapi", "relay", true, check);
    return new QuotaService(
        (key, model, t) -> {
          throw new AssertionError("no ModelScope probe for a relay");
        },
        CoreDoubles.ACCOUNT,
        CoreDoubles.NO_CATALOG,
        new QuotaSettings(List.of(), 50, timeout, Duration.ofSeconds(10), 5),
        CLOCK,
        new ProviderRegistry(List.of(relay)),
        new BaseUrlRules(false));
  }

  private static QuotaQuery relayQuery(String... models) {
    return new QuotaQuery(
        KEY, List.of(models), "newapi", URI.create("https://relay.example"), null);
  }

  private static ModelQuota listed(String model) {
    return new ModelQuota(model, RateLimits.UNKNOWN, ProbeStatus.OK, null, "listed", 0);
  }

  @Test
  void tellsTheBalanceThenEachRowAndReports() {
    // GIVEN a relay that lists two models
    List<String> heard = new CopyOnWriteArrayList<>();
    QuotaService service =
        service(
            Duration.ofSeconds(5),
            request ->
                CompletableFuture.completedFuture(
                    new ProviderResult(FIVE_USD, List.of(listed("gpt-4o"), listed("claude")))));

    // WHEN a query runs
    QuotaReport report =
        service
            .start(
                relayQuery(),
                new QueryListener() {
                  @Override
                  public void onAccount(AccountBalance account) {
                    heard.add("account");
                  }

                  @Override
                  public void onModel(int index, ModelQuota row) {
                    heard.add(index + ":" + row.model());
                  }
                })
            .report()
            .join();

    // THEN the listener heard everything in order, and the report holds it
    assertEquals(List.of("account", "0:gpt-4o", "1:claude"), heard);
    assertEquals(2, report.models().size());
    assertEquals(new BigDecimal("5"), report.account().availableBalance());
    assertTrue(report.allSucceeded());
  }

  @Test
  void givesTheProviderTheKeyAddressAndTimeout() {
    CompletableFuture<ProviderRequest> seen = new CompletableFuture<>();
    service(
            Duration.ofSeconds(3),
            request -> {
              seen.complete(request);
              return CompletableFuture.completedFuture(ProviderResult.balanceOnly(FIVE_USD));
            })
        .query(relayQuery())
        .join();

    ProviderRequest request = seen.join();
    assertEquals(KEY, request.key());
    assertEquals("https://relay.example", request.baseUrl().toString());
    assertEquals(Duration.ofSeconds(3), request.timeout());
  }

  @Test
  void answersOneRowPerAskedModelWhenModelsAreNamed() {
    QuotaService service =
        service(
            Duration.ofSeconds(5),
            request ->
                CompletableFuture.completedFuture(
                    new ProviderResult(FIVE_USD, List.of(listed("gpt-4o"), listed("claude")))));

    QuotaReport report = service.query(relayQuery("GPT-4o", "gemini")).join();

    assertEquals(ProbeStatus.OK, report.models().get(0).status());
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, report.models().get(1).status());
    assertEquals("gemini", report.models().get(1).model());
  }

  @Test
  void aModelListThatCouldNotBeReadSaysWhyInTheNamedModelsRows() {
    // GIVEN a relay whose model list timed out
    QuotaService service =
        withUnreadModelList(ProbeStatus.TIMEOUT, "relay.example did not answer within 5000 ms.");

    // WHEN models are named
    QuotaReport report = service.query(relayQuery("gpt-4o")).join();

    // THEN their rows carry the list's failure and why, the balance is intact
    ModelQuota row = report.models().get(0);
    assertEquals(ProbeStatus.TIMEOUT, row.status());
    assertEquals(
        "The relay's model list could not be read: relay.example did not answer within 5000 ms.",
        row.error());
    assertEquals(new BigDecimal("5"), report.account().availableBalance());
  }

  @Test
  void aModelListThatCouldNotBeReadIsExplainedInTheNoteWhenNoModelIsNamed() {
    QuotaService service =
        withUnreadModelList(ProbeStatus.UPSTREAM_ERROR, "/v1/models answered HTTP 500.");

    QuotaReport report = service.query(relayQuery()).join();

    assertTrue(report.models().isEmpty());
    assertEquals(ProbeStatus.OK, report.account().status());
    assertTrue(
        report
            .account()
            .note()
            .endsWith("The relay's model list could not be read: /v1/models answered HTTP 500."),
        report.account().note());
  }

  /** A relay whose balance reads $5 and whose model list could not be read. */
  private static QuotaService withUnreadModelList(ProbeStatus failure, String problem) {
    return service(
        Duration.ofSeconds(5),
        request ->
            CompletableFuture.completedFuture(
                new ProviderResult(FIVE_USD, List.of(), failure, problem)));
  }

  @Test
  void aProviderThatNeverAnswersEndsAsATimeout() {
    QuotaReport report =
        service(Duration.ofMillis(200), request -> new CompletableFuture<>())
            .query(relayQuery())
            .orTimeout(5, TimeUnit.SECONDS)
            .join();

    assertEquals(ProbeStatus.TIMEOUT, report.account().status());
    assertEquals("newapi", report.account().provider());
  }

  @Test
  void aProviderThatThrowsEndsAsANetworkError() {
    QuotaReport report =
        service(
                Duration.ofSeconds(5),
                request -> {
                  throw new IllegalStateException("boom");
                })
            .query(relayQuery())
            .join();

    assertEquals(ProbeStatus.NETWORK_ERROR, report.account().status());
  }

  @Test
  void cancellingClosesTheCheckAndEndsTheReport() {
    CompletableFuture<ProviderResult> pending = new CompletableFuture<>();
    RunningQuery running =
        service(Duration.ofSeconds(5), request -> pending).start(relayQuery(), QueryListener.NONE);

    running.cancel();

    assertTrue(pending.isCancelled());
    assertTrue(running.report().isDone());
  }
}
