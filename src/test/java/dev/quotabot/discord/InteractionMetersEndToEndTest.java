package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.Await;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot's meters, through the real JDA and the fake Discord: interactions by kind and command,
 * the acknowledgement's latency, the door's queries and cooldown refusals, and no user in them.
 */
final class InteractionMetersEndToEndTest {
  private static final String KEY = "ms-meters0secret0key0do0not0log0a1b2";
  private static final String QWEN = "Qwen/Qwen3-32B";

  private BotUnderTest bot;
  private FakeDiscord discord;

  @BeforeEach
  void start() {
    bot =
        BotUnderTest.builder()
            .property("metrics.port", "0")
            .property("discord.cooldown_s", "60")
            .property("quota.default_models", QWEN)
            .modelScope(fake -> fake.quota(QWEN, 2000, 1200, 500, 100, 0))
            .start();
    discord = bot.discord();
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  private String scrape() {
    return bot.app().scrape();
  }

  private void awaitScrapeHolds(String line) {
    Await.until(line, () -> scrape().contains(line));
  }

  @Test
  void countsACommandItsAcknowledgementAndItsQuery() {
    // WHEN a user runs /quota with a key
    User user = User.fresh("en-US");
    Interaction asked = discord.slashCommand(user, Map.of("api_key", KEY));
    discord.awaitPrivateDeferral(asked);
    discord.awaitOriginalEdit(asked);

    // THEN the interaction is counted by kind and command, its acknowledgement timed, and the
    // query counted as the discord door's
    awaitScrapeHolds("quotabot_discord_interactions_total{command=\"quota\",kind=\"command\"} 1.0");
    awaitScrapeHolds("quotabot_discord_ack_latency_seconds_count 1");
    awaitScrapeHolds(
        "quotabot_queries_total{door=\"discord\",outcome=\"ok\",provider=\"modelscope\"} 1.0");
    String text = scrape();
    assertTrue(text.contains("quotabot_discord_ack_latency_seconds_bucket{le=\"3.0\"} 1"), text);
    assertFalse(text.contains(user.id()), "a user id in:\n" + text);
    assertFalse(text.contains(KEY.substring(3, 20)), "a key fragment in:\n" + text);
    assertFalse(text.contains(asked.id()), "an interaction id in:\n" + text);
  }

  @Test
  void countsAnAutocompleteAsItsOwnKind() {
    // WHEN a user types in the models option
    Interaction typed = discord.autocomplete(User.fresh("en-US"), "Qw");
    discord.awaitCallback(typed);

    // THEN it is counted as an autocomplete of /quota
    awaitScrapeHolds(
        "quotabot_discord_interactions_total{command=\"quota\",kind=\"autocomplete\"} 1.0");
  }

  @Test
  void countsACooldownRefusal() {
    // GIVEN a user who has just run /quota
    User user = User.fresh("en-US");
    Interaction first = discord.slashCommand(user, Map.of("api_key", KEY));
    discord.awaitPrivateDeferral(first);

    // WHEN they run it again within the cooldown
    Interaction second = discord.slashCommand(user, Map.of("api_key", KEY));
    discord.awaitPrivateMessage(second);

    // THEN the refusal is counted, without the user
    awaitScrapeHolds("quotabot_discord_cooldown_refusals_total 1.0");
    assertFalse(scrape().contains(user.id()));
  }
}
