package dev.quotabot.support;

import dev.quotabot.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Fresh test databases: {@link #sqlite()} and {@link #postgres()} for a test that wants one, and
 * the extension behind {@link BothDatabases}.
 *
 * <p>PostgreSQL is the server at {@value #URL_VARIABLE} (default {@value #DEFAULT_URL}: the
 * development and CI machines' server, trust authentication, database {@code test}). Each test gets
 * a schema of its own, dropped after it. Without a server the PostgreSQL half is skipped with a
 * loud message, except when {@code CI=true}: then it fails.
 */
public final class TestDatabases implements TestTemplateInvocationContextProvider {
  public static final String URL_VARIABLE = "QUOTABOT_TEST_POSTGRES_URL";
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  /** Whether the server answered, asked once per test run. */
  private static volatile Optional<String> postgresProblem;

  /** A fresh SQLite file in a temporary folder of its own. */
  public static TestDatabase sqlite() {
    try {
      Path folder = Files.createTempDirectory("quota-bot-db-");
      String url = "jdbc:sqlite:" + folder.resolve("watches.db");
      return new TestDatabase(
          "sqlite", new DatabaseConfig(url, "", ""), () -> TestDatabase.deleteTree(folder));
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  /**
   * A fresh schema on the test server; skips the test (fails it when {@code CI=true}) when the
   * server does not answer.
   */
  public static TestDatabase postgres() {
    requirePostgres();
    String schema =
        "quotabot_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    String base = baseUrl();
    run(base, "CREATE SCHEMA " + schema);
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new TestDatabase(
        "postgresql",
        new DatabaseConfig(url, "", ""),
        () -> run(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /** The test server's URL: {@value #URL_VARIABLE}, else {@value #DEFAULT_URL}. */
  public static String baseUrl() {
    String configured = System.getenv(URL_VARIABLE);
    return configured == null || configured.isBlank() ? DEFAULT_URL : configured.strip();
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return true;
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    return Stream.of(new OnDatabase("sqlite"), new OnDatabase("postgresql"));
  }

  /** Skips the calling test (fails it when {@code CI=true}) unless the test server answers. */
  public static void requirePostgres() {
    Optional<String> problem = postgresProblem;
    if (problem == null) {
      problem = probe();
      postgresProblem = problem;
    }
    if (problem.isEmpty()) {
      return;
    }
    String message =
        "PostgreSQL at "
            + baseUrl()
            + " does not answer ("
            + problem.get()
            + "): the PostgreSQL half of the database tests cannot run. Start the server or set "
            + URL_VARIABLE
            + ".";
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message + " CI=true: this is a failure.");
    }
    System.err.println("!!!!!!!! SKIPPED: " + message);
    Assumptions.abort(message);
  }

  private static Optional<String> probe() {
    Properties quick = new Properties();
    quick.setProperty("connectTimeout", "3");
    quick.setProperty("loginTimeout", "5");
    try (Connection connection = DriverManager.getConnection(baseUrl(), quick)) {
      return Optional.empty();
    } catch (SQLException failed) {
      return Optional.of(String.valueOf(failed.getMessage()).lines().findFirst().orElse(""));
    }
  }

  private static void run(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException failed) {
      throw new IllegalStateException("cannot run " + sql + " on the test server", failed);
    }
  }

  /** One run of a {@link BothDatabases} test, on one kind of database. */
  private static final class OnDatabase
      implements TestTemplateInvocationContext,
          BeforeEachCallback,
          AfterEachCallback,
          ParameterResolver {
    private final String kind;
    private TestDatabase database;

    OnDatabase(String kind) {
      this.kind = kind;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return kind;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(this);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      database = kind.equals("sqlite") ? sqlite() : postgres();
    }

    @Override
    public void afterEach(ExtensionContext context) {
      if (database != null) {
        database.close();
        database = null;
      }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return database;
    }
  }
}
