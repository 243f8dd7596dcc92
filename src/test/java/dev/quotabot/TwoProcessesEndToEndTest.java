package dev.quotabot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.quota.watch.Thresholds;
import dev.quotabot.quota.watch.WatchSecret;
import dev.quotabot.quota.watch.WatchSettings;
import dev.quotabot.quota.watch.vault.KeyVault;
import dev.quotabot.store.Database;
import dev.quotabot.store.JdbcWatchStore;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.Place;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.FakeGateway;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.ProductProcess;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16's proof: two product processes (child JVMs configured through the environment, as an
 * operator runs them) on one PostgreSQL schema and one fake Discord with two shards, process A
 * running shard 0 and process B shard 1. The web rate limit, the Discord cooldown and the watch
 * checks hold across both, and killing one leaves the other serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class TwoProcessesEndToEndTest {
  private static final int PER_MINUTE = 30;
  private static final byte[] WATCH_KEY = "two-processes-watch-key-32-bytes".getBytes(UTF_8);
  private static final String KEY = "ms-two0processes0key0do0not0log0e2e";
  private static final String MODEL = "Qwen/Qwen3-32B";
  private static final String BALANCE = "/openapi/v1/magicubes/balance";

  private static TestDatabase database;
  private static FakeDiscord discord;
  private static FakeModelScope modelScope;
  private static ProductProcess a;
  private static ProductProcess b;

  @BeforeAll
  static void startTwoProcesses() throws IOException {
    database = TestDatabases.postgres();
    discord = FakeDiscord.start(true);
    discord.recommendShards(2);
    modelScope = FakeModelScope.start(0);
    modelScope.quota(MODEL, 2000, 1999, 500, 499, 0);
    a = replica("replica-a", "0");
    b = replica("replica-b", "1");
    for (ProductProcess replica : List.of(a, b)) {
      Await.until(
          "a replica ready (its shard connected, the database up)",
          Duration.ofSeconds(30),
          () -> HttpCalls.get(replica.uri("/health/ready")).statusCode() == 200);
    }
  }

  @AfterAll
  static void stopAll() {
    for (AutoCloseable part : new AutoCloseable[] {a, b, modelScope, discord, database}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception ignored) {
        // the others still close
      }
    }
  }

  @Test
  @Order(1)
  void eachProcessRunsItsOwnShardAndSharesTheDatabase() {
    String health = HttpCalls.get(a.uri("/health")).body();
    String other = HttpCalls.get(b.uri("/health")).body();

    assertTrue(health.contains("\"shards\":[{\"id\":0,"), health);
    assertTrue(other.contains("\"shards\":[{\"id\":1,"), other);
    for (String body : List.of(health, other)) {
      assertTrue(body.contains("\"rate_limits\":{\"ready\":true,\"status\":\"shared\""), body);
    }
  }

  @Test
  @Order(2)
  void the31stQueryOfAClientInsideTheMinuteIs429WhicheverProcessAnswers() {
    // GIVEN one client (as nginx forwards it) spending its 30 queries on both processes in turn
    String client = "203.0.113.31";
    for (int i = 0; i < PER_MINUTE; i++) {
      ProductProcess replica = i % 2 == 0 ? a : b;
      assertEquals(400, query(replica, client, "{}").statusCode(), "query " + (i + 1));
    }

    // WHEN it asks once more, of either
    HttpResponse<String> fromA = query(a, client, "{}");
    HttpResponse<String> fromB = query(b, client, "{}");

    // THEN both refuse it, and another client is still served
    assertEquals(429, fromA.statusCode());
    assertEquals(429, fromB.statusCode());
    assertTrue(fromB.headers().firstValue("Retry-After").isPresent());
    assertEquals(400, query(b, "203.0.113.32", "{}").statusCode());
  }

  @Test
  @Order(3)
  void aUsersCooldownStartedOnOneShardHoldsOnTheOther() {
    // GIVEN the bot's server is on shard 1 (process B), the bot's DM on shard 0 (process A)
    assertEquals(1, FakeGateway.shardOf(FakeDiscord.GUILD_ID, 2));
    User user = User.fresh("en-US");
    Interaction inServer =
        discord.slashCommand(user, Place.GUILD, Map.of("api_key", KEY, "models", MODEL));
    assertFalse(discord.awaitOriginalEdit(inServer).toString().contains(KEY));
    int probes = modelScope.probes().size();

    // WHEN the same user asks again at once, in the DM: process A answers
    Interaction inDm =
        discord.slashCommand(user, Place.BOT_DM, Map.of("api_key", KEY, "models", MODEL));

    // THEN A refuses it with the cooldown B started, and probes nothing
    String content = discord.awaitPrivateMessage(inDm);
    assertTrue(content.contains("wait"), content);
    assertEquals(probes, modelScope.probes().size());
  }

  @Test
  @Order(4)
  void eachDueWatchIsCheckedExactlyOnceByTheTwoProcesses() throws Exception {
    // GIVEN six watches due now, made as /watch stores them (sealed with the processes' key)
    List<String> keys = new ArrayList<>();
    try (Database opened = Database.open(database.config())) {
      JdbcWatchStore store = new JdbcWatchStore(opened.dataSource());
      KeyVault vault = new KeyVault(WATCH_KEY, Optional.empty());
      Instant now = Instant.now();
      for (int i = 0; i < 6; i++) {
        String key = "ms-watch" + i + "0of0two0processes0secret";
        keys.add(key);
        store.create(
            "31000000000000000" + i,
            "ms-…ret" + i,
            new WatchSettings(
                "modelscope",
                List.of(),
                new Thresholds(List.of(new Threshold(Threshold.Kind.AMOUNT, BigDecimal.TEN))),
                Duration.ofHours(1),
                false,
                "en"),
            vault.seal(new WatchSecret(ApiKey.of(key), null)),
            now,
            now.plus(Duration.ofDays(30)),
            now);
      }
    }

    // WHEN both schedulers (a tick every 200 ms) have had time for many ticks
    Await.until("every watch checked", () -> keys.stream().allMatch(k -> balanceReads(k) >= 1));
    Thread.sleep(3_000);

    // THEN each key's balance was read exactly once: no watch checked by both processes
    for (String key : keys) {
      assertEquals(1, balanceReads(key), "balance reads for watch " + keys.indexOf(key));
    }
  }

  @Test
  @Order(5)
  void killingOneProcessLeavesTheOtherServing() {
    // WHEN process A dies without a shutdown of its own
    a.kill();

    // THEN B still answers queries and is ready (its own shard and the database are up)
    HttpResponse<String> answer =
        query(b, "203.0.113.55", "{\"models\":[\"" + MODEL + "\"],\"api_key\":\"" + KEY + "\"}");
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("\"success\":true"), answer.body());
    assertEquals(200, HttpCalls.get(b.uri("/health/ready")).statusCode());
    assertFalse(b.log().contains(KEY), "B logged the key");
  }

  private static long balanceReads(String key) {
    return modelScope
        .server()
        .findAll(
            getRequestedFor(urlPathEqualTo(BALANCE))
                .withHeader("Authorization", equalTo("Bearer " + key)))
        .size();
  }

  private static HttpResponse<String> query(ProductProcess replica, String client, String body) {
    return HttpCalls.postJson(replica.uri("/api/balance"), body, "X-Forwarded-For", client);
  }

  private static ProductProcess replica(String name, String shard) throws IOException {
    Map<String, String> properties = new HashMap<>(discord.botProperties());
    properties.putAll(modelScope.properties());
    properties.put("discord.shards_total", "2");
    properties.put("discord.shard_ids", shard);
    properties.put("discord.cooldown_s", "60");
    properties.put("database.url", database.config().url());
    properties.put("web.rate_limit_per_minute", Integer.toString(PER_MINUTE));
    properties.put("web.trust_proxy", "true");
    properties.put("watch.encryption_key", Base64.getEncoder().encodeToString(WATCH_KEY));
    properties.put("watch.tick_ms", "200");
    properties.put("watch.provider_spacing_ms", "0");
    return ProductProcess.start(
        Files.createTempDirectory("quota-bot-" + name + "-"),
        ProductProcess.environmentOf(properties));
  }
}
