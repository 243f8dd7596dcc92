package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.Place;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.FakeGateway;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bot as JDA's shard manager against a fake Discord with several shards: which shards a process
 * identifies, where interactions are answered, commands registered once, and the {@code discord}
 * part of {@code /health} and {@code /health/ready}.
 */
final class ShardingEndToEndTest {

  @Test
  void twoShardsBothConnectAndHealthShowsEachConnected() {
    try (FakeDiscord discord = FakeDiscord.start();
        RunningApp app = start(discord, Map.of("discord.shards_total", "2"))) {
      awaitReady(app);

      assertEquals(List.of(0, 1), sorted(discord.gateway().identifiedShards()));
      JsonObject part = discordPart(app, "/health");
      assertTrue(part.get("ready").getAsBoolean());
      assertEquals("connected", part.get("status").getAsString());
      assertEquals(2, part.get("shards_total").getAsInt());
      JsonArray shards = part.getAsJsonArray("shards");
      assertEquals(2, shards.size());
      for (int id = 0; id < 2; id++) {
        JsonObject shard = shards.get(id).getAsJsonObject();
        assertEquals(id, shard.get("id").getAsInt());
        assertEquals("connected", shard.get("status").getAsString());
        assertTrue(shard.has("ping_ms"), shard.toString());
      }
      assertEquals(200, HttpCalls.get(app.uri("/health/ready")).statusCode());
    }
  }

  @Test
  void answersAnInteractionOnEitherShard() {
    // GIVEN the bot's server is on shard 1 of 2, the server it is not in on shard 0
    assertEquals(1, FakeGateway.shardOf(FakeDiscord.GUILD_ID, 2));
    assertEquals(0, FakeGateway.shardOf(FakeDiscord.FOREIGN_GUILD_ID, 2));
    try (FakeDiscord discord = FakeDiscord.start(true);
        RunningApp app = start(discord, Map.of("discord.shards_total", "2"))) {
      awaitReady(app);

      // WHEN /quota comes from each server: the fake sends each through its owner's shard
      Interaction onShard1 = discord.slashCommand(User.fresh("en-US"), Place.GUILD, Map.of());
      Interaction onShard0 =
          discord.slashCommand(User.fresh("en-US"), Place.FOREIGN_GUILD, Map.of());

      // THEN both are answered (with the form /quota opens without a key)
      discord.awaitForm(onShard1);
      discord.awaitForm(onShard0);
    }
  }

  @Test
  void answersAnInteractionSentThroughAShardThatDoesNotOwnIt() {
    try (FakeDiscord discord = FakeDiscord.start();
        RunningApp app = start(discord, Map.of("discord.shards_total", "2"))) {
      awaitReady(app);

      // WHEN a DM (shard 0's) comes through shard 1
      discord.sendThroughShard(1);
      Interaction sent = discord.slashCommand(User.fresh("en-US"), Place.BOT_DM, Map.of());

      // THEN the listeners of shard 1 answer it as well
      discord.awaitForm(sent);
    }
  }

  @Test
  void identifiesOnlyTheShardIdsOfThisProcessAndSaysWhichAtStartUp() {
    try (FakeDiscord discord = FakeDiscord.start();
        LogCapture logs = LogCapture.open();
        RunningApp app =
            start(discord, Map.of("discord.shards_total", "2", "discord.shard_ids", "1"))) {
      awaitReady(app);

      assertEquals(List.of(1), discord.gateway().identifiedShards());
      assertFalse(discord.gateway().connected(0));
      JsonArray shards = discordPart(app, "/health").getAsJsonArray("shards");
      assertEquals(1, shards.size());
      assertEquals(1, shards.get(0).getAsJsonObject().get("id").getAsInt());
      assertTrue(
          logs.text().contains("Discord: this process runs shards 1 of 2"),
          "no start-up line about the shards");
    }
  }

  @Test
  void takesTheShardCountFromGatewayBotWhenNoneIsSet() {
    try (FakeDiscord discord = FakeDiscord.start()) {
      discord.recommendShards(3);

      try (LogCapture logs = LogCapture.open();
          RunningApp app = start(discord, Map.of())) {
        awaitReady(app);

        assertEquals(List.of(0, 1, 2), sorted(discord.gateway().identifiedShards()));
        assertEquals(3, discordPart(app, "/health").get("shards_total").getAsInt());
        assertTrue(
            logs.text().contains("Discord: this process runs shards 0-2 of 3"),
            "no start-up line about the shards");
      }
    }
  }

  @Test
  void isNotReadyWhileAShardIsNotConnectedAndReadyOnceItIs() {
    try (FakeDiscord discord = FakeDiscord.start()) {
      // GIVEN Discord holds back shard 1's READY
      discord.gateway().holdShard(1);
      try (RunningApp app = start(discord, Map.of("discord.shards_total", "2"))) {
        Await.until("shard 1 to identify", () -> discord.gateway().identifiedShards().contains(1));
        // JDA calls a shard connected a moment after the fake sent its READY
        Await.until(
            "shard 0 connected in /health",
            () ->
                status(discordPart(app, "/health").getAsJsonArray("shards"), 0)
                    .equals("connected"));

        // THEN the process is alive but not ready, and says which shard is missing
        HttpResponse<String> notReady = HttpCalls.get(app.uri("/health/ready"));
        assertEquals(503, notReady.statusCode());
        assertEquals(200, HttpCalls.get(app.uri("/health")).statusCode());
        JsonObject part = HttpCalls.json(notReady).getAsJsonObject("components");
        JsonObject discordPart = part.getAsJsonObject("discord");
        assertFalse(discordPart.get("ready").getAsBoolean());
        assertEquals("connecting", discordPart.get("status").getAsString());
        JsonArray shards = discordPart.getAsJsonArray("shards");
        assertEquals("connected", status(shards, 0));
        assertFalse(status(shards, 1).equals("connected"), shards.toString());

        // WHEN Discord lets shard 1 in
        discord.gateway().releaseShard(1);

        // THEN the process becomes ready
        awaitReady(app);
        assertEquals("connected", discordPart(app, "/health/ready").get("status").getAsString());
      }
    }
  }

  @Test
  void registersGlobalCommandsOnceAndTheServersCommandsThroughTheServersShard() {
    try (FakeDiscord discord = FakeDiscord.start(true);
        LogCapture logs = LogCapture.open();
        RunningApp app =
            start(
                discord,
                Map.of("discord.shards_total", "2", "discord.guild_id", FakeDiscord.GUILD_ID))) {
      awaitReady(app);
      // both shards have been told they are ready (each logs it before registering anything)
      Await.until(
          "both shards' ready handlers", () -> count(logs, "Discord bot connected as") == 2);
      discord.awaitGlobalCommands();
      discord.awaitGuildCommands();
      Await.until(
          "both registrations to finish",
          () -> count(logs, "registered globally") + count(logs, "registered in server") == 2);

      assertEquals(1, puts(discord, "/commands"), "global commands registered more than once");
      assertEquals(
          1,
          puts(discord, "/guilds/" + FakeDiscord.GUILD_ID + "/commands"),
          "the server's commands registered more than once");
      assertFalse(
          logs.text().contains("is not a server the bot is in"),
          "shard 0, which does not hold the server, looked for it");
    }
  }

  @Test
  void twoProcessesSplitTheShardsOfOneBot() {
    try (FakeDiscord discord = FakeDiscord.start(true)) {
      Map<String, String> first = Map.of("discord.shards_total", "2", "discord.shard_ids", "0");
      Map<String, String> second = Map.of("discord.shards_total", "2", "discord.shard_ids", "1");
      try (RunningApp zero = start(discord, first);
          RunningApp one = start(discord, second)) {
        awaitReady(zero);
        awaitReady(one);

        assertEquals(List.of(0, 1), sorted(discord.gateway().identifiedShards()));
        Interaction onShard1 = discord.slashCommand(User.fresh("en-US"), Place.GUILD, Map.of());
        Interaction onShard0 = discord.slashCommand(User.fresh("en-US"), Place.BOT_DM, Map.of());
        discord.awaitForm(onShard1);
        discord.awaitForm(onShard0);
        discord.awaitGlobalCommands();
        assertEquals(1, puts(discord, "/commands"), "each process registered global commands");
      }
    }
  }

  @Test
  void aRejectedTokenLeavesTheDiscordPartNotReady() {
    try (FakeDiscord discord = FakeDiscord.start();
        LogCapture logs = LogCapture.open()) {
      discord.rejectToken();

      try (RunningApp app = start(discord, Map.of("discord.shards_total", "2"))) {
        Await.until("the login failure", () -> logs.text().contains("rejected the bot token"));

        HttpResponse<String> ready = HttpCalls.get(app.uri("/health/ready"));
        assertEquals(503, ready.statusCode());
        JsonObject part = HttpCalls.json(ready).getAsJsonObject("components");
        assertEquals("not_started", part.getAsJsonObject("discord").get("status").getAsString());
        assertTrue(discord.gateway().identifies().isEmpty());
      }
    }
  }

  private static RunningApp start(FakeDiscord discord, Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(discord.botProperties());
    all.putAll(properties);
    return RunningApp.start(all);
  }

  private static void awaitReady(RunningApp app) {
    Await.until(
        "/health/ready to answer 200",
        () -> HttpCalls.get(app.uri("/health/ready")).statusCode() == 200);
  }

  private static JsonObject discordPart(RunningApp app, String path) {
    return HttpCalls.json(HttpCalls.get(app.uri(path)))
        .getAsJsonObject("components")
        .getAsJsonObject("discord");
  }

  private static String status(JsonArray shards, int id) {
    for (JsonElement shard : shards) {
      if (shard.getAsJsonObject().get("id").getAsInt() == id) {
        return shard.getAsJsonObject().get("status").getAsString();
      }
    }
    throw new AssertionError("no shard " + id + " in " + shards);
  }

  /** The PUTs of commands to this path below the application. */
  private static long puts(FakeDiscord discord, String path) {
    String url = "/api/v10/applications/" + FakeDiscord.APPLICATION_ID + path;
    return discord.allRequests().stream()
        .filter(request -> request.getMethod().getName().equals("PUT"))
        .filter(request -> request.getUrl().equals(url))
        .count();
  }

  private static long count(LogCapture logs, String text) {
    return logs.lines().stream().filter(line -> line.contains(text)).count();
  }

  private static List<Integer> sorted(List<Integer> ids) {
    List<Integer> copy = new ArrayList<>(ids);
    copy.sort(null);
    return copy;
  }
}
