package dev.quotabot.web;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON answers; every error body has the same shape: {@code {"success":false,"message"}}.
 * Wire shapes written as records name their fields in snake case ({@code availableBalance} is
 * {@code available_balance}); unknown values are written as null, never left out.
 */
final class JsonResponses {
  static final String JSON_UTF8 = "application/json; charset=utf-8";
  private static final Gson GSON =
      new GsonBuilder()
          .serializeNulls()
          .disableHtmlEscaping()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .create();

  private JsonResponses() {}

  /** A JSON tree or a wire record as JSON text. */
  static String toJson(Object body) {
    return GSON.toJson(body);
  }

  /** A wire record as a JSON object, for a line that adds fields to it. */
  static JsonObject tree(Record body) {
    return GSON.toJsonTree(body).getAsJsonObject();
  }

  /** Sends a JSON tree or a wire record. */
  static void send(HttpServerExchange exchange, int status, Object body) {
    sendText(exchange, status, toJson(body));
  }

  /** Sends a body already written as JSON text. */
  static void sendText(HttpServerExchange exchange, int status, String json) {
    if (exchange.isResponseStarted()) {
      return;
    }
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON_UTF8);
    exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
  }

  static void problem(HttpServerExchange exchange, int status, String message) {
    send(exchange, status, problemBody(message));
  }

  static JsonObject problemBody(String message) {
    JsonObject body = new JsonObject();
    body.addProperty("success", false);
    body.addProperty("message", message);
    return body;
  }
}
