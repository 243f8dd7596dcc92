package dev.quotabot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quotabot.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The open database (watches, and on PostgreSQL the replicas' shared limits): a HikariCP pool over
 * an SQLite file or a PostgreSQL server, migrated by Flyway to the current schema when it opens.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** SQLite has one writer: one connection means a busy database is never an error here. */
  private static final int SQLITE_POOL = 1;

  private static final int POSTGRES_POOL = 4;
  private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

  private final HikariDataSource pool;
  private final boolean postgres;
  private final String maskedUrl;

  private Database(HikariDataSource pool, boolean postgres, String maskedUrl) {
    this.pool = pool;
    this.postgres = postgres;
    this.maskedUrl = maskedUrl;
  }

  /**
   * Connects, then migrates the schema to the newest version.
   *
   * @throws StoreException one sentence naming the URL (without its password) and what to check
   */
  public static Database open(DatabaseConfig config) {
    String maskedUrl = DatabaseUrl.masked(config.url());
    DataSource driver = config.isPostgres() ? postgres(config) : sqlite(config, maskedUrl);
    // one plain connection first: a refused or unknown server becomes our sentence, not a pool's
    // stack trace in the log
    probe(driver, config, maskedUrl);
    HikariDataSource pool = new HikariDataSource(poolConfig(driver, config.isPostgres()));
    MigrateResult migrated;
    try {
      migrated = migrate(pool, config.isPostgres());
    } catch (FlywayException failed) {
      pool.close();
      throw new StoreException(
          "Cannot migrate the watch database at "
              + maskedUrl
              + ": "
              + OpenFailure.firstLine(failed.getMessage(), config)
              + ". Check database.url.");
    } catch (RuntimeException failed) {
      pool.close();
      throw OpenFailure.of(failed, config, maskedUrl);
    }
    // one line instead of Flyway's and Hikari's own (both set to WARN in logback.xml)
    LOG.info(
        "Database open at {}: schema version {}, {} migration(s) applied now",
        maskedUrl,
        migrated.targetSchemaVersion == null
            ? migrated.initialSchemaVersion
            : migrated.targetSchemaVersion,
        migrated.migrationsExecuted);
    return new Database(pool, config.isPostgres(), maskedUrl);
  }

  public DataSource dataSource() {
    return pool;
  }

  public boolean isPostgres() {
    return postgres;
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + maskedUrl + "]";
  }

  static PGSimpleDataSource postgres(DatabaseConfig config) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(config.url());
    if (!config.user().isEmpty()) {
      source.setUser(config.user());
    }
    if (!config.password().isEmpty()) {
      source.setPassword(config.password());
    }
    return source;
  }

  private static DataSource sqlite(DatabaseConfig config, String maskedUrl) {
    Optional<Path> file = DatabaseUrl.sqliteFile(config.url());
    if (file.isPresent() && file.get().toAbsolutePath().getParent() != null) {
      Path folder = file.get().toAbsolutePath().getParent();
      try {
        Files.createDirectories(folder);
      } catch (IOException cannot) {
        throw new StoreException(
            "Cannot open the watch database at "
                + maskedUrl
                + ": cannot create the folder "
                + folder
                + ". Check database.url.");
      }
    }
    SQLiteConfig pragmas = new SQLiteConfig();
    // ON DELETE CASCADE is how a removed watch takes its history and kept alerts with it
    pragmas.enforceForeignKeys(true);
    pragmas.setJournalMode(SQLiteConfig.JournalMode.WAL);
    pragmas.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    pragmas.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    // a deleted row's bytes are overwritten with zeros, not left in the file's free pages
    pragmas.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    SQLiteDataSource source = new SQLiteDataSource(pragmas);
    source.setUrl(config.url());
    return source;
  }

  private static void probe(DataSource driver, DatabaseConfig config, String maskedUrl) {
    try (Connection connection = driver.getConnection()) {
      connection.isValid(5);
    } catch (SQLException | RuntimeException failed) {
      throw OpenFailure.of(failed, config, maskedUrl);
    }
  }

  private static HikariConfig poolConfig(DataSource driver, boolean postgres) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("watch-db");
    pool.setDataSource(driver);
    pool.setMaximumPoolSize(postgres ? POSTGRES_POOL : SQLITE_POOL);
    pool.setMinimumIdle(1);
    return pool;
  }

  private static MigrateResult migrate(DataSource pool, boolean postgres) {
    return Flyway.configure(Database.class.getClassLoader())
        .dataSource(pool)
        .locations("classpath:db/migration")
        .placeholders(postgres ? Dialect.POSTGRES : Dialect.SQLITE)
        .load()
        .migrate();
  }

  /**
   * The two column types SQL does not spell the same way in both databases, filled into the one
   * schema as Flyway placeholders: an identity column (SQLite's rowid alias needs exactly {@code
   * INTEGER PRIMARY KEY}; PostgreSQL has no rowid) and bytes.
   */
  private static final class Dialect {
    static final Map<String, String> SQLITE =
        Map.of("identity", "INTEGER PRIMARY KEY AUTOINCREMENT", "bytes", "BLOB");
    static final Map<String, String> POSTGRES =
        Map.of("identity", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "bytes", "BYTEA");

    private Dialect() {}
  }
}
