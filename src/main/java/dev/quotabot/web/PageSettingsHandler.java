package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /api/config}: the limits a client must respect and the default provider's models, as
 * the page has always read them; {@code providers} lists every provider the way {@code GET
 * /api/providers} does.
 */
final class PageSettingsHandler implements HttpHandler {
  private final JsonObject body;

  PageSettingsHandler(QuotaService service) {
    QuotaSettings settings = service.settings();
    JsonArray models = new JsonArray();
    service.defaultProvider().defaultModels().forEach(models::add);
    body = new JsonObject();
    body.add("default_models", models);
    body.addProperty("max_models", settings.maxModels());
    body.addProperty("probe_timeout_ms", settings.probeTimeout().toMillis());
    body.add("providers", ProvidersHandler.list(service));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.send(exchange, 200, body);
  }
}
