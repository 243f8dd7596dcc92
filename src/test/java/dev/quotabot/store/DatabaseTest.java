package dev.quotabot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.config.DatabaseConfig;
import dev.quotabot.support.BothDatabases;
import dev.quotabot.support.Ports;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DatabaseTest {

  @BothDatabases
  void migratesAFreshDatabaseToTheSchema(TestDatabase fresh) {
    try (Database database = fresh.open()) {
      assertEquals(fresh.isPostgres(), database.isPostgres());
    }

    // V1 (watches) and V2 (leases, shared rate-limit buckets), on either database
    assertEquals(2, fresh.count("SELECT COUNT(*) FROM flyway_schema_history WHERE success"));
    assertEquals(0, fresh.count("SELECT COUNT(*) FROM watches WHERE leased_until IS NOT NULL"));
    assertEquals(0, fresh.count("SELECT COUNT(*) FROM rate_buckets"));
    assertEquals(0, fresh.count("SELECT COUNT(*) FROM readings"));
    assertEquals(0, fresh.count("SELECT COUNT(*) FROM kept_alerts"));
  }

  @BothDatabases
  void reopeningMigratesNothingAndKeepsTheData(TestDatabase fresh) throws SQLException {
    // GIVEN a migrated database with a row in it
    fresh.open().close();
    try (Connection connection = fresh.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO watches (owner_id, fingerprint, provider, models, thresholds, interval_s,"
                    + " midnight_reminder, locale, state, created_at, expires_at, next_check_at,"
                    + " alerted_level, failures, dm_failed, key_id, nonce, ciphertext) VALUES ('1',"
                    + " 'sk-…abcd', 'deepseek', '', '5', 3600, FALSE, 'en', 'active', 1, 2, 3, -1, 0,"
                    + " FALSE, 'k1', ?, ?)")) {
      insert.setBytes(1, new byte[] {0});
      insert.setBytes(2, new byte[] {1});
      insert.executeUpdate();
    }

    // WHEN it is opened again
    try (Database again = fresh.open()) {
      assertTrue(again.dataSource() != null);
    }

    // THEN no migration ran again and the row is still there
    assertEquals(2, fresh.count("SELECT COUNT(*) FROM flyway_schema_history"));
    assertEquals(1, fresh.count("SELECT COUNT(*) FROM watches"));
  }

  @Test
  void createsTheSqliteFilesFolders(@TempDir Path folder) {
    Path file = folder.resolve("data/watches/quota-bot.db");

    try (Database database = Database.open(new DatabaseConfig("jdbc:sqlite:" + file, "", ""))) {
      assertFalse(database.isPostgres());
    }

    assertTrue(Files.isRegularFile(file));
  }

  @Test
  void anSqliteFileThatCannotBeMadeIsOneClearSentence(@TempDir Path folder) throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");
    String url = "jdbc:sqlite:" + notAFolder.resolve("quota-bot.db");

    StoreException refused =
        assertThrows(StoreException.class, () -> Database.open(new DatabaseConfig(url, "", "")));

    assertEquals(
        "Cannot open the watch database at "
            + url
            + ": cannot create the folder "
            + notAFolder
            + ". Check database.url.",
        refused.getMessage());
    assertEquals(0, refused.getStackTrace().length);
  }

  @Test
  void anUnreachablePostgresIsOneSentenceWithoutThePassword() {
    int port = Ports.unused();
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/x?user=postgres&password=hunter2-in-url";

    StoreException refused =
        assertThrows(
            StoreException.class,
            () -> Database.open(new DatabaseConfig(url, "postgres", "hunter2-configured")));

    assertEquals(
        "Cannot open the watch database at jdbc:postgresql://127.0.0.1:"
            + port
            + "/x?user=postgres&password=(hidden): connection refused. Check database.url.",
        refused.getMessage());
    assertFalse(refused.toString().contains("hunter2"));
  }

  @Test
  void aMissingPostgresDatabaseIsNamedAsSuch() {
    TestDatabases.requirePostgres();
    String url = TestDatabases.baseUrl().replaceFirst("/test(\\?|$)", "/quotabot_no_such_db$1");

    StoreException refused =
        assertThrows(StoreException.class, () -> Database.open(new DatabaseConfig(url, "", "")));

    assertEquals(
        "Cannot open the watch database at "
            + url
            + ": the database does not exist. Check database.url.",
        refused.getMessage());
  }
}
