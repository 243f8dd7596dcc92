package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/models[?provider=id]}: the model ids a provider offers (the default provider's
 * without {@code provider}); cached, served stale with a note when the upstream is down, 503 when
 * it was never reachable, 404 for a provider without a model list.
 */
final class ModelsHandler implements HttpHandler {
  private final QuotaService service;

  /**
   * The last body written, for the list it was written from. The catalog hands out the same list
   * until it refreshes, so most requests reuse it; a race only writes the same body twice.
   */
  private volatile Rendered rendered;

  ModelsHandler(QuotaService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Deque<String> asked = exchange.getQueryParameters().get("provider");
    String id = asked == null ? null : asked.peekFirst();
    ProviderInfo provider = service.provider(id).orElse(null);
    if (provider == null || !provider.can(Capability.MODEL_CATALOG)) {
      JsonResponses.problem(
          exchange,
          404,
          provider == null
              ? "Unknown provider: GET /api/providers lists them."
              : provider.name() + " has no model list.");
      return;
    }
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            service
                .models(provider.id())
                .snapshot()
                .thenAcceptAsync(
                    catalog -> answer(exchange, provider, catalog), exchange.getIoThread()));
  }

  private void answer(HttpServerExchange exchange, ProviderInfo provider, CatalogSnapshot catalog) {
    if (!catalog.loaded()) {
      JsonResponses.problem(
          exchange,
          503,
          provider.name() + "'s model list cannot be loaded right now: try again later.");
      return;
    }
    Rendered last = rendered;
    if (last == null || !last.isFor(catalog)) {
      last =
          new Rendered(
              catalog.ids(), catalog.stale(), catalog.fetchedAt(), body(provider, catalog));
      rendered = last;
    }
    JsonResponses.send(exchange, 200, last.json());
  }

  private static String body(ProviderInfo provider, CatalogSnapshot catalog) {
    JsonArray models = new JsonArray();
    catalog.ids().forEach(models::add);
    JsonObject body = new JsonObject();
    body.addProperty("success", true);
    body.add("models", models);
    body.addProperty("stale", catalog.stale());
    body.addProperty(
        "fetched_at", catalog.fetchedAt() == null ? null : catalog.fetchedAt().toString());
    body.addProperty(
        "note",
        catalog.stale()
            ? provider.name()
                + "'s model list could not be refreshed; this is the last list it gave."
            : null);
    return JsonResponses.toJson(body);
  }

  private record Rendered(List<String> ids, boolean stale, Instant fetchedAt, String json) {
    boolean isFor(CatalogSnapshot catalog) {
      return ids == catalog.ids()
          && stale == catalog.stale()
          && Objects.equals(fetchedAt, catalog.fetchedAt());
    }
  }
}
