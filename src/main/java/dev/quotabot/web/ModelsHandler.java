package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ModelDirectory;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/models}: the provider's model ids (cached; served stale with a note when the
 * upstream is down; 503 when it was never reachable).
 */
final class ModelsHandler implements HttpHandler {
  private final ModelDirectory directory;

  /**
   * The last body written, for the list it was written from. The catalog hands out the same list
   * until it refreshes, so most requests reuse it; a race only writes the same body twice.
   */
  private volatile Rendered rendered;

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

  private void answer(HttpServerExchange exchange, CatalogSnapshot catalog) {
    if (!catalog.loaded()) {
      JsonResponses.problem(
          exchange, 503, "ModelScope's model list cannot be loaded right now: try again later.");
      return;
    }
    Rendered last = rendered;
    if (last == null || !last.isFor(catalog)) {
      last = new Rendered(catalog.ids(), catalog.stale(), catalog.fetchedAt(), body(catalog));
      rendered = last;
    }
    JsonResponses.send(exchange, 200, last.json());
  }

  private static String body(CatalogSnapshot catalog) {
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
