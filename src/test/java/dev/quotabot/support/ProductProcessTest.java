package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProductProcessTest {
  @TempDir Path folder;

  @Test
  void aChildProcessServesHealthAndThePage() {
    // GIVEN the product as its own process, with no configuration but its port
    try (ProductProcess product = ProductProcess.start(folder, Map.of())) {
      // THEN it answers on the port its start-up line names
      assertEquals(200, HttpCalls.get(product.uri("/health")).statusCode());
      HttpResponse<String> page = HttpCalls.get(product.uri("/"));
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<html"), page.body());
      assertTrue(product.log().contains("listening on"), product.log());
    }
  }

  @Test
  void sigtermMakesItExitZeroWithinTheShutdownTimeout() {
    // GIVEN a running product with a 5 s shutdown timeout
    Duration shutdownTimeout = Duration.ofSeconds(5);
    ProductProcess product =
        ProductProcess.start(
            folder,
            Map.of("QUOTABOT_WEB_SHUTDOWN_TIMEOUT_MS", Long.toString(shutdownTimeout.toMillis())));

    // WHEN it gets SIGTERM with nothing in flight
    long started = System.nanoTime();
    int status = product.stop();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // THEN it exits 0, having said why, before the shutdown timeout is over
    assertEquals(0, status, product.log());
    assertTrue(product.log().contains("SIGTERM received"), product.log());
    assertTrue(took.compareTo(shutdownTimeout) < 0, "took " + took);
  }

  @Test
  void killEndsItAtOnce() {
    // GIVEN a running product
    ProductProcess product = ProductProcess.start(folder, Map.of());

    // WHEN it is killed (a crash, as the OOM killer or a lost machine)
    product.kill();

    // THEN it is gone without a graceful stop: status 137 (128 + SIGKILL), no shutdown logged
    assertFalse(product.isAlive());
    assertEquals(Optional.of(137), product.exitValue());
    assertFalse(product.log().contains("SIGTERM received"), product.log());
  }

  @Test
  void itsLogHoldsNoPieceOfAKeyGivenInAQuery() {
    // GIVEN a product whose ModelScope upstream refuses connections
    String nowhere = "http://127.0.0.1:" + Ports.unused();
    String key = "ms-" + UUID.randomUUID();
    ProductProcess product =
        ProductProcess.start(
            folder,
            Map.of(
                "QUOTABOT_MODELSCOPE_API_BASE_URL", nowhere + "/v1",
                "QUOTABOT_MODELSCOPE_OPENAPI_BASE_URL", nowhere + "/openapi/v1"));

    // WHEN a query carries a key, and the process then stops (its log complete)
    HttpResponse<String> answer =
        HttpCalls.postJson(
            product.uri("/api/balance"),
            "{\"models\":[\"Qwen/Qwen3-Coder-480B-A35B-Instruct\"],\"api_key\":\"" + key + "\"}");
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(0, product.stop());

    // THEN no 8 characters of the key appear in anything it wrote
    String log = product.log();
    assertTrue(log.contains("/api/balance"), "the query was logged: " + log);
    for (int i = 0; i + 8 <= key.length(); i++) {
      String piece = key.substring(i, i + 8);
      assertFalse(log.contains(piece), "the log holds " + piece);
    }
  }

  @Test
  void readsThePortFromATextOrAJsonStartUpLine() {
    assertEquals(
        Optional.of(41234),
        ProductProcess.listeningPort(
            "12:00:00.000 INFO WebServer - Web page and API listening on http://127.0.0.1:41234/"));
    assertEquals(
        Optional.of(41235),
        ProductProcess.listeningPort(
            "{\"message\":\"Web page and API listening on http:\\/\\/0.0.0.0:41235\\/\"}"));
    assertEquals(Optional.empty(), ProductProcess.listeningPort("starting"));
  }

  @Test
  void environmentOfNamesEachKeyAsTheProductReadsIt() {
    assertEquals(
        Map.of("QUOTABOT_DISCORD_API_BASE_URL", "http://x/", "QUOTABOT_PROVIDER_CUSTOM_A_B", "1"),
        ProductProcess.environmentOf(
            Map.of("discord.api_base_url", "http://x/", "provider.custom.a-b", "1")));
  }
}
