package dev.quotabot.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON answers; every error body has the same shape: {@code {"success":false,"message"}}.
 */
final class JsonResponses {
  static final String JSON_UTF8 = "application/json; charset=utf-8";
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private JsonResponses() {}

  static String toJson(JsonElement body) {
    return GSON.toJson(body);
  }

  static void send(HttpServerExchange exchange, int status, JsonElement body) {
    send(exchange, status, toJson(body));
  }

  /** Sends a body already written as JSON text. */
  static void send(HttpServerExchange exchange, int status, String json) {
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
