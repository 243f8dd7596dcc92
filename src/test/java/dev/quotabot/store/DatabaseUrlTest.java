package dev.quotabot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DatabaseUrlTest {

  @Test
  void masksAPasswordParameter() {
    assertEquals(
        "jdbc:postgresql://db:5432/q?user=bot&password=(hidden)&ssl=true",
        DatabaseUrl.masked("jdbc:postgresql://db:5432/q?user=bot&password=s3cr3t&ssl=true"));
  }

  @Test
  void masksAPasswordInTheUserInfo() {
    assertEquals(
        "jdbc:postgresql://bot:(hidden)@db:5432/q",
        DatabaseUrl.masked("jdbc:postgresql://bot:s3cr3t@db:5432/q"));
  }

  @Test
  void leavesAUrlWithoutPasswordAlone() {
    assertEquals(
        "jdbc:sqlite:/var/lib/quota-bot/quota-bot.db",
        DatabaseUrl.masked("jdbc:sqlite:/var/lib/quota-bot/quota-bot.db"));
  }

  @Test
  void readsTheSqliteFileWithoutItsParameters() {
    assertEquals(
        Optional.of(Path.of("/data/q.db")),
        DatabaseUrl.sqliteFile("jdbc:sqlite:file:/data/q.db?journal_mode=WAL"));
  }

  @Test
  void anInMemorySqliteDatabaseHasNoFile() {
    assertEquals(Optional.empty(), DatabaseUrl.sqliteFile("jdbc:sqlite::memory:"));
  }
}
