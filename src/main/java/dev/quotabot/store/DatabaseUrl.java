package dev.quotabot.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the store reads from a JDBC URL: a form safe to show, and an SQLite file's path. */
final class DatabaseUrl {
  private static final String SQLITE = "jdbc:sqlite:";
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*):[^/@]*@");

  private DatabaseUrl() {}

  /** The URL with any password in it replaced, so it can go in a message or a log line. */
  static String masked(String url) {
    String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1(hidden)");
    return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1:(hidden)@");
  }

  /** The file an SQLite URL names; empty for an in-memory database or another database. */
  static Optional<Path> sqliteFile(String url) {
    if (!url.startsWith(SQLITE)) {
      return Optional.empty();
    }
    String name = url.substring(SQLITE.length());
    int query = name.indexOf('?');
    if (query >= 0) {
      name = name.substring(0, query);
    }
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
    }
    if (name.isEmpty() || name.startsWith(":memory:") || name.startsWith(":resource:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(name));
  }
}
