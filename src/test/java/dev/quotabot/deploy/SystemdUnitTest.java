package dev.quotabot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.config.ConfigKey;
import dev.quotabot.support.ConfigVariables;
import dev.quotabot.support.EnvFile;
import dev.quotabot.support.SystemdUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/quota-bot@.service and its instance.env.example, in step with the product. */
final class SystemdUnitTest {
  private static final String SERVICE = "Service";
  private final SystemdUnit unit = SystemdUnit.read(Path.of("deploy", "quota-bot@.service"));
  private final Map<String, String> example =
      EnvFile.read(Path.of("deploy", "instance.env.example"));

  @Test
  void eachInstanceReadsItsOwnEnvironmentFileAfterTheSharedSecrets() {
    assertEquals(
        List.of("/etc/quota-bot/secrets.env", "/etc/quota-bot/%i.env"),
        unit.values(SERVICE, "EnvironmentFile"));
  }

  @Test
  void startsTheShippedJarWithTheShippedJvmOptions() throws IOException {
    // GIVEN the files the Dockerfile copies into the image: the build's jar and the options file
    String dockerfile = Files.readString(Path.of("Dockerfile"), StandardCharsets.UTF_8);
    assertTrue(dockerfile.contains("COPY --from=build /build/target/quota-bot.jar"), dockerfile);
    assertTrue(dockerfile.contains("COPY src/main/jvm/jvm.options"), dockerfile);
    assertTrue(Files.isRegularFile(Path.of("src", "main", "jvm", "jvm.options")));

    // THEN the unit runs the same two files, installed in /opt/quota-bot
    assertEquals(
        "/usr/bin/java @/opt/quota-bot/jvm.options -jar /opt/quota-bot/quota-bot.jar",
        unit.value(SERVICE, "ExecStart"));
  }

  @Test
  void stopsWithSigtermAndWaitsLongerThanTheProductsShutdownTimeout() {
    // GIVEN how long the product lets queries in flight finish, by default and in the example
    long shutdownMillis =
        Math.max(
            Long.parseLong(ConfigKey.WEB_SHUTDOWN_TIMEOUT_MS.defaultValue()),
            Long.parseLong(
                example.getOrDefault(ConfigKey.WEB_SHUTDOWN_TIMEOUT_MS.environmentName(), "0")));

    // THEN systemd sends SIGTERM and waits longer than that before SIGKILL
    assertEquals("SIGTERM", unit.value(SERVICE, "KillSignal"));
    Duration stop = seconds(unit.value(SERVICE, "TimeoutStopSec"));
    assertTrue(stop.toMillis() > shutdownMillis, stop + " is not above " + shutdownMillis + " ms");
    assertEquals("on-failure", unit.value(SERVICE, "Restart"));
  }

  @Test
  void runsUnprivilegedWithAWritableStateFolderOnly() {
    assertEquals("yes", unit.value(SERVICE, "DynamicUser"));
    assertEquals("yes", unit.value(SERVICE, "NoNewPrivileges"));
    assertEquals("strict", unit.value(SERVICE, "ProtectSystem"));
    assertEquals("quota-bot/%i", unit.value(SERVICE, "StateDirectory"));
    assertEquals("/var/lib/quota-bot/%i", unit.value(SERVICE, "WorkingDirectory"));
    assertEquals("", unit.value(SERVICE, "CapabilityBoundingSet"));
  }

  @Test
  void everyVariableOfTheExampleIsAConfigurationKey() {
    Set<String> unknown =
        example.keySet().stream()
            .filter(variable -> !ConfigVariables.known(variable))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), unknown);
  }

  @Test
  void theExampleHoldsNoSecret() {
    // secrets go in the shared, root-only secrets.env
    Set<String> secrets =
        example.keySet().stream()
            .filter(ConfigVariables::secret)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), secrets);
  }

  @Test
  void theExampleSharesOnePostgresqlAndSetsWhatDiffersPerInstance() {
    assertTrue(
        example.get(ConfigKey.DATABASE_URL.environmentName()).startsWith("jdbc:postgresql://"),
        "instances share state through PostgreSQL only");
    for (String perInstance :
        List.of(
            ConfigKey.WEB_PORT.environmentName(),
            "QUOTABOT_DISCORD_SHARD_IDS",
            "QUOTABOT_METRICS_PORT")) {
      assertTrue(example.containsKey(perInstance), perInstance);
    }
    assertEquals("true", example.get(ConfigKey.WEB_TRUST_PROXY.environmentName()));
  }

  /** systemd's time span as the unit writes it: {@code 30s} or a bare number of seconds. */
  private static Duration seconds(String span) {
    return Duration.ofSeconds(Long.parseLong(span.endsWith("s") ? span.replace("s", "") : span));
  }
}
