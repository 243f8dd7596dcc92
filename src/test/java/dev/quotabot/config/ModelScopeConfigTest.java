package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ModelScope's 魔粒 prices per call: modelscope.price_light, _standard and _flagship. */
final class ModelScopeConfigTest {

  @Test
  void defaultsToThePublishedPrices() {
    // GIVEN no file and no environment
    // WHEN the configuration is loaded
    ModelScopeConfig config = ConfigLoader.fromMaps(Map.of(), "defaults", Map.of()).modelScope();

    // THEN 0.5, 1 and 2 魔粒 per call
    assertEquals(new BigDecimal("0.5"), config.priceLight());
    assertEquals(new BigDecimal("1"), config.priceStandard());
    assertEquals(new BigDecimal("2"), config.priceFlagship());
  }

  @Test
  void readsPricesFromTheFileAndTheEnvironment() {
    // GIVEN a file that sets the light and flagship prices, and an environment that overrides one
    Map<String, String> file =
        Map.of("modelscope.price_light", "0.25", "modelscope.price_flagship", "4");
    Map<String, String> env = Map.of("QUOTABOT_MODELSCOPE_PRICE_FLAGSHIP", "2.5");

    // WHEN the configuration is loaded
    ModelScopeConfig config = ConfigLoader.fromMaps(file, "bot.properties", env).modelScope();

    // THEN each comes from where it was set last, the standard one from the default
    assertEquals(new BigDecimal("0.25"), config.priceLight());
    assertEquals(new BigDecimal("1"), config.priceStandard());
    assertEquals(new BigDecimal("2.5"), config.priceFlagship());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000", "-1", "abc", "1e3", "1,5", "", "0.1234567", "1234567890"})
  void aPriceThatIsNotAPositiveDecimalStopsStartUpNamingTheKey(String price) {
    // GIVEN a standard price that is zero, negative, not a number, or written oddly
    Map<String, String> file = Map.of("modelscope.price_standard", price);

    // WHEN the configuration is loaded
    ConfigException invalid =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromMaps(file, "f", Map.of()));

    // THEN start-up stops with a line that names the key, the rule, the value and its origin
    assertEquals(
        "Invalid configuration: modelscope.price_standard must be a positive decimal number such"
            + " as 0.5 (at most 9 digits before the point and 6 after), got \""
            + price
            + "\" (from f).",
        invalid.getMessage());
  }
}
