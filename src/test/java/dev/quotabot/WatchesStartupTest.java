package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigLoader;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the product with watches on: what it opens, and the one line when it cannot. */
final class WatchesStartupTest {

  private static AppConfig config(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>();
    all.put("web.host", "127.0.0.1");
    all.put("web.port", "0");
    all.put("watch.encryption_key", BotUnderTest.WATCH_KEY);
    all.putAll(extra);
    return ConfigLoader.fromMaps(all, "test", Map.of());
  }

  @Test
  void anUnreachableDatabaseStopsTheStartWithOneLineWithoutThePassword() {
    AppConfig config =
        config(
            Map.of(
                "database.url", "jdbc:postgresql://127.0.0.1:9/watches",
                "database.user", "bot",
                "database.password", "hunter2-secret"));

    RuntimeException failed = assertThrows(RuntimeException.class, () -> Application.start(config));

    String line = StartupFailure.describe(failed, config);
    assertTrue(line.startsWith("watches: "), line);
    assertEquals(1, line.lines().count(), line);
    assertFalse(line.contains("hunter2-secret"), line);
  }

  @Test
  void watchesWithoutTheBotOpenTheDatabaseAndSayNothingIsChecked(@TempDir Path folder)
      throws Exception {
    Path database = folder.resolve("watches.db");
    try (LogCapture log = LogCapture.open();
        Application application =
            Application.start(config(Map.of("database.url", "jdbc:sqlite:" + database)))) {
      application.runDueWatches();

      assertTrue(Files.exists(database));
      assertTrue(log.text().contains("no watch is checked"), log.text());
    }
  }

  @Test
  void anUnreachablePostgresStopsTheStartEvenWithWatchesOff() {
    // GIVEN PostgreSQL for the shared limits, no watches, and nothing listening there
    AppConfig config =
        ConfigLoader.fromMaps(
            Map.of(
                "web.host", "127.0.0.1",
                "web.port", "0",
                "database.url", "jdbc:postgresql://127.0.0.1:9/quotabot",
                "database.password", "hunter2-secret"),
            "test",
            Map.of());

    // WHEN the product starts
    RuntimeException failed = assertThrows(RuntimeException.class, () -> Application.start(config));

    // THEN one line names the database, not the password
    String line = StartupFailure.describe(failed, config);
    assertTrue(line.startsWith("database: "), line);
    assertEquals(1, line.lines().count(), line);
    assertFalse(line.contains("hunter2-secret"), line);
  }

  @Test
  void watchesOnPostgresShareTheDatabaseWithTheLimits() {
    // GIVEN watches on PostgreSQL
    try (TestDatabase database = TestDatabases.postgres();
        Application application =
            Application.start(config(Map.of("database.url", database.config().url())))) {
      // WHEN /health is asked
      HttpResponse<String> health =
          HttpCalls.get(URI.create("http://127.0.0.1:" + application.webPort() + "/health/ready"));

      // THEN the database is up and the limits shared, one schema migrated once
      assertEquals(200, health.statusCode(), health.body());
      JsonObject components = HttpCalls.json(health).getAsJsonObject("components");
      assertEquals("up", components.getAsJsonObject("database").get("status").getAsString());
      assertEquals("shared", components.getAsJsonObject("rate_limits").get("status").getAsString());
      assertEquals(2, database.count("SELECT COUNT(*) FROM flyway_schema_history"));
    }
  }
}
