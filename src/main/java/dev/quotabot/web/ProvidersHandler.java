package dev.quotabot.web;

import com.google.gson.annotations.SerializedName;
import dev.quotabot.quota.QuotaService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code GET /api/providers}: every provider a query may name, the default first, each with what it
 * can do and which fields it takes ({@link ProviderJson}). Rendered per request: a daily reset time
 * moves on.
 */
final class ProvidersHandler implements HttpHandler {
  private final QuotaService service;

  /** {@code {"default":<the default provider's id>,"providers":[…]}}. */
  record Providers(@SerializedName("default") String defaultId, List<ProviderJson> providers) {}

  ProvidersHandler(QuotaService service) {
    this.service = service;
  }

  static List<ProviderJson> list(QuotaService service) {
    return service.providers().stream()
        .map(provider -> ProviderJson.of(provider, service))
        .toList();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.sendText(
        exchange,
        200,
        JsonResponses.toJson(new Providers(service.defaultProvider().id(), list(service))));
  }
}
