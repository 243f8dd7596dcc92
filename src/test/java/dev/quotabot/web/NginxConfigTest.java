package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.config.ConfigKey;
import dev.quotabot.support.ComposeFile;
import dev.quotabot.support.NginxConf;
import dev.quotabot.support.NginxConf.Block;
import dev.quotabot.support.NginxConf.Directive;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/nginx.conf, in step with the web door it proxies to (its limits live in this package) and
 * with compose.yaml's replicas.
 */
final class NginxConfigTest {
  private static final String UPSTREAM = "quota_bot";
  private final Block http = NginxConf.read(Path.of("deploy", "nginx.conf")).block("http");
  private final Block server = http.block("server");

  @Test
  void upstreamListsEveryReplicaOnItsWebPort() {
    // GIVEN compose.yaml's replicas and the port each listens on
    Set<String> replicas =
        ComposeFile.read().replicas().entrySet().stream()
            .map(
                replica ->
                    replica.getKey()
                        + ":"
                        + ComposeFile.environment(replica.getValue()).get("QUOTABOT_WEB_PORT"))
            .collect(Collectors.toCollection(TreeSet::new));

    // THEN nginx's upstream is exactly those
    Set<String> servers =
        http.block("upstream", UPSTREAM).all("server").stream()
            .map(server -> server.args().get(0))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(replicas, servers);
  }

  @Test
  void bodyLimitIsTheProducts() {
    // GIVEN nginx's limit, in nginx's size syntax
    String limit = server.one("client_max_body_size").arg();
    assertTrue(limit.endsWith("k"), limit);

    // THEN it is the web door's, so no body nginx passes on is refused by a replica
    assertEquals(BoundedRequestBody.MAX_BYTES, Integer.parseInt(limit.replace("k", "")) * 1024);
  }

  @Test
  void aBodyOverTheLimitGetsTheProductsErrorShape() {
    // GIVEN the answer nginx gives for 413
    assertEquals(List.of("413", "=", "@too_big"), server.one("error_page").args());
    Directive answer = server.block("location", "@too_big").one("return");

    // THEN it is the product's JSON error: success false and a message
    assertEquals("413", answer.args().get(0));
    JsonObject body = JsonParser.parseString(answer.args().get(1)).getAsJsonObject();
    assertEquals(Set.of("success", "message"), body.keySet());
    assertFalse(body.get("success").getAsBoolean());
  }

  @Test
  void timeoutsLeaveTheProductItsWholeQueryDeadline() {
    // GIVEN the product's query deadline
    long deadlineMillis = Long.parseLong(ConfigKey.QUOTA_QUERY_DEADLINE_MS.defaultValue());
    assertFalse(
        replicaEnvironments().stream()
            .anyMatch(env -> env.containsKey(ConfigKey.QUOTA_QUERY_DEADLINE_MS.environmentName())),
        "compose.yaml changes the deadline: compare with its value");

    // THEN nginx waits longer than that for an answer (and for the stream's next line)
    for (String timeout : List.of("proxy_read_timeout", "proxy_send_timeout")) {
      long millis = seconds(server.one(timeout).arg()) * 1000;
      assertTrue(millis > deadlineMillis, timeout + " " + millis + " ms");
    }
  }

  @Test
  void theStreamRouteIsPassedOnUnbuffered() {
    Block stream = server.block("location", "=", "/api/balance/stream");
    assertEquals("off", stream.one("proxy_buffering").arg());
    assertEquals("http://" + UPSTREAM, stream.one("proxy_pass").arg());
  }

  @Test
  void everyExactLocationIsOneOfTheProductsPaths() throws Exception {
    // GIVEN the paths the product describes in /openapi.json
    Set<String> paths;
    try (Reader reader =
        new InputStreamReader(
            NginxConfigTest.class.getResourceAsStream("openapi.json"), StandardCharsets.UTF_8)) {
      paths = JsonParser.parseReader(reader).getAsJsonObject().getAsJsonObject("paths").keySet();
    }

    // THEN a location nginx treats specially names one of them (a renamed route fails here)
    List<Directive> exact =
        server.all("location").stream().filter(l -> l.args().get(0).equals("=")).toList();
    assertFalse(exact.isEmpty());
    exact.forEach(
        location -> assertTrue(paths.contains(location.args().get(1)), location.args().toString()));
  }

  @Test
  void theClientAddressIsSetNotAppended() {
    // the replicas count the first X-Forwarded-For hop: a client's own header must not survive
    Map<String, String> headers =
        server.all("proxy_set_header").stream()
            .collect(Collectors.toMap(h -> h.args().get(0), h -> h.args().get(1)));
    assertEquals("$remote_addr", headers.get("X-Forwarded-For"));
    assertEquals("$host", headers.get("Host"));
    assertEquals("$scheme", headers.get("X-Forwarded-Proto"));
  }

  @Test
  void everyLocationProxiesToTheReplicas() {
    server.all("location").stream()
        .filter(location -> !location.args().get(0).startsWith("@"))
        .forEach(
            location ->
                assertEquals(
                    "http://" + UPSTREAM,
                    location.block().one("proxy_pass").arg(),
                    location.args().toString()));
  }

  private static List<Map<String, String>> replicaEnvironments() {
    return ComposeFile.read().replicas().values().stream().map(ComposeFile::environment).toList();
  }

  /** nginx's time as the file writes it: {@code 30s}. */
  private static long seconds(String time) {
    assertTrue(time.matches("\\d+s"), time);
    return Long.parseLong(time.substring(0, time.length() - 1));
  }
}
