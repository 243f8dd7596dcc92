package dev.quotabot.store;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchSettings;
import dev.quotabot.quota.watch.WatchState;
import dev.quotabot.quota.watch.WatchStore;
import dev.quotabot.quota.watch.vault.SealedSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watches in SQL, the same statements for SQLite and PostgreSQL. Each method is one
 * transaction; every change a user makes names the owner in its WHERE clause; deletes are hard and
 * cascade to the watch's readings and kept alerts.
 */
public final class JdbcWatchStore implements WatchStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcWatchStore.class);
  private static final String WATCH_COLUMNS =
      "id, owner_id, fingerprint, provider, models, thresholds, interval_s, midnight_reminder,"
          + " locale, state, created_at, expires_at, next_check_at, last_check_at, last_at,"
          + " last_available, last_total, last_unit, last_status, alerted_level, failures,"
          + " dm_failed, reminded_on";
  private static final String ALERT_COLUMNS =
      "id, watch_id, owner_id, kind, fingerprint, provider, locale, level, reading_at,"
          + " reading_available, reading_total, reading_unit, expires_at, at";

  private final DataSource dataSource;

  public JdbcWatchStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Watch create(
      String ownerId,
      String fingerprint,
      WatchSettings settings,
      SealedSecret secret,
      Instant createdAt,
      Instant expiresAt,
      Instant nextCheckAt) {
    long id =
        inTransaction(
            "store a watch",
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO watches (owner_id, fingerprint, provider, models, thresholds,"
                          + " interval_s, midnight_reminder, locale, state, created_at, expires_at,"
                          + " next_check_at, alerted_level, failures, dm_failed, key_id, nonce,"
                          + " ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, -1, 0, ?, ?,"
                          + " ?, ?)",
                      new String[] {"id"})) {
                insert.setString(1, ownerId);
                insert.setString(2, fingerprint);
                insert.setString(3, settings.provider());
                insert.setString(4, Columns.models(settings.models()));
                insert.setString(5, Columns.thresholds(settings.thresholds()));
                insert.setLong(6, settings.interval().toSeconds());
                insert.setBoolean(7, settings.midnightReminder());
                insert.setString(8, settings.locale());
                insert.setString(9, WatchState.ACTIVE.wireName());
                Columns.setInstant(insert, 10, createdAt);
                Columns.setInstant(insert, 11, expiresAt);
                Columns.setInstant(insert, 12, nextCheckAt);
                insert.setBoolean(13, false);
                insert.setString(14, secret.keyId());
                insert.setBytes(15, secret.nonce());
                insert.setBytes(16, secret.ciphertext());
                insert.executeUpdate();
                return generatedId(insert);
              }
            });
    return new Watch(
        id,
        ownerId,
        fingerprint,
        settings,
        WatchState.ACTIVE,
        millis(createdAt),
        millis(expiresAt),
        millis(nextCheckAt),
        null,
        null,
        null,
        -1,
        0,
        false,
        null);
  }

  @Override
  public Optional<Watch> find(long id) {
    return inTransaction(
        "read a watch",
        connection ->
            watches(connection, "SELECT " + WATCH_COLUMNS + " FROM watches WHERE id = ?", id)
                .stream()
                .findFirst());
  }

  @Override
  public List<Watch> ofOwner(String ownerId) {
    return inTransaction(
        "list watches",
        connection ->
            watches(
                connection,
                "SELECT " + WATCH_COLUMNS + " FROM watches WHERE owner_id = ? ORDER BY id",
                ownerId));
  }

  @Override
  public int countOfOwner(String ownerId) {
    return inTransaction(
        "count watches",
        connection -> {
          try (PreparedStatement count =
              connection.prepareStatement("SELECT COUNT(*) FROM watches WHERE owner_id = ?")) {
            count.setString(1, ownerId);
            try (ResultSet row = count.executeQuery()) {
              row.next();
              return row.getInt(1);
            }
          }
        });
  }

  @Override
  public Optional<SealedSecret> secret(long id) {
    return inTransaction(
        "read a sealed key",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT key_id, nonce, ciphertext FROM watches WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new SealedSecret(
                      row.getString("key_id"), row.getBytes("nonce"), row.getBytes("ciphertext")));
            }
          }
        });
  }

  @Override
  public boolean reseal(long id, SealedSecret secret) {
    return inTransaction(
        "seal a key again",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE watches SET key_id = ?, nonce = ?, ciphertext = ? WHERE id = ?")) {
            update.setString(1, secret.keyId());
            update.setBytes(2, secret.nonce());
            update.setBytes(3, secret.ciphertext());
            update.setLong(4, id);
            return update.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<Watch> due(Instant now, int limit) {
    return inTransaction(
        "find due watches",
        connection ->
            watches(
                connection,
                "SELECT "
                    + WATCH_COLUMNS
                    + " FROM watches WHERE state = ? AND next_check_at <= ? AND expires_at > ?"
                    + " ORDER BY next_check_at, id LIMIT ?",
                WatchState.ACTIVE.wireName(),
                now.toEpochMilli(),
                now.toEpochMilli(),
                limit));
  }

  @Override
  public List<Watch> claimDue(Instant now, int limit, String replica, Instant leaseUntil) {
    return inTransaction(
        "claim due watches",
        connection -> {
          // PostgreSQL: rows another replica is claiming right now are skipped, not waited for;
          // SQLite has one writer, so the same claim needs no lock clause
          boolean postgres =
              connection
                  .getMetaData()
                  .getDatabaseProductName()
                  .toLowerCase(Locale.ROOT)
                  .contains("postgres");
          List<Watch> due =
              watches(
                  connection,
                  "SELECT "
                      + WATCH_COLUMNS
                      + " FROM watches WHERE state = ? AND next_check_at <= ? AND expires_at > ?"
                      + " AND (leased_until IS NULL OR leased_until <= ?)"
                      + " ORDER BY next_check_at, id LIMIT ?"
                      + (postgres ? " FOR UPDATE SKIP LOCKED" : ""),
                  WatchState.ACTIVE.wireName(),
                  now.toEpochMilli(),
                  now.toEpochMilli(),
                  now.toEpochMilli(),
                  limit);
          try (PreparedStatement lease =
              connection.prepareStatement(
                  "UPDATE watches SET leased_until = ?, leased_by = ? WHERE id = ?")) {
            for (Watch watch : due) {
              lease.setLong(1, leaseUntil.toEpochMilli());
              lease.setString(2, replica);
              lease.setLong(3, watch.id());
              lease.addBatch();
            }
            if (!due.isEmpty()) {
              lease.executeBatch();
            }
          }
          return due;
        });
  }

  @Override
  public void holdLease(long id, String replica, Instant until) {
    update(
        "hold a watch lease",
        "UPDATE watches SET leased_until = ? WHERE id = ? AND leased_by = ?",
        until.toEpochMilli(),
        id,
        replica);
  }

  @Override
  public void releaseLeases(Collection<Long> ids, String replica) {
    if (ids.isEmpty()) {
      return;
    }
    inTransaction(
        "release watch leases",
        connection -> {
          try (PreparedStatement release =
              connection.prepareStatement(
                  "UPDATE watches SET leased_until = NULL, leased_by = NULL"
                      + " WHERE id = ? AND leased_by = ?")) {
            for (long id : ids) {
              release.setLong(1, id);
              release.setString(2, replica);
              release.addBatch();
            }
            release.executeBatch();
          }
          return null;
        });
  }

  @Override
  public void saveCheck(Watch watch, Optional<Reading> reading) {
    inTransaction(
        "save a check",
        connection -> {
          int updated;
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE watches SET state = ?, last_check_at = ?, next_check_at = ?, last_at = ?,"
                      + " last_available = ?, last_total = ?, last_unit = ?, last_status = ?,"
                      + " alerted_level = ?, failures = ?, dm_failed = ?, reminded_on = ?,"
                      // the check is saved: its lease (if any) ends
                      + " leased_until = NULL, leased_by = NULL"
                      + " WHERE id = ? AND owner_id = ?")) {
            update.setString(1, watch.state().wireName());
            Columns.setInstant(update, 2, watch.lastCheckAt());
            Columns.setInstant(update, 3, watch.nextCheckAt());
            Columns.setReading(update, 4, watch.lastReading());
            update.setString(8, watch.lastStatus());
            update.setInt(9, watch.alertedLevel());
            update.setInt(10, watch.failures());
            update.setBoolean(11, watch.dmFailed());
            update.setString(12, watch.remindedOn());
            update.setLong(13, watch.id());
            update.setString(14, watch.ownerId());
            updated = update.executeUpdate();
          }
          // a watch removed while it was being checked stays removed, history and all
          if (updated == 1 && reading.isPresent()) {
            try (PreparedStatement append =
                connection.prepareStatement(
                    "INSERT INTO readings (watch_id, at, available, total, unit)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
              append.setLong(1, watch.id());
              Columns.setReading(append, 2, reading.get());
              append.executeUpdate();
            }
          }
          return updated;
        });
  }

  @Override
  public boolean setState(long id, String ownerId, WatchState state, Instant nextCheckAt) {
    return update(
        "change a watch's state",
        "UPDATE watches SET state = ?, next_check_at = ? WHERE id = ? AND owner_id = ?",
        state.wireName(),
        nextCheckAt.toEpochMilli(),
        id,
        ownerId);
  }

  @Override
  public boolean renew(long id, String ownerId, Instant expiresAt) {
    return update(
        "renew a watch",
        "UPDATE watches SET expires_at = ? WHERE id = ? AND owner_id = ?",
        expiresAt.toEpochMilli(),
        id,
        ownerId);
  }

  @Override
  public boolean delete(long id, String ownerId) {
    // its readings and kept alerts go with it (ON DELETE CASCADE)
    boolean removed =
        update("remove a watch", "DELETE FROM watches WHERE id = ? AND owner_id = ?", id, ownerId);
    scrub();
    return removed;
  }

  @Override
  public int deleteOwner(String ownerId) {
    int removed =
        inTransaction(
            "remove a user's watches",
            connection -> {
              execute(connection, "DELETE FROM kept_alerts WHERE owner_id = ?", ownerId);
              return execute(connection, "DELETE FROM watches WHERE owner_id = ?", ownerId);
            });
    scrub();
    return removed;
  }

  /**
   * After a hard delete on SQLite: the write-ahead log still holds the rows as they were written; a
   * truncating checkpoint copies the zeroed pages ({@code secure_delete}) into the file and empties
   * the log, so the removed ciphertext is gone from disk too. PostgreSQL's own files are the
   * server's to vacuum.
   */
  private void scrub() {
    try (Connection connection = dataSource.getConnection()) {
      if ("SQLite".equals(connection.getMetaData().getDatabaseProductName())) {
        try (Statement checkpoint = connection.createStatement()) {
          checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
      }
    } catch (SQLException failed) {
      // the rows are gone and the user is told so; SQLite's own next checkpoint finishes this
      LOG.warn(
          "The watch database could not clear its log after a removal: {}",
          firstLine(failed.getMessage()));
    }
  }

  @Override
  public List<Reading> history(long id, Instant since, int limit) {
    return inTransaction(
        "read a watch's history",
        connection -> {
          List<Reading> newestFirst = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT at, available, total, unit FROM readings WHERE watch_id = ? AND at >= ?"
                      + " ORDER BY at DESC LIMIT ?")) {
            select.setLong(1, id);
            select.setLong(2, since.toEpochMilli());
            select.setInt(3, limit);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                newestFirst.add(Columns.reading(row, ""));
              }
            }
          }
          Collections.reverse(newestFirst);
          return List.copyOf(newestFirst);
        });
  }

  @Override
  public Alert keep(Alert alert) {
    long id =
        inTransaction(
            "keep an alert",
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO kept_alerts (watch_id, owner_id, kind, fingerprint, provider,"
                          + " locale, level, reading_at, reading_available, reading_total,"
                          + " reading_unit, expires_at, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                          + " ?, ?, ?)",
                      new String[] {"id"})) {
                Threshold level = alert.level();
                insert.setLong(1, alert.watchId());
                insert.setString(2, alert.ownerId());
                insert.setString(3, alert.kind().name().toLowerCase(Locale.ROOT));
                insert.setString(4, alert.fingerprint());
                insert.setString(5, alert.provider());
                insert.setString(6, alert.locale());
                insert.setString(7, level == null ? null : Columns.level(level));
                Columns.setReading(insert, 8, alert.reading());
                Columns.setInstant(insert, 12, alert.expiresAt());
                Columns.setInstant(insert, 13, alert.at());
                insert.executeUpdate();
                return generatedId(insert);
              }
            });
    return alert.withId(id);
  }

  @Override
  public List<Alert> takeKept(String ownerId) {
    return inTransaction(
        "take kept alerts",
        connection -> {
          List<Alert> kept = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + ALERT_COLUMNS + " FROM kept_alerts WHERE owner_id = ? ORDER BY id")) {
            select.setString(1, ownerId);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                kept.add(alert(row));
              }
            }
          }
          List<Alert> taken = new ArrayList<>();
          for (Alert alert : kept) {
            // only what this transaction deleted is returned: two takers never both deliver one
            if (execute(connection, "DELETE FROM kept_alerts WHERE id = ?", alert.id()) == 1) {
              taken.add(alert);
            }
          }
          return List.copyOf(taken);
        });
  }

  @Override
  public Purged purge(Instant now, Instant historyBefore) {
    Purged purged =
        inTransaction(
            "purge old data",
            connection -> {
              int watches =
                  execute(
                      connection, "DELETE FROM watches WHERE expires_at <= ?", now.toEpochMilli());
              int readings =
                  execute(
                      connection,
                      "DELETE FROM readings WHERE at < ?",
                      historyBefore.toEpochMilli());
              return new Purged(watches, readings);
            });
    if (purged.watches() > 0 || purged.readings() > 0) {
      scrub();
    }
    return purged;
  }

  private static List<Watch> watches(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      bind(select, parameters);
      List<Watch> found = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          found.add(watch(row));
        }
      }
      return List.copyOf(found);
    }
  }

  private static Watch watch(ResultSet row) throws SQLException {
    WatchSettings settings =
        new WatchSettings(
            row.getString("provider"),
            Columns.models(row.getString("models")),
            Columns.thresholds(row.getString("thresholds")),
            Duration.ofSeconds(row.getLong("interval_s")),
            row.getBoolean("midnight_reminder"),
            row.getString("locale"));
    return new Watch(
        row.getLong("id"),
        row.getString("owner_id"),
        row.getString("fingerprint"),
        settings,
        WatchState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)),
        Columns.requiredInstant(row, "created_at"),
        Columns.requiredInstant(row, "expires_at"),
        Columns.requiredInstant(row, "next_check_at"),
        Columns.instant(row, "last_check_at"),
        Columns.reading(row, "last_"),
        row.getString("last_status"),
        row.getInt("alerted_level"),
        row.getInt("failures"),
        row.getBoolean("dm_failed"),
        row.getString("reminded_on"));
  }

  private static Alert alert(ResultSet row) throws SQLException {
    String level = row.getString("level");
    return new Alert(
        row.getLong("id"),
        row.getLong("watch_id"),
        row.getString("owner_id"),
        Alert.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
        row.getString("fingerprint"),
        row.getString("provider"),
        row.getString("locale"),
        level == null ? null : Columns.level(level),
        Columns.reading(row, "reading_"),
        Columns.instant(row, "expires_at"),
        Columns.requiredInstant(row, "at"));
  }

  private boolean update(String what, String sql, Object... parameters) {
    return inTransaction(what, connection -> execute(connection, sql, parameters)) > 0;
  }

  private static int execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static long generatedId(PreparedStatement insert) throws SQLException {
    try (ResultSet keys = insert.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database assigned no id");
      }
      return keys.getLong(1);
    }
  }

  /** What is stored: times to the millisecond, so what create returns equals what find reads. */
  private static Instant millis(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }

  private <T> T inTransaction(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException failed) {
        connection.rollback();
        throw failed;
      }
    } catch (SQLException failed) {
      throw new StoreException(
          "The watch database could not " + what + ": " + firstLine(failed.getMessage()), failed);
    }
  }

  private static String firstLine(@Nullable String message) {
    return message == null ? "unknown error" : message.strip().lines().findFirst().orElse("");
  }

  /** One transaction's statements. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
