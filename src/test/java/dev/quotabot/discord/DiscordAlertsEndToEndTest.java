package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.AlertSink.Delivery;
import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.support.FakeDiscord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DM alerts through the real JDA against the fake Discord. */
final class DiscordAlertsEndToEndTest {
  private FakeDiscord discord;
  private ShardManager shards;
  private DiscordAlerts alerts;

  @BeforeEach
  void logIn() throws Exception {
    discord = FakeDiscord.start();
    shards =
        DefaultShardManagerBuilder.createLight(
                FakeDiscord.TOKEN, EnumSet.noneOf(GatewayIntent.class))
            .setRestConfig(new RestConfig().setBaseUrl(discord.apiBaseUrl()))
            .setSessionController(
                new GatewaySessionController(discord.botProperties().get("discord.gateway_url")))
            .setCompression(Compression.NONE)
            .setEnableShutdownHook(false)
            .build();
    // connected before the test, so stopping it never races the gateway's hello
    for (JDA shard : shards.getShards()) {
      shard.awaitReady();
    }
    alerts = new DiscordAlerts(new AlertMessage(id -> "DeepSeek"));
    alerts.connected(shards);
  }

  @AfterEach
  void stop() {
    List<JDA> running = shards.getShards();
    shards.shutdown();
    running.forEach(JDA::shutdownNow);
    discord.close();
  }

  private static Alert alert(String owner) {
    return new Alert(
        0,
        1,
        owner,
        Alert.Kind.THRESHOLD,
        "sk-…a1b2",
        "deepseek",
        "en-US",
        new Threshold(Threshold.Kind.AMOUNT, BigDecimal.valueOf(5)),
        new Reading(Instant.EPOCH, new BigDecimal("4.2"), null, "CNY"),
        null,
        Instant.EPOCH);
  }

  @Test
  void anAlertIsSentToTheOwnersDirectMessages() throws Exception {
    String owner = FakeDiscord.User.fresh("en-US").id();

    Delivery delivery = alerts.deliver(alert(owner)).get(10, TimeUnit.SECONDS);

    assertEquals(Delivery.DELIVERED, delivery);
    String content = discord.awaitDirectMessages(owner, 1).get(0).get("content").getAsString();
    assertTrue(content.contains("4.20 CNY"), content);
  }

  @Test
  void anOwnerWithClosedDirectMessagesRefusesItUntilTheyOpenThemAgain() throws Exception {
    String owner = FakeDiscord.User.fresh("en-US").id();
    discord.closeDirectMessages(owner);

    assertEquals(Delivery.REFUSED, alerts.deliver(alert(owner)).get(10, TimeUnit.SECONDS));

    discord.openDirectMessages(owner);
    assertEquals(Delivery.DELIVERED, alerts.deliver(alert(owner)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void discordsSpuriousMissingAccessIsARefusalToo() throws Exception {
    String owner = FakeDiscord.User.fresh("en-US").id();
    discord.refuseDirectMessages(owner, 403, 50001, "Missing Access");

    assertEquals(Delivery.REFUSED, alerts.deliver(alert(owner)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void anotherRefusalOfDiscordIsUnavailableNotRefused() throws Exception {
    String owner = FakeDiscord.User.fresh("en-US").id();
    discord.refuseDirectMessages(owner, 404, 10003, "Unknown Channel");

    assertEquals(Delivery.UNAVAILABLE, alerts.deliver(alert(owner)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void afterTheBotStoppedAnAlertIsUnavailable() throws Exception {
    alerts.disconnected();

    assertEquals(
        Delivery.UNAVAILABLE,
        alerts.deliver(alert("1400000000000000001")).get(1, TimeUnit.SECONDS));
  }
}
