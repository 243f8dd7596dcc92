package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.QuotaSettings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/config}: what the page needs to know (default models, limits). */
final class PageSettingsHandler implements HttpHandler {
  private final JsonObject body;

  PageSettingsHandler(QuotaSettings settings) {
    JsonArray models = new JsonArray();
    settings.defaultModels().forEach(models::add);
    body = new JsonObject();
    body.add("default_models", models);
    body.addProperty("max_models", settings.maxModels());
    body.addProperty("probe_timeout_ms", settings.probeTimeout().toMillis());
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.send(exchange, 200, body);
  }
}
