package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ModelDirectory;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

/**
 * {@code GET /api/models}: the provider's model ids (cached; served stale with a note when the
 * upstream is down; 503 when it was never reachable).
 */
final class ModelsHandler implements HttpHandler {
  private final ModelDirectory directory;

  ModelsHandler(ModelDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            directory
                .snapshot()
                .thenAcceptAsync(catalog -> answer(exchange, catalog), exchange.getIoThread()));
  }

  private static void answer(HttpServerExchange exchange, CatalogSnapshot catalog) {
    if (!catalog.loaded()) {
      JsonResponses.problem(
          exchange, 503, "ModelScope's model list cannot be loaded right now: try again later.");
      return;
    }
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
            ? "ModelScope's model list could not be refreshed; this is the last list it gave."
            : null);
    JsonResponses.send(exchange, 200, body);
  }
}
