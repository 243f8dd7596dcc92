package dev.quotabot.config;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.ModelList;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Looks keys up in order (environment {@code QUOTABOT_…}, conventional variable, file, default) and
 * converts them, failing with a message that names the key and where the bad value came from.
 */
final class ConfigValues {
  /** The shape of a Discord bot token: three base64url parts joined by dots. */
  private static final Pattern DISCORD_TOKEN_SHAPE =
      Pattern.compile("[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{16,}");

  /** A price: a positive decimal written plainly (no sign, exponent or grouping). */
  private static final Pattern PRICE = Pattern.compile("\\d{1,9}(?:\\.\\d{1,6})?");

  private static final int AES_KEY_BYTES = 32;
  private static final String DEFAULT_DATABASE_FILE = "quota-bot.db";

  private static final Pattern URL_USER_INFO = Pattern.compile("(//)[^/?#]*@");
  private static final Pattern URL_QUERY_OR_FRAGMENT = Pattern.compile("[?#].*$");

  private final Map<String, String> file;
  private final String fileName;
  private final Map<String, String> environment;

  ConfigValues(Map<String, String> file, String fileName, Map<String, String> environment) {
    this.file = file;
    this.fileName = fileName;
    this.environment = environment;
  }

  private record Found(String value, String origin) {}

  private Found find(ConfigKey key) {
    String fromEnvironment = environment.get(key.environmentName());
    if (fromEnvironment != null) {
      return new Found(fromEnvironment.strip(), "environment " + key.environmentName());
    }
    String conventional = key.conventionalEnvironmentName();
    if (conventional != null && environment.get(conventional) != null) {
      return new Found(environment.get(conventional).strip(), "environment " + conventional);
    }
    if (file.containsKey(key.key())) {
      return new Found(file.get(key.key()).strip(), fileName);
    }
    return new Found(key.defaultValue(), "default");
  }

  String string(ConfigKey key) {
    return find(key).value();
  }

  /** A whole number in the range, or empty when the value is empty (the feature is off). */
  OptionalInt optionalInteger(ConfigKey key, int min, int max) {
    return find(key).value().isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(integer(key, min, max));
  }

  /** One of {@code choices} (case-insensitive), as the choice is written. */
  String choice(ConfigKey key, List<String> choices) {
    Found found = find(key);
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(found.value())) {
        return choice;
      }
    }
    throw invalid(key, found, "must be one of " + String.join(", ", choices));
  }

  int integer(ConfigKey key, int min, int max) {
    Found found = find(key);
    try {
      int value = Integer.parseInt(found.value());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the range
    }
    throw invalid(key, found, "must be a whole number from " + min + " to " + max);
  }

  /**
   * Shard ids ({@link ShardIds}), each below {@code total}; empty when the value is empty. Ids need
   * a total: without one there is nothing to check them against.
   */
  List<Integer> shardIds(ConfigKey key, OptionalInt total) {
    Found found = find(key);
    if (found.value().isEmpty()) {
      return List.of();
    }
    List<Integer> ids;
    try {
      ids = ShardIds.parse(found.value());
    } catch (IllegalArgumentException malformed) {
      throw invalid(
          key, found, "must be shard ids such as 0-3, 0,2,5 or 0-1,4: " + malformed.getMessage());
    }
    if (total.isEmpty()) {
      throw invalid(
          key,
          found,
          "needs "
              + ConfigKey.DISCORD_SHARDS_TOTAL.key()
              + " (how many shards the bot has in all) to be set as well");
    }
    int last = ids.get(ids.size() - 1);
    if (last >= total.getAsInt()) {
      throw invalid(
          key,
          found,
          "must name shards below "
              + ConfigKey.DISCORD_SHARDS_TOTAL.key()
              + "="
              + total.getAsInt()
              + " (ids count from 0), but names shard "
              + last);
    }
    return ids;
  }

  /** A positive decimal such as {@code 0.5}, with at most 9 digits before the point and 6 after. */
  BigDecimal price(ConfigKey key) {
    Found found = find(key);
    if (PRICE.matcher(found.value()).matches()) {
      BigDecimal price = new BigDecimal(found.value());
      if (price.signum() > 0) {
        return price;
      }
    }
    throw invalid(
        key,
        found,
        "must be a positive decimal number such as 0.5 (at most 9 digits before the point and 6"
            + " after)");
  }

  boolean bool(ConfigKey key) {
    Found found = find(key);
    return switch (found.value().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0", "" -> false;
      default -> throw invalid(key, found, "must be true or false");
    };
  }

  List<String> list(ConfigKey key) {
    return Arrays.stream(find(key).value().split("[,，\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * A model list, split and checked as a query's {@code models} are, so a list no query could use
   * stops start-up instead of failing every query. The value is not repeated: an item may be a
   * pasted key.
   */
  List<String> models(ConfigKey key, int maxModels) {
    Found found = find(key);
    try {
      return ModelList.parse(List.of(found.value()), maxModels);
    } catch (InvalidQueryException unusable) {
      throw new ConfigException(
          "Invalid configuration: "
              + key.key()
              + " (from "
              + found.origin()
              + ") is not a usable model list: "
              + unusable.getMessage());
    }
  }

  URI url(ConfigKey key, Set<String> schemes) {
    Found found = find(key);
    try {
      URI uri = new URI(found.value());
      if (uri.getScheme() != null
          && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    throw invalid(
        key,
        found,
        "must be an absolute URL starting with "
            + String.join(" or ", schemes.stream().sorted().map(s -> s + "://").toList())
            + ", with a host and no user, query or fragment");
  }

  /** A Discord snowflake (digits) or empty. */
  String snowflake(ConfigKey key) {
    Found found = find(key);
    if (found.value().isEmpty() || found.value().matches("\\d{15,21}")) {
      return found.value();
    }
    throw invalid(key, found, "must be a Discord server id (15 to 21 digits) or empty");
  }

  /**
   * An AES-256 key in base64, or empty when unset. The value is never repeated, not even in part:
   * only its decoded length is.
   */
  Optional<byte[]> aesKey(ConfigKey key) {
    Found found = find(key);
    if (found.value().isEmpty()) {
      return Optional.empty();
    }
    String problem;
    try {
      byte[] decoded = Base64.getDecoder().decode(found.value());
      if (decoded.length == AES_KEY_BYTES) {
        return Optional.of(decoded);
      }
      problem = "it is " + decoded.length + " bytes";
      Arrays.fill(decoded, (byte) 0);
    } catch (IllegalArgumentException notBase64) {
      problem = "it is not base64";
    }
    throw new ConfigException(
        "Invalid configuration: "
            + key.key()
            + " must be "
            + AES_KEY_BYTES
            + " random bytes in base64, e.g. the output of `openssl rand -base64 32`; "
            + problem
            + " (from "
            + found.origin()
            + ").");
  }

  /**
   * The watch database's JDBC URL: SQLite or PostgreSQL; empty means {@code quota-bot.db} in {@code
   * folder}.
   */
  String databaseUrl(ConfigKey key, Path folder) {
    Found found = find(key);
    if (found.value().isEmpty()) {
      return "jdbc:sqlite:" + folder.toAbsolutePath().normalize().resolve(DEFAULT_DATABASE_FILE);
    }
    if (found.value().startsWith("jdbc:sqlite:") || found.value().startsWith("jdbc:postgresql:")) {
      return found.value();
    }
    throw invalid(
        key,
        found,
        "must start with jdbc:sqlite: (a file) or jdbc:postgresql: (a server), or be empty for "
            + DEFAULT_DATABASE_FILE
            + " beside the config file");
  }

  private ConfigException invalid(ConfigKey key, Found found, String rule) {
    String shown =
        looksSecret(key, found.value())
            ? "(hidden)"
            : "\"" + withoutCredentials(found.value()) + "\"";
    return new ConfigException(
        "Invalid configuration: "
            + key.key()
            + " "
            + rule
            + ", got "
            + shown
            + " (from "
            + found.origin()
            + ").");
  }

  /**
   * Whether a bad value must not be repeated: the value of a secret key, the configured Discord
   * token pasted under another key, or anything shaped like a Discord token.
   */
  private boolean looksSecret(ConfigKey key, String value) {
    if (key.secret() || DISCORD_TOKEN_SHAPE.matcher(value).matches()) {
      return true;
    }
    String token = find(ConfigKey.DISCORD_TOKEN).value();
    return !token.isEmpty() && value.contains(token);
  }

  /** A URL's user info, query and fragment can hold credentials: they are never repeated. */
  static String withoutCredentials(String value) {
    String shown = URL_USER_INFO.matcher(value).replaceAll("$1(hidden)@");
    return URL_QUERY_OR_FRAGMENT.matcher(shown).replaceAll("?(hidden)");
  }
}
