package dev.quotabot.config;

/**
 * The database watches live in: an SQLite file by default, PostgreSQL when {@code database.url}
 * points at one.
 *
 * @param url a JDBC URL ({@code jdbc:sqlite:/path/quota-bot.db} or {@code
 *     jdbc:postgresql://host:5432/db})
 * @param user the user for a server database; empty for none (SQLite, or a user in the URL)
 * @param password its password (a secret: never shown); empty for none
 */
public record DatabaseConfig(String url, String user, String password) {

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url="
        + url.replaceAll("(?i)password=[^&;]*", "password=(set)")
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "(none)" : "(set)")
        + "]";
  }
}
