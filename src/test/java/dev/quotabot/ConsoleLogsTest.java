package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.Ports;
import dev.quotabot.support.ProductProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code log.format=json} in the product as an operator runs it: a separate JVM with the production
 * logging setup, configured by environment, its standard output read line by line.
 */
final class ConsoleLogsTest {
  private static final String KEY = "ms-JSONLOGS-0123456789abcdefWXYZ";

  @TempDir Path workingDirectory;

  @Test
  void everyLineIsAJsonObjectAndAQueryLogsNoPartOfItsKey() throws Exception {
    // GIVEN the product with JSON logs, asking a ModelScope that WireMock plays
    try (FakeModelScope modelScope = FakeModelScope.start(0)) {
      modelScope.quota("Qwen/Qwen3-32B", 2000, 1500, 500, 20, 0);
      int port = Ports.unused();
      Map<String, String> environment = new java.util.HashMap<>();
      environment.put("QUOTABOT_LOG_FORMAT", "json");
      environment.put("QUOTABOT_WEB_HOST", "127.0.0.1");
      environment.put("QUOTABOT_WEB_PORT", Integer.toString(port));
      environment.put("QUOTABOT_MODELSCOPE_API_BASE_URL", modelScope.apiBaseUrl());
      environment.put("QUOTABOT_MODELSCOPE_OPENAPI_BASE_URL", modelScope.openApiBaseUrl());
      Process process = launch(environment);
      try {
        URI base = URI.create("http://127.0.0.1:" + port);
        Await.until(
            "/health",
            Duration.ofSeconds(20),
            () -> !process.isAlive() || healthy(base.resolve("/health")));

        // WHEN a query with a key is answered, then the product stops
        assertEquals(
            200,
            HttpCalls.postJson(
                    base.resolve("/api/balance"),
                    "{\"models\":[\"Qwen/Qwen3-32B\"],\"api_key\":\"" + KEY + "\"}")
                .statusCode());
        process.destroy();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "process did not stop");
      } finally {
        process.destroyForcibly();
      }
    }

    // THEN every line is one JSON object with the time, level, logger and message, the lines
    // say what the text lines say, and no part of the key is anywhere in them
    String output = Files.readString(workingDirectory.resolve("out.log"), StandardCharsets.UTF_8);
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    assertTrue(lines.size() >= 3, output);
    List<String> messages = new ArrayList<>();
    for (String line : lines) {
      JsonObject event = JsonParser.parseString(line).getAsJsonObject();
      for (String field : List.of("timestamp", "level", "loggerName", "formattedMessage")) {
        assertTrue(event.has(field), field + " missing from " + line);
      }
      messages.add(event.get("formattedMessage").getAsString());
    }
    assertTrue(
        messages.stream().anyMatch(message -> message.contains("POST /api/balance 200")), output);
    assertTrue(messages.stream().anyMatch(message -> message.contains("SIGTERM")), output);
    assertFalse(output.contains(KEY.substring(3, 24)), output);
  }

  @Test
  void aConfigurationErrorIsAJsonLineTooWhenTheEnvironmentAsksForJson() throws Exception {
    // GIVEN JSON logs from the environment and a port that is not a number
    Process process =
        launch(Map.of("QUOTABOT_LOG_FORMAT", "json", "QUOTABOT_WEB_PORT", "not-a-port"));

    // WHEN it refuses to start
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "process did not stop");
    assertEquals(2, process.exitValue());

    // THEN its one line is a JSON object naming the key
    List<String> lines =
        Files.readString(workingDirectory.resolve("out.log"), StandardCharsets.UTF_8)
            .lines()
            .filter(line -> !line.isBlank())
            .toList();
    assertEquals(1, lines.size(), lines.toString());
    JsonObject event = JsonParser.parseString(lines.get(0)).getAsJsonObject();
    assertEquals("ERROR", event.get("level").getAsString());
    assertTrue(event.get("formattedMessage").getAsString().contains("web.port"), lines.get(0));
  }

  private Process launch(Map<String, String> environment) throws IOException {
    return ProductProcess.launcher(
            workingDirectory, workingDirectory.resolve("out.log"), environment, List.of())
        .start();
  }

  private static boolean healthy(URI health) {
    try {
      return HttpCalls.get(health).statusCode() == 200;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }
}
