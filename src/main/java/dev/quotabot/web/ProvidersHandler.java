package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.QuotaService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /api/providers}: every provider a query may name, the default first, each with what it
 * can do and which fields it takes ({@link ProviderJson}).
 */
final class ProvidersHandler implements HttpHandler {
  private final JsonObject body;

  ProvidersHandler(QuotaService service) {
    body = new JsonObject();
    body.addProperty("default", service.defaultProvider().id());
    body.add("providers", list(service));
  }

  static JsonArray list(QuotaService service) {
    JsonArray providers = new JsonArray();
    service.providers().forEach(provider -> providers.add(ProviderJson.render(provider)));
    return providers;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.send(exchange, 200, body);
  }
}
