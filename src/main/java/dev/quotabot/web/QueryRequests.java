package dev.quotabot.web;

import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaService;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks the body of a query request ({@code /api/balance} and its streaming twin):
 * refuses keys in the URL, non-JSON, oversized and malformed bodies with a JSON error, and hands a
 * valid query on, dispatched: the exchange stays open after the callback returns, until the
 * callback's own work ends it.
 */
final class QueryRequests {
  private final QuotaService service;

  QueryRequests(QuotaService service) {
    this.service = service;
  }

  void read(HttpServerExchange exchange, BiConsumer<HttpServerExchange, QuotaQuery> onQuery) {
    RequestChecks.refuseSecretsInUrl(exchange);
    RequestChecks.requireJson(exchange);
    BoundedRequestBody.read(
        exchange,
        (current, body) -> {
          QuotaQuery query;
          try {
            @Nullable String authorization =
                current.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            query = service.check(BalanceRequest.from(StrictJson.parse(body), authorization));
          } catch (RuntimeException invalid) {
            Problems.send(current, invalid);
            return;
          }
          QuotaQuery valid = query;
          current.dispatch(SameThreadExecutor.INSTANCE, () -> onQuery.accept(current, valid));
        });
  }
}
