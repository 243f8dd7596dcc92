package dev.quotabot.quota.modelscope;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model ids ModelScope API-Inference offers ({@code GET {base}/models}, no auth), cached.
 *
 * <ul>
 *   <li>A list younger than the TTL is served from memory.
 *   <li>Many lookups while the list is being fetched share one upstream call.
 *   <li>If a refresh fails, the last list is served (stale) and the upstream is left alone for a
 *       short back-off, so a broken upstream is not asked once per keystroke.
 *   <li>{@link #models()} never completes exceptionally: with nothing known it yields an empty
 *       list.
 * </ul>
 */
final class ModelCatalog implements ModelDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
  static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(60);

  private final UpstreamHttp http;
  private final URI modelsUrl;
  private final long ttlNanos;
  private final long retryDelayNanos;
  private final Duration fetchTimeout;
  private final LongSupplier nanoTime;

  private final Object lock = new Object();
  private @Nullable CatalogSnapshot known; // null until a list was fetched
  private long fetchedAt;
  private long retryNotBefore;
  private boolean failedSinceLastSuccess;
  private @Nullable CompletableFuture<List<String>> inFlight;

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param apiBaseUrl API-Inference base, e.g. {@code https://api-inference.modelscope.cn/v1}
   * @param ttl how long a fetched list is served without asking again
   */
  ModelCatalog(UpstreamHttp http, URI apiBaseUrl, Duration ttl) {
    this(http, apiBaseUrl, ttl, System::nanoTime, FETCH_TIMEOUT);
  }

  ModelCatalog(
      UpstreamHttp http,
      URI apiBaseUrl,
      Duration ttl,
      LongSupplier nanoTime,
      Duration fetchTimeout) {
    this.http = http;
    this.modelsUrl = Urls.resolve(apiBaseUrl, "models");
    this.ttlNanos = ttl.toNanos();
    this.retryDelayNanos = Math.min(ttl.toNanos(), MAX_RETRY_DELAY.toNanos());
    this.fetchTimeout = fetchTimeout;
    this.nanoTime = nanoTime;
  }

  /**
   * The model ids, in the upstream's order. Completes normally, with an empty list when the list
   * has never been fetched successfully.
   */
  CompletableFuture<List<String>> models() {
    CompletableFuture<List<String>> started;
    synchronized (lock) {
      long now = nanoTime.getAsLong();
      if (known != null && now - fetchedAt < ttlNanos) {
        return CompletableFuture.completedFuture(known.ids());
      }
      if (failedSinceLastSuccess && now - retryNotBefore < 0) {
        return CompletableFuture.completedFuture(lastKnownLocked());
      }
      if (inFlight != null) {
        return inFlight.copy();
      }
      started = new CompletableFuture<>();
      inFlight = started;
    }
    fetchInto(started);
    return started.copy();
  }

  /** The list with what is known about its freshness; never completes exceptionally. */
  @Override
  public CompletableFuture<CatalogSnapshot> snapshot() {
    return models()
        .thenApply(
            ids -> {
              synchronized (lock) {
                return known == null ? CatalogSnapshot.UNAVAILABLE : known;
              }
            });
  }

  @Override
  public CatalogSnapshot current() {
    synchronized (lock) {
      return known == null ? CatalogSnapshot.UNAVAILABLE : known;
    }
  }

  private List<String> lastKnownLocked() {
    return known == null ? List.of() : known.ids();
  }

  private void fetchInto(CompletableFuture<List<String>> result) {
    fetch()
        .whenComplete(
            (@Nullable List<String> ids, @Nullable Throwable failure) -> {
              List<String> answer;
              synchronized (lock) {
                long now = nanoTime.getAsLong();
                if (inFlight == result) {
                  inFlight = null;
                }
                if (failure == null) {
                  known = new CatalogSnapshot(ids, false, Instant.now());
                  fetchedAt = now;
                  failedSinceLastSuccess = false;
                } else {
                  failedSinceLastSuccess = true;
                  retryNotBefore = now + retryDelayNanos;
                  if (known != null) {
                    known = known.asStale();
                  }
                }
                answer = lastKnownLocked();
              }
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                LOG.warn(
                    "ModelScope model list unavailable ({}); serving {} cached model ids",
                    cause instanceof CatalogUnavailable
                        ? cause.getMessage()
                        : cause.getClass().getSimpleName(),
                    answer.size());
              }
              result.complete(answer);
            });
  }

  private CompletableFuture<List<String>> fetch() {
    return http.get(modelsUrl, Map.of(), fetchTimeout, "ModelScope")
        .thenApply(
            answer -> {
              if (!answer.answered()) {
                Text why = answer.failureText();
                // a log line's reason: English
                throw new CatalogUnavailable(why == null ? "no answer" : why.english());
              }
              if (answer.status() != 200) {
                throw new CatalogUnavailable("HTTP " + answer.status());
              }
              return parse(answer.body());
            });
  }

  /** Reads {@code {"data":[{"id":"Org/Model"},…]}}, keeping ids a query would accept. */
  static List<String> parse(byte[] body) {
    if (body.length >= MAX_BODY_BYTES) {
      throw new CatalogUnavailable("body larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonElement root;
    try {
      root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
    } catch (JsonParseException malformed) {
      throw new CatalogUnavailable("not JSON");
    }
    if (!root.isJsonObject() || !root.getAsJsonObject().has("data")) {
      throw new CatalogUnavailable("no \"data\" list");
    }
    JsonElement data = root.getAsJsonObject().get("data");
    if (!data.isJsonArray()) {
      throw new CatalogUnavailable("no \"data\" list");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonElement entry : (JsonArray) data) {
      String id = idOf(entry);
      if (id != null) {
        ids.add(id);
      }
    }
    return List.copyOf(new ArrayList<>(ids));
  }

  private static @Nullable String idOf(JsonElement entry) {
    if (!entry.isJsonObject()) {
      return null;
    }
    JsonObject object = entry.getAsJsonObject();
    JsonElement id = object.get("id");
    if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString()) {
      return null;
    }
    String text = id.getAsString().strip();
    return ModelList.acceptable(text) ? text : null;
  }

  /** The upstream's answer cannot be used; the message says why, for the log. */
  private static final class CatalogUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CatalogUnavailable(String reason) {
      super(reason, null, false, false);
    }
  }
}
