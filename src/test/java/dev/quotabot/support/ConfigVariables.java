package dev.quotabot.support;

import dev.quotabot.config.ConfigKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tests only: which configuration key an environment variable of a deployment file sets, and
 * whether its value is a secret.
 */
public final class ConfigVariables {
  /** Not the product's own, but as secret as its keys: the compose PostgreSQL's password. */
  private static final Set<String> OTHER_SECRETS = Set.of("POSTGRES_PASSWORD");

  private static final Map<String, ConfigKey> BY_VARIABLE =
      Arrays.stream(ConfigKey.values())
          .flatMap(
              key ->
                  Stream.of(key.environmentName(), key.conventionalEnvironmentName())
                      .filter(name -> name != null)
                      .map(name -> Map.entry(name, key)))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

  private ConfigVariables() {}

  /** The key a variable such as {@code QUOTABOT_WEB_PORT} or {@code PORT} sets. */
  public static Optional<ConfigKey> key(String variable) {
    return Optional.ofNullable(BY_VARIABLE.get(variable));
  }

  /** Whether the product reads this variable: a key's environment name. */
  public static boolean known(String variable) {
    return BY_VARIABLE.containsKey(variable);
  }

  /** Whether a variable's value must never be written in a deployment file. */
  public static boolean secret(String variable) {
    return OTHER_SECRETS.contains(variable) || key(variable).map(ConfigKey::secret).orElse(false);
  }
}
