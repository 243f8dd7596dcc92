package dev.quotabot.quota.modelscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quotabot.quota.CallEstimate;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How many calls of each tier an amount of 魔粒 pays for: an estimate, rounded down. */
final class TierPricesTest {

  @ParameterizedTest(name = "{0} 魔粒 pay for {1} light, {2} standard, {3} flagship calls")
  @CsvSource({
    "250,    500, 250, 125",
    "199.25, 398, 199, 99",
    "1.99,   3,   1,   0",
    "0.49,   0,   0,   0",
  })
  void estimatesEachTierRoundingDown(String available, long light, long standard, long flagship) {
    // GIVEN today's published prices (0.5, 1 and 2 魔粒 per call)
    // WHEN the calls the amount pays for are estimated
    List<CallEstimate> estimates = TierPrices.PUBLISHED.estimates(new BigDecimal(available));

    // THEN one estimate per tier, light to flagship, with the price used, never rounded up
    assertEquals(
        List.of(
            new CallEstimate("light", new BigDecimal("0.5"), light),
            new CallEstimate("standard", BigDecimal.ONE, standard),
            new CallEstimate("flagship", new BigDecimal("2"), flagship)),
        estimates);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "-3"})
  void anEmptyOrOwedBalancePaysForNoCallButIsStillAnEstimate(String available) {
    // GIVEN a balance of nothing, or a debt
    // WHEN the calls are estimated
    List<CallEstimate> estimates = TierPrices.PUBLISHED.estimates(new BigDecimal(available));

    // THEN a known 0 for every tier (the balance is known: this is not "unknown")
    assertEquals(List.of(0L, 0L, 0L), estimates.stream().map(CallEstimate::calls).toList());
  }

  @Test
  void anUnknownBalanceGivesNoEstimateAtAll() {
    // GIVEN an available amount ModelScope did not report
    // WHEN the calls are estimated
    // THEN there is none (not zero calls)
    assertEquals(List.of(), TierPrices.PUBLISHED.estimates(null));
  }

  @Test
  void usesThePricesItIsGiven() {
    // GIVEN prices of 0.3, 1.5 and 2.5 魔粒 per call
    TierPrices prices =
        new TierPrices(new BigDecimal("0.3"), new BigDecimal("1.5"), new BigDecimal("2.5"));

    // WHEN 10 魔粒 are estimated
    // THEN 33, 6 and 4 calls
    assertEquals(
        List.of(33L, 6L, 4L),
        prices.estimates(BigDecimal.TEN).stream().map(CallEstimate::calls).toList());
  }

  @Test
  void anAbsurdBalanceIsCappedNotWrapped() {
    // GIVEN more 魔粒 than a long can count calls of
    BigDecimal huge = new BigDecimal("1e25");

    // WHEN the calls are estimated
    // THEN the count stays positive
    assertEquals(Long.MAX_VALUE, TierPrices.PUBLISHED.estimates(huge).get(0).calls());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1"})
  void refusesAPriceThatIsNotPositive(String price) {
    // GIVEN a price of nothing or less
    // WHEN prices are made with it
    // THEN they are refused (a division by it would be nonsense)
    assertThrows(
        IllegalArgumentException.class,
        () -> new TierPrices(new BigDecimal(price), BigDecimal.ONE, BigDecimal.TEN));
  }
}
