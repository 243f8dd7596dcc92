package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.watch.WatchLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Watches: watch.* (the encryption keys and the operator's bounds) and database.*. */
final class WatchConfigTest {
  private static final String KEY = base64(32, 7);
  private static final String OLD_KEY = base64(32, 9);

  @TempDir Path dir;

  private static String base64(int length, int fill) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) fill);
    bytes[0] = (byte) 0xfb;
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static WatchConfig load(Map<String, String> file) {
    return ConfigLoader.fromMaps(file, "f", Map.of()).watch();
  }

  private static String failure(Map<String, String> file, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.fromMaps(file, "f", env))
        .getMessage();
  }

  @Test
  void watchesAreOffByDefaultWithTheDocumentedLimits() {
    // GIVEN no file and no environment
    WatchConfig config = load(Map.of());

    // THEN no key, and the bounds of the design
    assertFalse(config.enabled());
    assertTrue(config.previousKey().isEmpty());
    assertEquals(
        new WatchLimits(
            5,
            Duration.ofMinutes(15),
            Duration.ofMinutes(60),
            Duration.ofDays(30),
            Duration.ofDays(90),
            4,
            Duration.ofMillis(1000),
            Duration.ofMillis(30_000)),
        config.limits());
  }

  @Test
  void aBase64KeyTurnsWatchesOn() {
    WatchConfig config = load(Map.of("watch.encryption_key", KEY));

    assertTrue(config.enabled());
    assertArrayEquals(Base64.getDecoder().decode(KEY), config.encryptionKey().orElseThrow());
  }

  @Test
  void theKeyCanComeFromTheEnvironment() {
    WatchConfig config =
        ConfigLoader.fromMaps(
                Map.of("watch.encryption_key", KEY),
                "f",
                Map.of("QUOTABOT_WATCH_ENCRYPTION_KEY", OLD_KEY))
            .watch();

    assertArrayEquals(Base64.getDecoder().decode(OLD_KEY), config.encryptionKey().orElseThrow());
  }

  @Test
  void thePreviousKeyIsReadBesideTheCurrentOne() {
    WatchConfig config =
        load(Map.of("watch.encryption_key", KEY, "watch.encryption_key_previous", OLD_KEY));

    assertArrayEquals(Base64.getDecoder().decode(OLD_KEY), config.previousKey().orElseThrow());
  }

  @Test
  void aKeyOfTheWrongLengthStopsStartUpSayingHowToMakeOneWithoutShowingIt() {
    String shortKey = base64(16, 3);

    String message = failure(Map.of(), Map.of("QUOTABOT_WATCH_ENCRYPTION_KEY", shortKey));

    assertEquals(
        "Invalid configuration: watch.encryption_key must be 32 random bytes in base64, e.g. the"
            + " output of `openssl rand -base64 32`; it is 16 bytes (from environment"
            + " QUOTABOT_WATCH_ENCRYPTION_KEY).",
        message);
  }

  @Test
  void aKeyThatIsNotBase64StopsStartUpWithoutShowingIt() {
    String message = failure(Map.of("watch.encryption_key", "not*base64!secret-value"), Map.of());

    assertTrue(message.endsWith("; it is not base64 (from f)."), message);
    assertFalse(message.contains("secret-value"), message);
  }

  @Test
  void aBadPreviousKeyIsNamedAndNotShown() {
    String bad = base64(31, 5);

    String message =
        failure(
            Map.of("watch.encryption_key", KEY, "watch.encryption_key_previous", bad), Map.of());

    assertTrue(message.startsWith("Invalid configuration: watch.encryption_key_previous must"));
    assertTrue(message.contains("it is 31 bytes"), message);
    assertFalse(message.contains(bad.substring(0, 8)), message);
  }

  @Test
  void aPreviousKeyEqualToTheCurrentOneStopsStartUp() {
    String message =
        failure(
            Map.of("watch.encryption_key", KEY, "watch.encryption_key_previous", KEY), Map.of());

    assertTrue(message.contains("is the same key as watch.encryption_key"), message);
    assertFalse(message.contains(KEY.substring(0, 8)), message);
  }

  @Test
  void aPreviousKeyWithoutACurrentOneStopsStartUp() {
    String message = failure(Map.of("watch.encryption_key_previous", OLD_KEY), Map.of());

    assertTrue(message.contains("watch.encryption_key is empty"), message);
  }

  @Test
  void theDefaultDatabaseIsAnSqliteFileBesideTheConfigFile() throws IOException {
    // GIVEN a config file in a folder of its own
    Path folder = Files.createDirectories(dir.resolve("etc"));
    Path file = folder.resolve("bot.properties");
    Files.writeString(file, "web.port=3001\n", StandardCharsets.UTF_8);

    // WHEN loaded
    AppConfig config = ConfigLoader.load(new String[] {"--config", file.toString()}, dir, Map.of());

    // THEN the database is quota-bot.db in that folder, without user or password
    DatabaseConfig database = config.watch().database();
    assertEquals("jdbc:sqlite:" + folder.toAbsolutePath().resolve("quota-bot.db"), database.url());
    assertFalse(database.isPostgres());
    assertEquals("", database.user());
    assertEquals("", database.password());
  }

  @Test
  void withoutAConfigFileTheDatabaseIsInTheWorkingDirectory() {
    AppConfig config = ConfigLoader.load(new String[0], dir, Map.of());

    assertEquals(
        "jdbc:sqlite:" + dir.toAbsolutePath().resolve("quota-bot.db"),
        config.watch().database().url());
  }

  @Test
  void aPostgresUrlIsUsedWithItsUserAndPassword() {
    DatabaseConfig database =
        ConfigLoader.fromMaps(
                Map.of(
                    "database.url", "jdbc:postgresql://127.0.0.1:5432/test",
                    "database.user", "bot"),
                "f",
                Map.of("QUOTABOT_DATABASE_PASSWORD", "pg-secret"))
            .watch()
            .database();

    assertTrue(database.isPostgres());
    assertEquals("jdbc:postgresql://127.0.0.1:5432/test", database.url());
    assertEquals("bot", database.user());
    assertEquals("pg-secret", database.password());
    assertFalse(database.toString().contains("pg-secret"), database.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"jdbc:mysql://db/x", "postgresql://db/x", "/var/lib/quota-bot.db", "sqlite:x.db"})
  void aDatabaseUrlThatIsNeitherSqliteNorPostgresStopsStartUp(String url) {
    String message = failure(Map.of("database.url", url), Map.of());

    assertEquals(
        "Invalid configuration: database.url must start with jdbc:sqlite: (a file) or"
            + " jdbc:postgresql: (a server), or be empty for quota-bot.db beside the config file,"
            + " got \""
            + url
            + "\" (from f).",
        message);
  }

  @Test
  void aRefusedDatabaseUrlDoesNotRepeatItsPassword() {
    String message =
        failure(Map.of("database.url", "jdbc:mysql://db/x?user=a&password=hunter2"), Map.of());

    assertFalse(message.contains("hunter2"), message);
  }

  @Test
  void readsEveryLimit() {
    WatchLimits limits =
        load(Map.of(
                "watch.max_per_user", "3",
                "watch.min_interval_minutes", "1",
                "watch.default_interval_minutes", "5",
                "watch.lifetime_days", "7",
                "watch.history_days", "14",
                "watch.max_in_flight", "2",
                "watch.provider_spacing_ms", "0",
                "watch.tick_ms", "100"))
            .limits();

    assertEquals(
        new WatchLimits(
            3,
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofDays(7),
            Duration.ofDays(14),
            2,
            Duration.ZERO,
            Duration.ofMillis(100)),
        limits);
  }

  @ParameterizedTest
  @CsvSource({
    "watch.max_per_user, 6, 1 to 5",
    "watch.max_per_user, 0, 1 to 5",
    "watch.min_interval_minutes, 0, 1 to 1440",
    "watch.default_interval_minutes, 10, 15 to 10080",
    "watch.lifetime_days, soon, 1 to 3650",
    "watch.history_days, -1, 1 to 3650",
    "watch.max_in_flight, 0, 1 to 64",
    "watch.provider_spacing_ms, 1.5, 0 to 600000",
    "watch.tick_ms, 0, 10 to 3600000"
  })
  void aNumberOutOfRangeStopsStartUpNamingTheKeyAndTheRange(
      String key, String value, String range) {
    String message = failure(Map.of(key, value), Map.of());

    assertEquals(
        "Invalid configuration: "
            + key
            + " must be a whole number from "
            + range
            + ", got \""
            + value
            + "\" (from f).",
        message);
  }

  @Test
  void theDefaultIntervalMayNotBeShorterThanTheMinimum() {
    String message =
        failure(
            Map.of("watch.min_interval_minutes", "30", "watch.default_interval_minutes", "20"),
            Map.of());

    assertTrue(message.contains("watch.default_interval_minutes must be a whole number from 30"));
  }

  @Test
  void theConfigurationsTextShowsNoKey() {
    AppConfig config =
        ConfigLoader.fromMaps(
            Map.of(
                "watch.encryption_key", KEY,
                "watch.encryption_key_previous", OLD_KEY,
                "database.password", "pg-secret"),
            "f",
            Map.of());

    String shown = config.toString();
    assertFalse(shown.contains(KEY.substring(0, 8)), shown);
    assertFalse(shown.contains(OLD_KEY.substring(0, 8)), shown);
    assertFalse(shown.contains("pg-secret"), shown);
  }
}
