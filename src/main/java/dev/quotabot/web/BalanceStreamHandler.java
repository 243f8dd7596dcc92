package dev.quotabot.web;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.QueryListener;
import dev.quotabot.quota.QueryMeters;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.RunningQuery;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.xnio.XnioExecutor;

/**
 * {@code POST /api/balance/stream}: the same request as {@code /api/balance}, answered as NDJSON:
 * the account line, then one line per model the moment its probe finishes, and last a summary. A
 * ping line every half second while waiting lets the server notice a client that went away (the
 * first write after it left still succeeds, the next one fails); the query's outstanding probes are
 * then closed, well within 2 s.
 */
final class BalanceStreamHandler implements HttpHandler {
  static final long PING_INTERVAL_MS = 500;
  private static final byte[] PING = NdjsonWriter.line(ping());

  private final QuotaService service;
  private final QueryRequests requests;
  private final QueryMeters meters;

  BalanceStreamHandler(QuotaService service, QueryRequests requests, QueryMeters meters) {
    this.service = service;
    this.requests = requests;
    this.meters = meters;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    requests.read(exchange, this::run);
  }

  private void run(HttpServerExchange exchange, QuotaQuery query) {
    AtomicReference<@Nullable RunningQuery> running = new AtomicReference<>();
    NdjsonWriter out = NdjsonWriter.start(exchange, () -> cancel(running));
    RunningQuery started = service.start(query, new Lines(out));
    running.set(started);
    XnioExecutor.Key ping =
        exchange
            .getIoThread()
            .executeAtInterval(() -> out.write(PING), PING_INTERVAL_MS, TimeUnit.MILLISECONDS);
    meters
        .counted("web_stream", started.report())
        .whenComplete(
            (report, failure) -> {
              ping.remove();
              if (report != null) {
                out.finish(BalanceJson.summary(report));
              } else {
                out.finish(JsonResponses.problemBody("The query failed: please try again."));
              }
            });
  }

  private static void cancel(AtomicReference<@Nullable RunningQuery> running) {
    @Nullable RunningQuery query = running.get();
    if (query != null && !query.report().isDone()) {
      query.cancel();
    }
  }

  private static JsonObject ping() {
    JsonObject ping = new JsonObject();
    ping.addProperty("type", "ping");
    return ping;
  }

  /** Writes each part as a line; the query run tells the account first, then the rows. */
  private static final class Lines implements QueryListener {
    private final NdjsonWriter out;

    Lines(NdjsonWriter out) {
      this.out = out;
    }

    @Override
    public void onAccount(Account account) {
      JsonObject line = BalanceJson.account(account);
      line.addProperty("type", "account");
      out.write(line);
    }

    @Override
    public void onModel(int index, ModelQuota row) {
      JsonObject line = BalanceJson.row(row);
      line.addProperty("type", "model");
      line.addProperty("index", index);
      out.write(line);
    }
  }
}
