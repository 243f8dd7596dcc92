package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys the Discord bot added: discord.cooldown_s and modelscope.catalog_ttl_s. */
final class DiscordAndCatalogConfigTest {

  @Test
  void defaultsToAFiveSecondCooldownAndAnHourOfCatalogCaching() {
    AppConfig config = ConfigLoader.fromMaps(Map.of(), "defaults", Map.of());

    assertEquals(Duration.ofSeconds(5), config.discord().cooldown());
    assertEquals(Duration.ofHours(1), config.modelScope().catalogTtl());
  }

  @Test
  void readsBothFromTheFile() {
    AppConfig config =
        ConfigLoader.fromMaps(
            Map.of("discord.cooldown_s", "0", "modelscope.catalog_ttl_s", "60"),
            "bot.properties",
            Map.of());

    assertEquals(Duration.ZERO, config.discord().cooldown());
    assertEquals(Duration.ofMinutes(1), config.modelScope().catalogTtl());
  }

  @Test
  void letsTheEnvironmentOverrideBoth() {
    AppConfig config =
        ConfigLoader.fromMaps(
            Map.of("discord.cooldown_s", "3"),
            "bot.properties",
            Map.of(
                "QUOTABOT_DISCORD_COOLDOWN_S", "12", "QUOTABOT_MODELSCOPE_CATALOG_TTL_S", "600"));

    assertEquals(Duration.ofSeconds(12), config.discord().cooldown());
    assertEquals(Duration.ofMinutes(10), config.modelScope().catalogTtl());
  }

  @Test
  void refusesValuesOutOfRangeNamingTheKey() {
    ConfigException cooldown =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.fromMaps(Map.of("discord.cooldown_s", "-1"), "f", Map.of()));
    ConfigException ttl =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.fromMaps(Map.of("modelscope.catalog_ttl_s", "soon"), "f", Map.of()));

    assertTrue(cooldown.getMessage().contains("discord.cooldown_s"), cooldown.getMessage());
    assertTrue(ttl.getMessage().contains("modelscope.catalog_ttl_s"), ttl.getMessage());
  }

  @Test
  void neverShowsTheTokenInTheDiscordConfigsText() {
    AppConfig config =
        ConfigLoader.fromMaps(Map.of("discord.token", "secret.token.value"), "f", Map.of());

    assertFalse(config.discord().toString().contains("secret.token.value"));
    assertTrue(config.discord().toString().contains("cooldown=PT5S"));
  }
}
