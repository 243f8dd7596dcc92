package dev.quotabot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.ComposeFile;
import dev.quotabot.support.ConfigVariables;
import dev.quotabot.support.EnvFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** compose.yaml: two replicas, PostgreSQL and nginx, in step with the product's configuration. */
final class ComposeFileTest {
  /**
   * {@code ${NAME}} or {@code ${NAME:-}} / {@code ${NAME:?message}}: taken from the environment.
   */
  private static final Pattern FROM_ENVIRONMENT =
      Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-|:\\?[^}]*)?}");

  private final ComposeFile compose = ComposeFile.read();

  @Test
  void runsTwoReplicasOfTheProduct() {
    assertEquals(Set.of("replica-1", "replica-2"), compose.replicas().keySet());
  }

  @Test
  void everyVariableOfAReplicaIsAConfigurationKey() {
    // GIVEN each replica's environment
    for (var replica : compose.replicas().entrySet()) {
      // THEN the product reads every variable in it (a typo would be ignored silently)
      Set<String> unknown =
          ComposeFile.environment(replica.getValue()).keySet().stream()
              .filter(variable -> !ConfigVariables.known(variable))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(), unknown, replica.getKey());
    }
  }

  @Test
  void noSecretValueIsWrittenInTheFile() {
    // GIVEN every service's environment
    compose
        .services()
        .forEach(
            (name, service) ->
                ComposeFile.environment(service)
                    .forEach(
                        (variable, value) -> {
                          if (ConfigVariables.secret(variable)) {
                            // THEN a secret comes from the environment or .env, under its own name
                            Matcher reference = FROM_ENVIRONMENT.matcher(value);
                            assertTrue(reference.matches(), name + " writes " + variable);
                          }
                        }));
  }

  @Test
  void theSecretsExampleHoldsNoValue() {
    // GIVEN the .env example that compose.yaml's ${…} references are filled from
    Map<String, String> example = EnvFile.read(Path.of("deploy", "compose.env.example"));

    // THEN it names every variable the file takes from the environment, each left empty
    assertEquals(referencedVariables(), new TreeSet<>(example.keySet()));
    example.forEach((variable, value) -> assertEquals("", value, variable));
  }

  @Test
  void bothReplicasUseOneDatabaseTheDatabaseServiceServes() {
    // GIVEN the replicas' database settings and the db service
    List<Map<String, String>> environments = replicaEnvironments();
    Map<String, String> first = environments.get(0);
    for (Map<String, String> other : environments) {
      for (String variable :
          List.of(
              "QUOTABOT_DATABASE_URL", "QUOTABOT_DATABASE_USER", "QUOTABOT_DATABASE_PASSWORD")) {
        assertEquals(first.get(variable), other.get(variable), variable);
      }
    }
    URI url = URI.create(first.get("QUOTABOT_DATABASE_URL").substring("jdbc:".length()));
    Map<String, String> db = ComposeFile.environment(compose.service(url.getHost()));

    // THEN they name its database, user and password
    assertEquals("postgresql", url.getScheme());
    assertEquals(5432, url.getPort());
    assertEquals("/" + db.get("POSTGRES_DB"), url.getPath());
    assertEquals(db.get("POSTGRES_USER"), first.get("QUOTABOT_DATABASE_USER"));
    assertEquals(db.get("POSTGRES_PASSWORD"), first.get("QUOTABOT_DATABASE_PASSWORD"));
  }

  @Test
  void replicasStartOnceTheDatabaseAnswers() {
    // GIVEN the database service's health check
    Map<String, Object> db = compose.service("db");
    Object test = ComposeFile.map(db.get("healthcheck"), "db healthcheck").get("test");
    assertTrue(String.valueOf(test).contains("pg_isready"), String.valueOf(test));
    assertTrue(
        String.valueOf(db.get("volumes")).contains("/var/lib/postgresql/data"),
        "the database lives on a named volume");

    // THEN each replica waits for it to be healthy
    compose
        .replicas()
        .forEach(
            (name, replica) ->
                assertEquals("service_healthy", condition(replica, "db"), name + " depends on db"));
  }

  @Test
  void nginxWaitsForEachReplicaItsHealthCheckReports() throws IOException {
    // GIVEN the image's HEALTHCHECK (the jar asks its own /health), which compose keeps
    String dockerfile = Files.readString(Path.of("Dockerfile"), StandardCharsets.UTF_8);
    assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("--healthcheck"));
    compose
        .replicas()
        .forEach((name, replica) -> assertFalse(replica.containsKey("healthcheck"), name));

    // THEN nginx starts once both replicas are healthy
    Map<String, Object> nginx = compose.service("nginx");
    compose
        .replicas()
        .keySet()
        .forEach(name -> assertEquals("service_healthy", condition(nginx, name), name));
  }

  @Test
  void shardIdsAreDistinctAndCoverEveryShard() {
    // GIVEN each replica's shard ids and the shard total
    Set<String> totals = new HashSet<>();
    List<Integer> ids = new ArrayList<>();
    for (Map<String, String> environment : replicaEnvironments()) {
      totals.add(environment.get("QUOTABOT_DISCORD_SHARDS_TOTAL"));
      ids.addAll(shardIds(environment.get("QUOTABOT_DISCORD_SHARD_IDS")));
    }

    // THEN all agree on the total, and the ids are 0..total-1, each run by one replica
    assertEquals(1, totals.size(), "shards_total differs: " + totals);
    int total = Integer.parseInt(totals.iterator().next());
    assertEquals(IntStream.range(0, total).boxed().toList(), ids.stream().sorted().toList());
  }

  @Test
  void replicasTrustTheProxyInFrontAndPublishNoPort() {
    compose
        .replicas()
        .forEach(
            (name, replica) -> {
              // the rate limit counts the client nginx names, not nginx itself
              assertEquals(
                  "true", ComposeFile.environment(replica).get("QUOTABOT_WEB_TRUST_PROXY"), name);
              // web and metrics only on the compose network
              assertFalse(replica.containsKey("ports"), name + " publishes a port");
              assertTrue(
                  String.valueOf(replica.get("expose"))
                      .contains(ComposeFile.environment(replica).get("QUOTABOT_METRICS_PORT")),
                  name + " exposes its metrics port to the compose network");
            });
    assertFalse(compose.service("db").containsKey("ports"), "db publishes a port");
  }

  @Test
  void nginxPublishesPort3000() {
    assertEquals(List.of("3000:80"), compose.service("nginx").get("ports"));
  }

  private List<Map<String, String>> replicaEnvironments() {
    return compose.replicas().values().stream().map(ComposeFile::environment).toList();
  }

  private static String condition(Map<String, Object> service, String dependency) {
    Map<String, Object> dependsOn = ComposeFile.map(service.get("depends_on"), "depends_on");
    return String.valueOf(ComposeFile.map(dependsOn.get(dependency), dependency).get("condition"));
  }

  /** {@code 0}, {@code 0-3} or {@code 0,2}: the forms discord.shard_ids takes. */
  private static List<Integer> shardIds(String text) {
    List<Integer> ids = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] range = part.strip().split("-", 2);
      int from = Integer.parseInt(range[0]);
      int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
      IntStream.rangeClosed(from, to).forEach(ids::add);
    }
    return ids;
  }

  private Set<String> referencedVariables() {
    Set<String> names = new TreeSet<>();
    compose
        .services()
        .values()
        .forEach(
            service ->
                ComposeFile.environment(service)
                    .values()
                    .forEach(
                        value -> {
                          Matcher reference = FROM_ENVIRONMENT.matcher(value);
                          while (reference.find()) {
                            names.add(reference.group(1));
                          }
                        }));
    return names;
  }
}
