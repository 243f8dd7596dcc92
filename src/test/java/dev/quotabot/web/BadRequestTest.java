package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a JSON error with the right status and a message that says what to
 * fix; nothing is probed, nothing echoes the key, nothing is a 500.
 */
final class BadRequestTest {
  private static final String KEY = "ms-BADINPUT-0123456789abcdef";

  private static FakeModelScope modelScope;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    modelScope = FakeModelScope.start(0);
    Map<String, String> properties = new HashMap<>(modelScope.properties());
    properties.put("quota.max_models", "5");
    app = RunningApp.start(properties);
  }

  @AfterAll
  static void stop() {
    // THEN (for every case) not one probe reached the upstream
    assertEquals(
        0, modelScope.server().getAllServeEvents().size(), "bad input must never be probed");
    app.close();
    modelScope.close();
  }

  static Stream<Arguments> badJson() {
    String key = "\"api_key\":\"" + KEY + "\"";
    return Stream.of(
        Arguments.of("empty body", "", "empty"),
        Arguments.of("comment", "{\"models\":[\"a\"],/* hi */" + key + "}", "json"),
        Arguments.of("single quotes", "{'models':['a']," + key + "}", "json"),
        Arguments.of("unquoted name", "{models:[\"a\"]," + key + "}", "json"),
        Arguments.of("NaN", "{\"models\":[\"a\"]," + key + ",\"x\":NaN}", "json"),
        Arguments.of("trailing garbage", "{\"models\":[\"a\"]," + key + "} x", "after the json"),
        Arguments.of("two objects", "{\"models\":[\"a\"]," + key + "}{}", "after the json"),
        Arguments.of("truncated", "{\"models\":[\"a\"]," + key, "json"),
        Arguments.of("top-level array", "[\"a\"]", "json object"),
        Arguments.of("top-level string", "\"a\"", "json object"),
        Arguments.of("models a number", "{\"models\":42," + key + "}", "models"),
        Arguments.of("models an object", "{\"models\":{\"a\":1}," + key + "}", "models"),
        Arguments.of("null inside models", "{\"models\":[\"a\",null]," + key + "}", "models\"[1]"),
        Arguments.of("number inside models", "{\"models\":[\"a\",7]," + key + "}", "models\"[1]"),
        Arguments.of("api_key a number", "{\"models\":[\"a\"],\"api_key\":12345}", "api_key"),
        Arguments.of("missing key", "{\"models\":[\"a\"]}", "api_key"),
        Arguments.of("blank key", "{\"models\":[\"a\"],\"api_key\":\"   \"}", "api_key"),
        Arguments.of(
            "key with CR LF",
            "{\"models\":[\"a\"],\"api_key\":\"" + KEY + "\\r\\nX-Evil: 1\"}",
            "api_key"),
        Arguments.of(
            "key with NUL", "{\"models\":[\"a\"],\"api_key\":\"" + KEY + "\\u0000\"}", "api_key"),
        Arguments.of(
            "key too long", "{\"models\":[\"a\"],\"api_key\":\"" + "k".repeat(513) + "\"}", "512"),
        Arguments.of("too many models", "{\"models\":\"a,b,c,d,e,f\"," + key + "}", "at most 5"),
        Arguments.of(
            "model with control char", "{\"models\":[\"a\\u0001b\"]," + key + "}", "control"),
        Arguments.of(
            "model too long", "{\"models\":[\"" + "m".repeat(201) + "\"]," + key + "}", "200"),
        Arguments.of(
            "duplicate names", "{\"models\":[\"a\"],\"models\":[\"b\"]," + key + "}", "twice"),
        Arguments.of(
            "the key as a duplicated name",
            "{\"" + KEY + "\":1,\"" + KEY + "\":2,\"models\":[\"a\"]}",
            "twice"),
        Arguments.of(
            "deep nesting",
            "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "," + key + "}",
            "nested"),
        Arguments.of("bad escape", "{\"models\":[\"\\q\"]," + key + "}", "json"),
        Arguments.of(
            "user_id with an absurd exponent",
            "{\"provider\":\"newapi\",\"base_url\":\"https://relay.example\","
                + "\"user_id\":1e999999999,\"access_token\":\"t-123456789\","
                + key
                + "}",
            "user_id"),
        Arguments.of(
            "raw control char in string", "{\"models\":[\"a\u0001\"]," + key + "}", "json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badJson")
  void refusesBadJsonWith400AndAHelpfulMessage(String name, String body, String hint) {
    // WHEN the body is wrong in this way
    HttpResponse<String> response = HttpCalls.postJson(app.uri("/api/balance"), body);

    // THEN 400 with the common error shape and a message that points at the problem
    assertProblem(response, 400, hint);
  }

  @Test
  void allowsNestingUpToTheLimitAndNoDeeper() {
    // GIVEN an unknown field nested exactly as deep as allowed, and one level deeper
    String deepest = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
    String tooDeep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);

    // WHEN each is sent without a key
    HttpResponse<String> allowed =
        HttpCalls.postJson(app.uri("/api/balance"), "{\"x\":" + deepest + "}");
    HttpResponse<String> refused =
        HttpCalls.postJson(app.uri("/api/balance"), "{\"x\":" + tooDeep + "}");

    // THEN the first gets as far as the missing key, the second is refused for its nesting
    assertProblem(allowed, 400, "api_key");
    assertProblem(refused, 400, "nested more than " + StrictJson.MAX_DEPTH + " levels");
  }

  @Test
  void refusesBodiesThatAreNotUtf8() {
    byte[] latin1 =
        "{\"models\":[\"café\"],\"api_key\":\"k-1234567890\"}"
            .getBytes(StandardCharsets.ISO_8859_1);

    assertProblem(
        HttpCalls.post(app.uri("/api/balance"), "application/json", latin1), 400, "utf-8");
  }

  @Test
  void refusesAKeyInTheQueryString() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance?api_key=" + KEY),
            "{\"models\":[\"a\"],\"api_key\":\"" + KEY + "\"}");

    assertProblem(response, 400, "url");
  }

  @Test
  void refusesAKeyPastedIntoModelsWithoutProbingOrShowingIt() {
    String pasted = "ms-0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"),
            "{\"models\":[\"Qwen/Qwen3-32B\",\"" + pasted + "\"],\"api_key\":\"" + KEY + "\"}");

    assertProblem(response, 400, "looks like an api key");
    assertFalse(response.body().contains(pasted), response.body());
  }

  @Test
  void refusesAMalformedAuthorizationHeader() {
    HttpResponse<String> response =
        HttpCalls.postJson(
            app.uri("/api/balance"), "{\"models\":[\"a\"]}", "Authorization", "Basic " + KEY);

    assertProblem(response, 400, "bearer");
  }

  @Test
  void refusesBodiesOver64KbWith413() {
    String models =
        IntStream.range(0, 7000)
            .mapToObj(i -> "\"model-" + i + "\"")
            .collect(Collectors.joining(","));
    String body = "{\"models\":[" + models + "],\"api_key\":\"" + KEY + "\"}";

    assertProblem(HttpCalls.postJson(app.uri("/api/balance"), body), 413, "64 kb");
  }

  @Test
  void refusesChunkedBodiesOver64KbWith413() {
    // GIVEN a body without Content-Length (streamed in chunks)
    byte[] big = ("{\"models\":[\"" + "x".repeat(70_000) + "\"]}").getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(app.uri("/api/balance"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big)));

    assertProblem(HttpCalls.send(request), 413, "64 kb");
  }

  static Stream<Arguments> wrongContentTypes() {
    return Stream.of(
        Arguments.of("text/plain", "application/json"),
        Arguments.of("application/x-www-form-urlencoded", "application/json"),
        Arguments.of("application/json; charset=iso-8859-1", "utf-8"),
        Arguments.of(null, "content-type"),
        Arguments.of("", "content-type"),
        Arguments.of(";", "content-type"),
        Arguments.of(";charset=utf-8", "content-type"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("wrongContentTypes")
  void refusesOtherContentTypesWith415(String contentType, String hint) {
    byte[] body =
        ("{\"models\":[\"a\"],\"api_key\":\"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8);

    assertProblem(HttpCalls.post(app.uri("/api/balance"), contentType, body), 415, hint);
  }

  @Test
  void acceptsJsonWithUtf8CharsetParameter() {
    byte[] body = "{\"models\":[]}".getBytes(StandardCharsets.UTF_8);

    // a 400 about the key (not a 415) proves the content type was accepted
    assertProblem(
        HttpCalls.post(app.uri("/api/balance"), "application/json; charset=UTF-8", body),
        400,
        "api_key");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String hint) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject body = HttpCalls.json(response);
    assertFalse(body.get("success").getAsBoolean());
    String message = body.get("message").getAsString();
    assertTrue(
        message.toLowerCase(Locale.ROOT).contains(hint.toLowerCase(Locale.ROOT)),
        "message should mention \"" + hint + "\": " + message);
    assertFalse(message.contains(KEY), "the key was echoed: " + message);
    assertFalse(response.body().contains("Exception"), response.body());
  }
}
