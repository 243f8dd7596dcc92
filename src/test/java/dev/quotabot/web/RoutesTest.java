package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningAppExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which path and method reach which handler, and the JSON answers for the misses. */
final class RoutesTest {
  private static final String KEY = "ms-ROUTES-0123456789abcdef";
  @RegisterExtension static final RunningAppExtension app = new RunningAppExtension();

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/api/config", "/api/providers", "/openapi.json"})
  void answersHeadWhereverGetIsAnswered(String path) {
    // WHEN a read-only route is asked with HEAD
    HttpResponse<String> head =
        HttpCalls.send(
            HttpRequest.newBuilder(app.uri(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    // THEN it is answered like GET, without the body
    assertEquals(200, head.statusCode());
    assertTrue(
        head.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals("", head.body());
  }

  @Test
  void answersWrongMethodWith405AndAllow() {
    // WHEN a query route is read, and a read-only route is posted to
    HttpResponse<String> read = HttpCalls.get(app.uri("/api/balance"));
    HttpResponse<String> posted = HttpCalls.postJson(app.uri("/health"), "{}");

    // THEN both are 405 with the methods that work, in the header and in the message
    assertProblem(read, 405, "use POST");
    assertEquals("POST", read.headers().firstValue("Allow").orElseThrow());
    assertProblem(posted, 405, "use GET, HEAD");
    assertEquals("GET, HEAD", posted.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void answersUnknownPathsWith404Json() {
    assertProblem(HttpCalls.get(app.uri("/admin/../etc/passwd")), 404, "Not found");
    assertProblem(HttpCalls.get(app.uri("/api/balance/" + KEY)), 404, "Not found");
    assertProblem(HttpCalls.postJson(app.uri("/api/nothing"), "{}"), 404, "Not found");
    assertProblem(HttpCalls.postJson(app.uri("/api/balance/"), "{}"), 404, "Not found");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String hint) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(
        "application/json; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    JsonObject body = HttpCalls.json(response);
    assertFalse(body.get("success").getAsBoolean());
    String message = body.get("message").getAsString();
    assertTrue(message.contains(hint), message);
    assertFalse(message.contains(KEY), "the key was echoed: " + message);
  }
}
