package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.Await;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot's cooldown kept in PostgreSQL when {@code database.url} is one: through the real JDA and
 * the fake Discord, with the refusal still counted in the bot's meter.
 */
final class SharedCooldownEndToEndTest {
  private static final String KEY = "ms-shared0cooldown0key0do0not0log0c3";
  private static final String QWEN = "Qwen/Qwen3-32B";

  private final TestDatabase database = TestDatabases.postgres();

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void theCooldownLivesInTheSharedTableAndItsRefusalIsCounted() {
    // GIVEN a bot on PostgreSQL with a cooldown of 60 s, and a user who has just run /quota
    try (BotUnderTest bot =
        BotUnderTest.builder()
            .property("database.url", database.config().url())
            .property("discord.cooldown_s", "60")
            .property("metrics.port", "0")
            .property("quota.default_models", QWEN)
            .modelScope(fake -> fake.quota(QWEN, 2000, 1200, 500, 100, 0))
            .start()) {
      FakeDiscord discord = bot.discord();
      User user = User.fresh("en-US");
      Interaction first = discord.slashCommand(user, Map.of("api_key", KEY));
      discord.awaitPrivateDeferral(first);

      // WHEN they run it again within the cooldown
      Interaction second = discord.slashCommand(user, Map.of("api_key", KEY));
      String refusal = discord.awaitPrivateMessage(second);

      // THEN they are told to wait, the refusal is counted, and the bucket is the shared table's
      Matcher wait = Pattern.compile("wait (\\d+) s").matcher(refusal);
      assertTrue(wait.find(), refusal);
      int seconds = Integer.parseInt(wait.group(1));
      assertTrue(seconds > 50 && seconds <= 60, refusal);
      Await.until(
          "the refusal to be counted",
          () -> bot.app().scrape().contains("quotabot_discord_cooldown_refusals_total 1.0"));
      assertEquals(
          1,
          database.count("SELECT COUNT(*) FROM rate_buckets WHERE id = ?", "discord:" + user.id()));
    }
  }
}
