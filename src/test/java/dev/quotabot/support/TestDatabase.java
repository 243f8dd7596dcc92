package dev.quotabot.support;

import dev.quotabot.config.DatabaseConfig;
import dev.quotabot.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One fresh, empty database for one test: an SQLite file in its own temporary folder, or a
 * PostgreSQL schema of its own (the URL's {@code currentSchema}). {@link #close()} closes what the
 * test opened and removes the file or drops the schema. Made by {@link TestDatabases}.
 */
public final class TestDatabase implements AutoCloseable {
  private final String name;
  private final DatabaseConfig config;
  private final Runnable cleanUp;
  private final List<Database> opened = new ArrayList<>();

  TestDatabase(String name, DatabaseConfig config, Runnable cleanUp) {
    this.name = name;
    this.config = config;
    this.cleanUp = cleanUp;
  }

  /** {@code sqlite} or {@code postgresql}. */
  public String name() {
    return name;
  }

  public boolean isPostgres() {
    return config.isPostgres();
  }

  /** Where it is, as the product's configuration names it. */
  public DatabaseConfig config() {
    return config;
  }

  /** Opens (and migrates) it as the product does; closed with this. */
  public Database open() {
    Database database = Database.open(config);
    opened.add(database);
    return database;
  }

  /** Runs a {@code SELECT COUNT(*)…} on a connection of its own (not the product's pool). */
  public long count(String sql, Object... parameters) {
    try (Connection connection = connect();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException failed) {
      throw new IllegalStateException("cannot count with " + sql, failed);
    }
  }

  /** A plain JDBC connection to it, for a test that reads or writes around the product. */
  /** Runs one statement on a connection of its own (not the product's pool). */
  public void execute(String sql) {
    try (Connection connection = connect();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException failed) {
      throw new IllegalStateException("cannot run " + sql, failed);
    }
  }

  public Connection connect() throws SQLException {
    Properties login = new Properties();
    if (!config.user().isEmpty()) {
      login.setProperty("user", config.user());
    }
    if (!config.password().isEmpty()) {
      login.setProperty("password", config.password());
    }
    return DriverManager.getConnection(config.url(), login);
  }

  @Override
  public void close() {
    opened.forEach(Database::close);
    opened.clear();
    cleanUp.run();
  }

  @Override
  public String toString() {
    return name;
  }

  static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }
}
