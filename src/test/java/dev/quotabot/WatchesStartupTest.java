package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigLoader;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.LogCapture;
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
}
