package dev.quotabot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeBalanceUpstream;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.MutableClock;
import dev.quotabot.support.SentForm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch meters end to end (set up as {@link WatchesEndToEndTest}: the real bot, a DeepSeek key a
 * WireMock plays, a clock the test moves): checks by provider and outcome, alerts by kind and
 * delivery, and the watch's queries under their own door.
 */
final class WatchMetersEndToEndTest {
  private static final Duration INTERVAL = Duration.ofMinutes(60);
  private static final String KEY = "sk-0123456789abcdef0123456789abcdef";

  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final User user = User.fresh("en-US");
  private FakeBalanceUpstream upstream;
  private BotUnderTest bot;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  /** DeepSeek reads this much CNY left for the key. */
  private void balance(String cny) {
    upstream
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/user/balance"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(
                    okJson(
                        "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\","
                            + "\"total_balance\":\""
                            + cny
                            + "\",\"granted_balance\":\"0.00\",\"topped_up_balance\":\""
                            + cny
                            + "\"}]}")));
  }

  @Test
  void countsEachCheckAndEachAlertWithTheirLabels() {
    // GIVEN the product with metrics and watches, and a watch for 5 CNY made through the form
    upstream = FakeBalanceUpstream.start();
    balance("110.00");
    bot =
        BotUnderTest.builder()
            .balanceUpstream(upstream)
            .clock(clock)
            .watches(folder.resolve("watches.db"), Duration.ofHours(1).toMillis())
            .property("watch.provider_spacing_ms", "1")
            .property("discord.cooldown_s", "0")
            .property("metrics.port", "0")
            .start();
    FakeDiscord discord = bot.discord();
    Interaction command =
        discord.command(
            user,
            WatchCommand.NAME,
            Map.of("provider", "deepseek", "thresholds", "5", "interval", 60));
    SentForm form = discord.awaitForm(command);
    Interaction submitted = discord.modalSubmit(user, form.id(), Map.of("api_key", KEY));
    discord.awaitOriginalEdit(submitted);

    // WHEN the balance falls below the level and the watch is checked
    balance("4.20");
    clock.advance(INTERVAL.multipliedBy(2));
    bot.app().runDueWatches();

    // THEN the check, the alert it sent, and both of the watch's queries are counted
    assertEquals(1, discord.awaitDirectMessages(user.id(), 1).size());
    String text = bot.app().scrape();
    assertTrue(
        text.contains("quotabot_watch_checks_total{outcome=\"ok\",provider=\"deepseek\"} 1.0"),
        text);
    assertTrue(
        text.contains("quotabot_watch_alerts_total{delivery=\"delivered\",kind=\"threshold\"} 1.0"),
        text);
    assertTrue(
        text.contains(
            "quotabot_queries_total{door=\"watch\",outcome=\"ok\",provider=\"deepseek\"} 2.0"),
        text);
    assertFalse(text.contains(user.id()), "an owner in:\n" + text);
    assertFalse(text.contains(KEY.substring(3, 20)), "a key fragment in:\n" + text);
  }
}
