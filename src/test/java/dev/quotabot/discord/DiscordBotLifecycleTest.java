package dev.quotabot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.Ports;
import dev.quotabot.support.RunningApp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up and shutdown of the bot inside the real product, against a fake Discord. */
final class DiscordBotLifecycleTest {
  @Test
  void connectsWithoutAnyOptionalIntentAndWithoutCompression() {
    try (FakeDiscord discord = FakeDiscord.start();
        RunningApp app = RunningApp.start(discord.botProperties())) {
      discord.awaitGlobalCommands();

      JsonObject identify = discord.gateway().identifies().get(0).getAsJsonObject("d");
      assertEquals(1, identify.get("intents").getAsInt(), "GUILDS only, which JDA always sends");
      assertFalse(identify.has("compress") && identify.get("compress").getAsBoolean());
      assertEquals(FakeDiscord.TOKEN, identify.get("token").getAsString());
    }
  }

  @Test
  void logsOneClearLineForARejectedTokenAndKeepsTheWebRunning() throws Exception {
    try (FakeDiscord discord = FakeDiscord.start();
        LogCapture logs = LogCapture.open()) {
      discord.rejectToken();

      RunningApp app = RunningApp.start(discord.botProperties());
      Await.until("the start-up failure to be logged", () -> logs.text().contains("not started"));
      int status = HttpCalls.get(app.uri("/health")).statusCode();
      app.close();

      assertEquals(200, status);
      assertOneCleanLine(logs, "rejected the bot token");
    }
  }

  @Test
  void logsOneClearLineWhenDiscordIsUnreachableAndKeepsTheWebRunning() throws Exception {
    int closedPort = Ports.unused();
    Map<String, String> properties = new HashMap<>();
    properties.put("discord.token", FakeDiscord.TOKEN);
    properties.put("discord.api_base_url", "http://127.0.0.1:" + closedPort + "/api/v10/");
    properties.put("discord.gateway_url", "ws://127.0.0.1:" + closedPort + "/");
    try (LogCapture logs = LogCapture.open()) {
      RunningApp app = RunningApp.start(properties);
      int status = HttpCalls.get(app.uri("/health")).statusCode();
      Await.until("the start-up failure to be logged", () -> logs.text().contains("not started"));
      app.close();

      assertEquals(200, status);
      assertOneCleanLine(logs, "cannot log in");
    }
  }

  @Test
  void logsOneClearLineWhenDiscordIsUnreachableWithAShardTotalSet() throws Exception {
    // GIVEN a shard count, so the first request is GET /gateway/bot for the gateway's address
    int closedPort = Ports.unused();
    Map<String, String> properties = new HashMap<>();
    properties.put("discord.token", FakeDiscord.TOKEN);
    properties.put("discord.api_base_url", "http://127.0.0.1:" + closedPort + "/api/v10/");
    properties.put("discord.gateway_url", "ws://127.0.0.1:" + closedPort + "/");
    properties.put("discord.shards_total", "2");
    try (LogCapture logs = LogCapture.open()) {
      RunningApp app = RunningApp.start(properties);
      int status = HttpCalls.get(app.uri("/health")).statusCode();
      Await.until("the start-up failure to be logged", () -> logs.text().contains("not started"));
      app.close();

      assertEquals(200, status);
      assertOneCleanLine(logs, "cannot log in");
    }
  }

  @Test
  void closesTheGatewayConnectionWhenTheProductStops() {
    try (FakeDiscord discord = FakeDiscord.start()) {
      RunningApp app = RunningApp.start(discord.botProperties());
      discord.awaitGlobalCommands();
      assertTrue(discord.gateway().connected());

      app.close();

      Await.until(
          "the gateway connection to close",
          Duration.ofSeconds(10),
          () -> !discord.gateway().connected() && !discord.gateway().closeCodes().isEmpty());
      assertEquals(1000, discord.gateway().closeCodes().get(0));
    }
  }

  @Test
  void startsTheWebAtOnceWhileDiscordIsSlowAndStopsCleanlyDuringTheLogin() throws Exception {
    try (FakeDiscord discord = FakeDiscord.start()) {
      discord
          .rest()
          .stubFor(
              get(urlPathEqualTo("/api/v10/users/@me"))
                  .atPriority(1)
                  .willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

      long started = System.nanoTime();
      RunningApp app = RunningApp.start(discord.botProperties());
      Duration startUp = Duration.ofNanos(System.nanoTime() - started);
      int status = HttpCalls.get(app.uri("/health")).statusCode();
      long closing = System.nanoTime();
      app.close();
      Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);

      assertEquals(200, status);
      assertTrue(startUp.compareTo(Duration.ofSeconds(3)) < 0, "start-up took " + startUp);
      assertTrue(shutdown.compareTo(Duration.ofSeconds(4)) < 0, "shutdown took " + shutdown);
      assertTrue(discord.gateway().identifies().isEmpty());
    }
  }

  @Test
  void deliversAnAnswerInFlightBeforeStopping() {
    try (FakeDiscord discord = FakeDiscord.start();
        FakeModelScope modelScope = FakeModelScope.start(1_500)) {
      modelScope.quota("Qwen/Qwen3-32B", 2000, 1900, 500, 450, 1_500);
      Map<String, String> properties = new HashMap<>(discord.botProperties());
      properties.putAll(modelScope.properties());
      RunningApp app = RunningApp.start(properties);
      discord.awaitGlobalCommands();
      FakeDiscord.Interaction sent =
          discord.slashCommand(
              FakeDiscord.User.fresh("en-US"),
              Map.of("api_key", "ms-inflight0key0value0a1b2", "models", "Qwen/Qwen3-32B"));
      discord.awaitCallback(sent);

      app.close();

      assertEquals(1, discord.originalEdits(sent).size(), "the answer was not delivered");
      assertFalse(discord.gateway().connected());
    }
  }

  /**
   * The bot's code and JDA logged exactly one line, saying {@code what}, without the token or a
   * stack trace.
   */
  private static void assertOneCleanLine(LogCapture logs, String what) {
    List<String> lines =
        logs.lines().stream()
            .filter(
                line -> line.startsWith("dev.quotabot.discord") || line.startsWith("net.dv8tion"))
            .toList();
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains(what), lines.get(0));
    assertFalse(logs.text().contains(FakeDiscord.TOKEN), "the token was logged");
    assertFalse(logs.text().contains("\tat "), "a stack trace was logged");
  }
}
