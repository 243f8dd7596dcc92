package dev.quotabot.web;

import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaQueryFactory;
import dev.quotabot.quota.QuotaService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;

/**
 * {@code POST /api/balance}: checks the request, runs the query without holding any thread while
 * the upstream answers, and renders the report. HTTP 200 whenever the query ran.
 */
final class BalanceHandler implements HttpHandler {
  private final QuotaService service;
  private final QuotaQueryFactory queries;

  BalanceHandler(QuotaService service, QuotaQueryFactory queries) {
    this.service = service;
    this.queries = queries;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    RequestChecks.refuseSecretsInUrl(exchange);
    RequestChecks.requireJson(exchange);
    BoundedRequestBody.read(exchange, this::onBody);
  }

  private void onBody(HttpServerExchange exchange, byte[] body) {
    QuotaQuery query;
    try {
      String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
      BalanceRequest request = BalanceRequest.from(StrictJson.parse(body), authorization);
      query = queries.create(request.apiKey(), request.modelPieces());
    } catch (RuntimeException invalid) {
      Problems.send(exchange, invalid);
      return;
    }
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            service
                .query(query)
                // answer on the connection's IO thread, not on whichever thread finished last
                .whenCompleteAsync(
                    (report, failure) -> {
                      if (failure != null) {
                        Problems.send(exchange, failure);
                      } else {
                        JsonResponses.send(exchange, 200, BalanceJson.render(report));
                      }
                    },
                    exchange.getIoThread()));
  }
}
