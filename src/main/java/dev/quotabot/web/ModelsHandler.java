package dev.quotabot.web;

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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/models[?provider=id]}: the model ids a provider offers (the default provider's
 * without {@code provider}); cached, served stale with a note when the upstream is down, 503 when
 * it was never reachable, 404 for an unknown provider or one without a model list.
 */
final class ModelsHandler implements HttpHandler {
  private final QuotaService service;

  /**
   * Per provider, the last body written, for the list it was written from. A catalog hands out the
   * same list until it refreshes, so most requests reuse it; a race only writes the same body
   * twice.
   */
  private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

  /** {@code {"success":true,"models":[…],"stale","fetched_at","note"}}. */
  record Models(
      boolean success,
      List<String> models,
      boolean stale,
      @Nullable String fetchedAt,
      @Nullable String note) {}

  ModelsHandler(QuotaService service) {
    this.service = service;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    @Nullable Deque<String> asked = exchange.getQueryParameters().get("provider");
    @Nullable String id = asked == null ? null : asked.peekFirst();
    @Nullable ProviderInfo provider = service.provider(id).orElse(null);
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
    @Nullable Rendered last = rendered.get(provider.id());
    if (last == null || !last.isFor(catalog)) {
      last =
          new Rendered(
              catalog.ids(), catalog.stale(), catalog.fetchedAt(), body(provider, catalog));
      rendered.put(provider.id(), last);
    }
    JsonResponses.sendText(exchange, 200, last.json());
  }

  private static String body(ProviderInfo provider, CatalogSnapshot catalog) {
    @Nullable Instant fetchedAt = catalog.fetchedAt();
    return JsonResponses.toJson(
        new Models(
            true,
            catalog.ids(),
            catalog.stale(),
            fetchedAt == null ? null : fetchedAt.toString(),
            catalog.stale()
                ? provider.name()
                    + "'s model list could not be refreshed; this is the last list it gave."
                : null));
  }

  private record Rendered(
      List<String> ids, boolean stale, @Nullable Instant fetchedAt, String json) {
    boolean isFor(CatalogSnapshot catalog) {
      return ids == catalog.ids()
          && stale == catalog.stale()
          && Objects.equals(fetchedAt, catalog.fetchedAt());
    }
  }
}
