package dev.quotabot.config;

import dev.quotabot.quota.Urls;
import dev.quotabot.quota.custom.CustomAuth;
import dev.quotabot.quota.custom.CustomProviderSpec;
import dev.quotabot.quota.custom.JsonPointer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The operator-defined providers: {@code provider.custom.<id>.<field>} in the file, {@code
 * QUOTABOT_PROVIDER_CUSTOM_<ID>_<FIELD>} in the environment (which wins, as for every key). The id
 * is lower-case letters and digits, so the environment form has one reading. Required: {@code
 * name}, {@code base_url}, {@code unit}, {@code available}; optional: {@code path} (default: the
 * base_url itself), {@code auth} (default {@code bearer}), {@code total}, {@code used}, {@code
 * error}. An empty value counts as not set. Any mistake is one {@link ConfigException} naming the
 * key; values that may hold a credential (auth, pointers) are not repeated.
 */
final class CustomProviderKeys {
  static final String PREFIX = "provider.custom.";
  private static final String ENV_PREFIX = "QUOTABOT_PROVIDER_CUSTOM_";

  /** The keys of one provider, in the order the documentation lists them. */
  static final List<String> FIELDS =
      List.of("name", "base_url", "path", "auth", "unit", "available", "total", "used", "error");

  private static final List<String> REQUIRED = List.of("name", "base_url", "unit", "available");
  private static final Pattern ID = Pattern.compile("[a-z0-9]{1,32}");
  private static final Pattern ENV_KEY = Pattern.compile("([A-Z0-9]{1,32})_([A-Z_]+)");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final Pattern PATH = Pattern.compile("/[^\\s#]*");
  private static final int MAX_NAME_LENGTH = 60;
  private static final int MAX_UNIT_LENGTH = 20;

  private final String fileName;

  /** Each provider's values by id, then by field; ids in order. */
  private final Map<String, Map<String, Found>> providers = new TreeMap<>();

  private record Found(String value, String origin) {}

  private CustomProviderKeys(String fileName) {
    this.fileName = fileName;
  }

  /**
   * Every custom provider configured, ordered by id.
   *
   * @param builtIn the ids of the built-in providers, which a custom one may not take
   */
  static List<CustomProviderSpec> read(
      Map<String, String> file, String fileName, Map<String, String> env, Set<String> builtIn) {
    CustomProviderKeys keys = new CustomProviderKeys(fileName);
    new TreeMap<>(file).forEach(keys::fromFile);
    new TreeMap<>(env).forEach(keys::fromEnvironment);
    List<CustomProviderSpec> specs = new ArrayList<>();
    keys.providers.forEach((id, values) -> specs.add(keys.spec(id, values, builtIn)));
    return specs;
  }

  /** Whether a file key belongs to the custom providers (and so is not an unknown key). */
  static boolean isCustomKey(String key) {
    return key.startsWith(PREFIX);
  }

  private void fromFile(String key, String value) {
    if (!isCustomKey(key)) {
      return;
    }
    String rest = key.substring(PREFIX.length());
    int dot = rest.indexOf('.');
    if (dot < 0) {
      throw new ConfigException(
          "Invalid configuration: "
              + shown(key)
              + " (in "
              + fileName
              + ") is not a custom provider key: write provider.custom.<id>.<key>, <key> one of "
              + String.join(", ", FIELDS)
              + ".");
    }
    String id = rest.substring(0, dot);
    String field = rest.substring(dot + 1);
    if (!ID.matcher(id).matches()) {
      throw new ConfigException(
          "Invalid configuration: "
              + shown(key)
              + " (in "
              + fileName
              + "): a custom provider's id must be 1 to 32 lower-case letters and digits.");
    }
    put(id, field, key, value, fileName);
  }

  private void fromEnvironment(String variable, String value) {
    if (!variable.startsWith(ENV_PREFIX)) {
      return;
    }
    Matcher matcher = ENV_KEY.matcher(variable.substring(ENV_PREFIX.length()));
    if (!matcher.matches()) {
      throw new ConfigException(
          "Invalid configuration: environment "
              + shown(variable)
              + " is not a custom provider key: write "
              + ENV_PREFIX
              + "<ID>_<KEY>, <ID> 1 to 32 capital letters and digits, <KEY> one of "
              + String.join(", ", FIELDS.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList())
              + ".");
    }
    String id = matcher.group(1).toLowerCase(Locale.ROOT);
    String field = matcher.group(2).toLowerCase(Locale.ROOT);
    put(id, field, variable, value, "environment " + variable);
  }

  private void put(String id, String field, String written, String value, String origin) {
    if (!FIELDS.contains(field)) {
      throw new ConfigException(
          "Invalid configuration: unknown key "
              + shown(written)
              + " (from "
              + origin
              + "): a custom provider's keys are "
              + String.join(", ", FIELDS)
              + ".");
    }
    String stripped = value.strip();
    Map<String, Found> values = providers.computeIfAbsent(id, none -> new TreeMap<>());
    if (!stripped.isEmpty()) {
      values.put(field, new Found(stripped, origin));
    } else if (origin.startsWith("environment")) {
      // an empty variable unsets the file's value, as it would for any key
      values.remove(field);
    }
  }

  private CustomProviderSpec spec(String id, Map<String, Found> values, Set<String> builtIn) {
    if (builtIn.contains(id)) {
      throw new ConfigException(
          "Invalid configuration: "
              + key(id, "name")
              + ": the id "
              + id
              + " is a built-in provider's; give the custom provider another id.");
    }
    for (String field : REQUIRED) {
      if (!values.containsKey(field)) {
        throw new ConfigException(
            "Invalid configuration: "
                + key(id, field)
                + " is missing: a custom provider needs "
                + String.join(", ", REQUIRED)
                + ".");
      }
    }
    return new CustomProviderSpec(
        id,
        label(id, "name", values.get("name"), MAX_NAME_LENGTH),
        url(id, values.get("base_url"), values.get("path")),
        auth(id, values.get("auth")),
        label(id, "unit", values.get("unit"), MAX_UNIT_LENGTH),
        pointer(id, "available", values.get("available")),
        optionalPointer(id, "total", values.get("total")),
        optionalPointer(id, "used", values.get("used")),
        optionalPointer(id, "error", values.get("error")));
  }

  private static String label(String id, String field, Found found, int max) {
    if (found.value().length() > max || CONTROL.matcher(found.value()).find()) {
      throw invalid(
          id, field, found, "must be at most " + max + " characters, without control characters");
    }
    return found.value();
  }

  private static URI url(String id, Found base, @Nullable Found path) {
    URI checked = null;
    try {
      URI uri = new URI(base.value());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        checked = uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    if (checked == null) {
      throw new ConfigException(
          "Invalid configuration: "
              + key(id, "base_url")
              + " must be an absolute URL starting with http:// or https://, with a host and no"
              + " user, query or fragment, got \""
              + ConfigValues.withoutCredentials(base.value())
              + "\" (from "
              + base.origin()
              + ").");
    }
    if (path == null) {
      return checked;
    }
    if (PATH.matcher(path.value()).matches()) {
      try {
        return new URI(Urls.withoutSuffix(checked.toString()) + path.value());
      } catch (URISyntaxException malformed) {
        // reported below
      }
    }
    throw invalid(
        id,
        "path",
        path,
        "must start with / and hold no spaces or # (percent-encode other characters)");
  }

  private static CustomAuth auth(String id, @Nullable Found found) {
    if (found == null) {
      return CustomAuth.BEARER;
    }
    try {
      return CustomAuth.parse(found.value());
    } catch (IllegalArgumentException wrong) {
      throw invalid(id, "auth", found, wrong.getMessage());
    }
  }

  private static @Nullable JsonPointer optionalPointer(
      String id, String field, @Nullable Found found) {
    return found == null ? null : pointer(id, field, found);
  }

  private static JsonPointer pointer(String id, String field, Found found) {
    try {
      return JsonPointer.parse(found.value());
    } catch (IllegalArgumentException wrong) {
      throw invalid(
          id,
          field,
          found,
          "must be an RFC 6901 JSON pointer such as /data/balance: it " + wrong.getMessage());
    }
  }

  /** A mistake in a value that is not repeated: it could be a key pasted in the wrong place. */
  private static ConfigException invalid(String id, String field, Found found, String rule) {
    return new ConfigException(
        "Invalid configuration: "
            + key(id, field)
            + " "
            + rule
            + " (from "
            + found.origin()
            + ").");
  }

  private static String key(String id, String field) {
    return PREFIX + id + "." + field;
  }

  /** A key as written, cut short and without control characters: it goes into one log line. */
  private static String shown(String key) {
    String clean = CONTROL.matcher(key).replaceAll("?");
    return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
  }
}
