package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningAppExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The page's files over real HTTP: their types, HEAD, the headers, and nothing else served. */
final class PageFilesTest {
  @RegisterExtension static final RunningAppExtension app = new RunningAppExtension();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/, text/html; charset=utf-8",
    "/index.html, text/html; charset=utf-8",
    "/js/main.js, text/javascript; charset=utf-8",
    "/js/texts/en.js, text/javascript; charset=utf-8",
    "/js/history.js, text/javascript; charset=utf-8",
    "/app.css, text/css; charset=utf-8",
    "/favicon.svg, image/svg+xml"
  })
  void servesEachFileOfThePageWithItsContentType(String path, String contentType) {
    // WHEN a file of the page is asked for
    HttpResponse<String> file = HttpCalls.get(app.uri(path));

    // THEN it comes with its type, never cached, never sniffed
    assertEquals(200, file.statusCode());
    assertEquals(contentType, file.headers().firstValue("Content-Type").orElseThrow());
    assertFalse(file.body().isEmpty());
    assertEquals("no-store", file.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElseThrow());
  }

  @Test
  void servesIndexHtmlForTheRoot() {
    assertEquals(HttpCalls.get(app.uri("/index.html")).body(), HttpCalls.get(app.uri("/")).body());
  }

  @Test
  void servesThePageWithAStrictContentSecurityPolicyAndNoCors() {
    HttpResponse<String> page =
        HttpCalls.send(
            HttpRequest.newBuilder(app.uri("/")).header("Origin", "https://evil.example").GET());

    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
    assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
    assertTrue(page.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void answersHeadLikeGetWithoutTheBody() {
    // WHEN a file is asked for with HEAD
    HttpResponse<String> get = HttpCalls.get(app.uri("/js/main.js"));
    HttpResponse<String> head =
        HttpCalls.send(
            HttpRequest.newBuilder(app.uri("/js/main.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    // THEN the same status and headers, and no body
    assertEquals(200, head.statusCode());
    assertEquals(
        get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
    assertEquals(
        Long.toString(get.body().getBytes(StandardCharsets.UTF_8).length),
        head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals("", head.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/static/",
        "/static/index.html",
        "/logback-test.xml",
        "/../logback-test.xml",
        "/%2e%2e/logback-test.xml",
        "/..%2flogback-test.xml",
        "/dev/quotabot/web/WebServer.class",
        "/fixtures/",
        "/index.html/",
        "/js/main.js.map",
        "/app.js"
      })
  void servesNothingButThePagesOwnFilesAndListsNoFolder(String path) throws IOException {
    // WHEN anything else on the class path is asked for, however the path is written
    String answer = rawGet(path);

    // THEN the JSON 404, with the usual headers
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
    assertTrue(head.contains("content-type: application/json; charset=utf-8"), head);
    assertTrue(head.contains("cache-control: no-store"), head);
    JsonObject body =
        JsonParser.parseString(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getAsJsonObject();
    assertFalse(body.get("success").getAsBoolean());
    assertTrue(body.get("message").getAsString().startsWith("Not found"), body.toString());
  }

  /** A GET with the path exactly as written: no client normalises it on the way. */
  private static String rawGet(String path) throws IOException {
    try (Socket socket = new Socket(app.uri("/").getHost(), app.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
