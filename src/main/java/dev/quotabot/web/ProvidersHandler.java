package dev.quotabot.web;

import com.google.gson.annotations.SerializedName;
import dev.quotabot.quota.QuotaService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code GET /api/providers}: every provider a query may name, the default first, each with what it
 * can do and which fields it takes ({@link ProviderJson}).
 */
final class ProvidersHandler implements HttpHandler {
  private final String body;

  /** {@code {"default":<the default provider's id>,"providers":[…]}}. */
  record Providers(@SerializedName("default") String defaultId, List<ProviderJson> providers) {}

  ProvidersHandler(QuotaService service) {
    body = JsonResponses.toJson(new Providers(service.defaultProvider().id(), list(service)));
  }

  static List<ProviderJson> list(QuotaService service) {
    return service.providers().stream().map(ProviderJson::of).toList();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonResponses.sendText(exchange, 200, body);
  }
}
