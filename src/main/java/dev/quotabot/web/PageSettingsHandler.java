package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.ProviderRegistry;
import dev.quotabot.quota.QuotaSettings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/config}: what the page needs to know (default models, limits, providers). */
final class PageSettingsHandler implements HttpHandler {
  private final JsonObject body;

  PageSettingsHandler(QuotaSettings settings, ProviderRegistry registry) {
    JsonArray models = new JsonArray();
    settings.defaultModels().forEach(models::add);
    body = new JsonObject();
    body.add("default_models", models);
    body.addProperty("max_models", settings.maxModels());
    body.addProperty("probe_timeout_ms", settings.probeTimeout().toMillis());
    JsonArray providers = new JsonArray();
    registry
        .listing()
        .forEach(
            provider ->
                providers.add(
                    provider(provider.id(), provider.displayName(), provider.needsBaseUrl())));
    body.add("providers", providers);
  }

  private static JsonObject provider(String id, String name, boolean needsBaseUrl) {
    JsonObject provider = new JsonObject();
    provider.addProperty("id", id);
    provider.addProperty("name", name);
    provider.addProperty("needs_base_url", needsBaseUrl);
    return provider;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.send(exchange, 200, body);
  }
}
