package dev.quotabot.web;

import dev.quotabot.quota.QueryMeters;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /api/balance}: runs the query without holding any thread while the upstream answers,
 * and renders the report. HTTP 200 whenever the query ran.
 */
final class BalanceHandler implements HttpHandler {
  private final QuotaService service;
  private final QueryRequests requests;
  private final QueryMeters meters;

  BalanceHandler(QuotaService service, QueryRequests requests, QueryMeters meters) {
    this.service = service;
    this.requests = requests;
    this.meters = meters;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    requests.read(exchange, this::run);
  }

  private void run(HttpServerExchange exchange, QuotaQuery query) {
    meters
        .counted("web", service.query(query))
        // answer on the connection's IO thread, not on whichever thread finished last
        .whenCompleteAsync(
            (report, failure) -> {
              if (failure != null) {
                Problems.send(exchange, failure);
              } else {
                JsonResponses.send(exchange, 200, BalanceJson.render(report));
              }
            },
            exchange.getIoThread());
  }
}
