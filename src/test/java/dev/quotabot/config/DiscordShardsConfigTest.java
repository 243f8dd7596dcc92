package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** discord.shards_total and discord.shard_ids: which shards this process runs. */
final class DiscordShardsConfigTest {

  @Test
  void defaultsToEveryShardDiscordRecommends() {
    AppConfig config = ConfigLoader.fromMaps(Map.of(), "defaults", Map.of());

    assertEquals(DiscordShards.RECOMMENDED, config.discord().shards());
    assertEquals(List.of(0, 1, 2), config.discord().shards().idsOf(3));
  }

  @Test
  void readsATotalAlone() {
    DiscordShards shards = load(Map.of("discord.shards_total", "4"));

    assertEquals(OptionalInt.of(4), shards.total());
    assertEquals(List.of(0, 1, 2, 3), shards.idsOf(4));
  }

  @Test
  void readsATotalAndThisProcesssIds() {
    DiscordShards shards = load(Map.of("discord.shards_total", "6", "discord.shard_ids", "0-1,4"));

    assertEquals(OptionalInt.of(6), shards.total());
    assertEquals(List.of(0, 1, 4), shards.ids());
    assertEquals(List.of(0, 1, 4), shards.idsOf(6));
  }

  @Test
  void letsTheEnvironmentSetBoth() {
    AppConfig config =
        ConfigLoader.fromMaps(
            Map.of("discord.shards_total", "2"),
            "bot.properties",
            Map.of("QUOTABOT_DISCORD_SHARDS_TOTAL", "8", "QUOTABOT_DISCORD_SHARD_IDS", "4-7"));

    assertEquals(OptionalInt.of(8), config.discord().shards().total());
    assertEquals(List.of(4, 5, 6, 7), config.discord().shards().ids());
  }

  @Test
  void refusesIdsWithoutATotalNamingBothKeys() {
    String message = refused(Map.of("discord.shard_ids", "0-1"));

    assertTrue(message.startsWith("Invalid configuration: discord.shard_ids "), message);
    assertTrue(message.contains("needs discord.shards_total"), message);
  }

  @Test
  void refusesAnIdAtOrPastTheTotal() {
    String message = refused(Map.of("discord.shards_total", "4", "discord.shard_ids", "2-4"));

    assertTrue(message.startsWith("Invalid configuration: discord.shard_ids "), message);
    assertTrue(message.contains("below discord.shards_total=4"), message);
    assertTrue(message.contains("names shard 4"), message);
  }

  @Test
  void refusesBadSyntaxNamingTheKeyAndTheItem() {
    String message = refused(Map.of("discord.shards_total", "4", "discord.shard_ids", "0-1;3"));

    assertTrue(message.startsWith("Invalid configuration: discord.shard_ids "), message);
    assertTrue(message.contains("\"0-1;3\" is not a shard id"), message);
  }

  @Test
  void refusesAShardListedTwice() {
    String message = refused(Map.of("discord.shards_total", "4", "discord.shard_ids", "0-2,1"));

    assertTrue(message.contains("discord.shard_ids"), message);
    assertTrue(message.contains("shard 1 is listed twice"), message);
  }

  @Test
  void refusesATotalBelowOne() {
    String message = refused(Map.of("discord.shards_total", "0"));

    assertTrue(message.startsWith("Invalid configuration: discord.shards_total "), message);
    assertTrue(message.contains("from 1 to 100000"), message);
  }

  @Test
  void refusesATotalThatIsNotANumber() {
    String message = refused(Map.of("discord.shards_total", "auto"));

    assertTrue(message.startsWith("Invalid configuration: discord.shards_total "), message);
  }

  @Test
  void reportsWhereTheBadValueCameFrom() {
    ConfigException failure =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.fromMaps(
                    Map.of(), "bot.properties", Map.of("QUOTABOT_DISCORD_SHARD_IDS", "1")));

    assertTrue(
        failure.getMessage().contains("(from environment QUOTABOT_DISCORD_SHARD_IDS)"),
        failure.getMessage());
  }

  private static DiscordShards load(Map<String, String> file) {
    return ConfigLoader.fromMaps(file, "bot.properties", Map.of()).discord().shards();
  }

  private static String refused(Map<String, String> file) {
    ConfigException failure =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromMaps(file, "f", Map.of()));
    assertEquals(1, failure.getMessage().lines().count(), failure.getMessage());
    return failure.getMessage();
  }
}
