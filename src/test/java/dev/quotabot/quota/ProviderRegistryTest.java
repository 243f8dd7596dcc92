package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.CoreDoubles;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The providers a query may name: their order, the default, and how a typed id is found. */
final class ProviderRegistryTest {
  private static final Provider PROBER =
      CoreDoubles.prober(
          (request, model) -> new CompletableFuture<>(),
          CoreDoubles.ACCOUNT,
          CoreDoubles.NO_CATALOG);
  private static final Provider DEEPSEEK = balanceOnly("deepseek");
  private static final Provider RELAY =
      CoreDoubles.provider("newapi", "relay", true, request -> new CompletableFuture<>());

  @Test
  void offersTheProvidersInTheGivenOrderTheFirstBeingTheDefault() {
    // GIVEN a registry of a balance-only provider, a prober and a relay, in that order
    ProviderRegistry registry = new ProviderRegistry(List.of(DEEPSEEK, PROBER, RELAY));

    // WHEN / THEN the first is the default, and the infos keep the order
    assertSame(DEEPSEEK, registry.defaultProvider());
    assertEquals(
        List.of("deepseek", "modelscope", "newapi"),
        registry.infos().stream().map(ProviderInfo::id).toList());
  }

  @Test
  void normalizesATypedIdAndGivesTheDefaultForNone() {
    ProviderRegistry registry = new ProviderRegistry(List.of(PROBER, DEEPSEEK));

    assertEquals("deepseek", registry.normalize(" DeepSeek\t"));
    assertEquals("modelscope", registry.normalize(null));
    assertEquals("modelscope", registry.normalize(" \n"));
    // whether the id is known is not the normalizer's business
    assertEquals("openai", registry.normalize("OpenAI"));
  }

  @Test
  void findsAProviderByItsExactIdOnly() {
    ProviderRegistry registry = new ProviderRegistry(List.of(PROBER, DEEPSEEK));

    assertSame(DEEPSEEK, registry.find("deepseek").orElseThrow());
    assertTrue(registry.find("DeepSeek").isEmpty());
    assertTrue(registry.find("openai").isEmpty());
  }

  @Test
  void namesTheProvidersThatCanDoSomethingInOrder() {
    ProviderRegistry registry =
        new ProviderRegistry(List.of(PROBER, RELAY, DEEPSEEK, balanceOnly("moonshot")));

    assertEquals(List.of("newapi"), registry.idsThatCan(Capability.NEEDS_BASE_URL));
    assertEquals(
        List.of("modelscope", "newapi", "deepseek", "moonshot"),
        registry.idsThatCan(Capability.BALANCES));
    assertEquals(List.of("modelscope"), registry.idsThatCan(Capability.DAILY_RESET));
  }

  @Test
  void refusesNoProviderAndTwoWithOneId() {
    assertEquals(
        "at least one provider is needed",
        assertThrows(IllegalArgumentException.class, () -> new ProviderRegistry(List.of()))
            .getMessage());
    assertEquals(
        "two providers are named deepseek",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ProviderRegistry(List.of(DEEPSEEK, PROBER, balanceOnly("deepseek"))))
            .getMessage());
  }

  private static Provider balanceOnly(String id) {
    return CoreDoubles.provider(id, id, false, request -> new CompletableFuture<>());
  }
}
