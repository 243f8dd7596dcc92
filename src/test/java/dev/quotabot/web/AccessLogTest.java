package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.Await;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningAppExtension;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The access log's lines, as written for requests over real HTTP. */
final class AccessLogTest {
  @RegisterExtension static final RunningAppExtension app = new RunningAppExtension();

  @Test
  void logsMethodPathStatusAndTimeButNoQueryStringHeaderOrBody() {
    try (LogCapture logs = LogCapture.open()) {
      // WHEN a request carries a query string, a header and a body
      HttpCalls.postJson(
          app.uri("/api/balance?trace=QUERY-MARKER"),
          "{\"note\":\"BODY-MARKER\"}",
          "X-Trace",
          "HEADER-MARKER");

      // THEN its line is method, path, status and time, and nothing else
      String line = accessLine(logs, "/api/balance");
      assertTrue(
          line.matches(AccessLog.LOGGER + " POST /api/balance 400 \\d+ms"), "access line: " + line);
      for (String marker : List.of("QUERY-MARKER", "HEADER-MARKER", "BODY-MARKER", "trace")) {
        assertFalse(logs.text().contains(marker), marker + " reached the log");
      }
    }
  }

  @Test
  void redactsAKeyShapedTokenInThePath() {
    try (LogCapture logs = LogCapture.open()) {
      // WHEN a key is pasted into the path
      HttpCalls.get(app.uri("/api/models/sk-PASTEDKEY0123456789abcdef"));

      // THEN the line says the path had a key in it, and does not hold it
      String line = accessLine(logs, "/api/models/");
      assertTrue(line.contains("/api/models/[redacted] 404"), line);
      assertFalse(logs.text().contains("PASTEDKEY"), "the key reached the log");
    }
  }

  @Test
  void cutsALongPathAndReplacesControlCharacters() throws IOException {
    try (LogCapture logs = LogCapture.open()) {
      // WHEN a path is very long, and another holds an encoded line break (a forged log line)
      HttpCalls.get(app.uri("/long-" + "x".repeat(500)));
      rawGet("/a%0D%0Adev.quotabot.access%20GET%20/forged%20200%201ms");

      // THEN the long one is cut to 100 characters and marked so
      String longLine = accessLine(logs, "/long-");
      String path = longLine.split(" ")[2];
      assertEquals(AccessLog.MAX_LOGGED_PATH + 1, path.length(), longLine);
      assertTrue(path.endsWith("…"), longLine);
      // and the line break is shown as "?" within one line, which forges nothing
      String broken = accessLine(logs, "/a?");
      assertTrue(broken.contains("/a??dev.quotabot.access GET /forged 200 1ms 404"), broken);
      assertFalse(broken.contains("\n") || broken.contains("\r"), "a line was split: " + broken);
    }
  }

  /** The access line whose path starts with {@code pathStart}, once the request completed. */
  private static String accessLine(LogCapture logs, String pathStart) {
    return Await.value(
        "the access line for " + pathStart,
        Duration.ofSeconds(5),
        () ->
            logs.lines().stream()
                .filter(line -> line.startsWith(AccessLog.LOGGER + " "))
                .filter(line -> line.split(" ").length > 2)
                .filter(line -> line.split(" ")[2].startsWith(pathStart))
                .findFirst());
  }

  private static void rawGet(String path) throws IOException {
    try (Socket socket = new Socket(app.uri("/").getHost(), app.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getInputStream().readAllBytes();
    }
  }
}
