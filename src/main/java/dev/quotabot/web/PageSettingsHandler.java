package dev.quotabot.web;

import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code GET /api/config}: the limits a client must respect and the default provider's models, as
 * the page has always read them; {@code providers} lists every provider the way {@code GET
 * /api/providers} does; {@code model_separator} is the class of characters that separate model ids
 * (the server's own rule, so the page need not copy it).
 */
final class PageSettingsHandler implements HttpHandler {
  private final QuotaService service;

  record PageSettings(
      List<String> defaultModels,
      int maxModels,
      long probeTimeoutMs,
      List<ProviderJson> providers,
      String modelSeparator) {}

  PageSettingsHandler(QuotaService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    QuotaSettings settings = service.settings();
    PageSettings body =
        new PageSettings(
            service.defaultProvider().defaultModels(),
            settings.maxModels(),
            settings.probeTimeout().toMillis(),
            ProvidersHandler.list(service),
            ModelList.SEPARATOR_CLASS);
    JsonResponses.sendText(exchange, 200, JsonResponses.toJson(body));
  }
}
