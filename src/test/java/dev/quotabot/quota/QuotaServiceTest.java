package dev.quotabot.quota;

import static dev.quotabot.quota.ManualProbe.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.CoreDoubles;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the service adds to a query run: it checks a door's input, tells which providers there are
 * and what they offer, and starts a query with the provider the query names.
 */
final class QuotaServiceTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneOffset.UTC);
  private static final String KEY = "sk-quotaservice-0123456789";
  private static final QuotaSettings SETTINGS =
      new QuotaSettings(
          List.of("Qwen/Qwen3-32B"), 2, Duration.ofSeconds(2), Duration.ofSeconds(20), 5);
  private static final ModelDirectory LIST = CoreDoubles.catalog(List.of("Qwen/Qwen3-32B"));
  private static final Account SEVEN_CNY =
      Account.read(
          "deepseek",
          List.of(Balance.of(Balance.Scope.ACCOUNT, "CNY").available(new BigDecimal("7")).build()),
          null,
          (Text) null);

  private final AtomicInteger proberReads = new AtomicInteger();
  private final AtomicInteger deepSeekReads = new AtomicInteger();
  private final Provider prober =
      CoreDoubles.prober(
          List.of("Qwen/Qwen3-32B"),
          (request, model) -> CompletableFuture.completedFuture(row(model, ProbeStatus.OK)),
          request -> {
            proberReads.incrementAndGet();
            return CoreDoubles.ACCOUNT.apply(request);
          },
          LIST);
  private final Provider deepSeek =
      CoreDoubles.provider(
          "deepseek",
          "DeepSeek",
          false,
          request -> {
            deepSeekReads.incrementAndGet();
            return CompletableFuture.completedFuture(ProviderResult.balanceOnly(SEVEN_CNY));
          });
  private final QuotaService service = CoreDoubles.service(SETTINGS, CLOCK, prober, deepSeek);

  @Test
  void tellsItsProvidersTheDefaultFirstAndItsSettings() {
    assertEquals(List.of(prober.info(), deepSeek.info()), service.providers());
    assertSame(prober.info(), service.defaultProvider());
    assertSame(SETTINGS, service.settings());
  }

  @Test
  void findsAProviderAsADoorTypedIt() {
    // GIVEN ids as a door may pass them: another case with spaces, nothing, unknown
    // WHEN / THEN they name the provider, the default, or none
    assertSame(deepSeek.info(), service.provider(" DeepSeek ").orElseThrow());
    assertSame(prober.info(), service.provider(null).orElseThrow());
    assertSame(prober.info(), service.provider("").orElseThrow());
    assertTrue(service.provider("openai").isEmpty());
  }

  @Test
  void givesTheModelListOfAProviderThatHasOneAndNoneOtherwise() {
    assertSame(LIST, service.models("modelscope"));
    assertSame(LIST, service.models(null));
    assertSame(ModelDirectory.NONE, service.models("DEEPSEEK"));
    assertSame(ModelDirectory.NONE, service.models("openai"));
  }

  @Test
  void checksADoorsInputWithItsProvidersAndSettings() {
    // GIVEN input for the second provider, and input over the settings' two models
    QueryInput deepSeekInput = new QueryInput(KEY, null, "deepseek", null, null, null);
    QueryInput tooMany = new QueryInput(KEY, List.of("a b c"), null, null, null, null);

    // WHEN / THEN the first is a query for it; the second is refused with what to fix
    assertEquals("deepseek", service.check(deepSeekInput).provider());
    assertEquals(
        "Too many models: 3 given, at most 2 per query. Split the list into smaller queries.",
        assertThrows(InvalidQueryException.class, () -> service.check(tooMany)).getMessage());
  }

  @Test
  void runsAQueryWithTheProviderItNamesAndTellsTheListener() {
    // GIVEN a checked query for the provider that is not the default
    QuotaQuery query = service.check(new QueryInput(KEY, null, "deepseek", null, null, null));
    List<Account> heard = new CopyOnWriteArrayList<>();

    // WHEN it is started with a listener, and run again without one
    QuotaReport started =
        service
            .start(
                query,
                new QueryListener() {
                  @Override
                  public void onAccount(Account account) {
                    heard.add(account);
                  }
                })
            .report()
            .join();
    QuotaReport ran = service.query(query).join();

    // THEN that provider was asked both times, never the default, and the listener heard it
    assertEquals(2, deepSeekReads.get());
    assertEquals(0, proberReads.get());
    assertSame(deepSeek.info(), started.provider());
    assertSame(SEVEN_CNY, ran.account());
    assertEquals(List.of(SEVEN_CNY), heard);
  }

  @Test
  void refusesToStartAQueryForAProviderItDoesNotHave() {
    // GIVEN a query built by hand for a provider the service lacks
    QuotaQuery query = new QuotaQuery(ApiKey.of(KEY), List.of(), "openai", null, null);

    // WHEN / THEN it is refused, as bad input would be
    assertEquals(
        "Unknown provider.",
        assertThrows(InvalidQueryException.class, () -> service.start(query, QueryListener.NONE))
            .getMessage());
  }
}
