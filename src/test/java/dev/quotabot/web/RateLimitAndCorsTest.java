package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-client rate limit and operator-configured CORS, over real HTTP. */
final class RateLimitAndCorsTest {
  private static final String NO_KEY = "{\"models\":[\"a\"]}";

  private static HttpResponse<String> query(RunningApp app, String... headers) {
    return HttpCalls.postJson(app.uri("/api/balance"), NO_KEY, headers);
  }

  @Test
  void answers429WithRetryAfterOnceTheAllowanceIsSpent() {
    // GIVEN a limit of 2 queries a minute
    try (RunningApp app = RunningApp.start(Map.of("web.rate_limit_per_minute", "2"))) {
      // WHEN a client sends 3 (invalid ones count too: they cost the server work)
      assertEquals(400, query(app).statusCode());
      assertEquals(400, query(app).statusCode());
      HttpResponse<String> third = query(app);

      // THEN the third is refused with a JSON 429 and a Retry-After in whole seconds
      assertEquals(429, third.statusCode());
      long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
      assertTrue(HttpCalls.json(third).get("message").getAsString().contains("try again"));
      // and the page and health check are not rate limited
      assertEquals(200, HttpCalls.get(app.uri("/health")).statusCode());
    }
  }

  @Test
  void countsEachForwardedClientSeparatelyOnlyBehindATrustedProxy() {
    try (RunningApp trusting =
            RunningApp.start(Map.of("web.rate_limit_per_minute", "1", "web.trust_proxy", "true"));
        RunningApp direct = RunningApp.start(Map.of("web.rate_limit_per_minute", "1"))) {
      // WHEN two different X-Forwarded-For clients query once each
      // THEN behind a trusted proxy each has its own allowance
      assertEquals(400, query(trusting, "X-Forwarded-For", "203.0.113.7, 10.0.0.1").statusCode());
      assertEquals(400, query(trusting, "X-Forwarded-For", "198.51.100.9").statusCode());
      assertEquals(429, query(trusting, "X-Forwarded-For", "198.51.100.9").statusCode());
      // and without trust the header is ignored: both come from the same socket address
      assertEquals(400, query(direct, "X-Forwarded-For", "203.0.113.7").statusCode());
      assertEquals(429, query(direct, "X-Forwarded-For", "198.51.100.9").statusCode());
    }
  }

  @Test
  void countsAnIpv6ClientByItsSlash64AndAnIpv4ClientByItsAddress() {
    try (RunningApp app =
        RunningApp.start(Map.of("web.rate_limit_per_minute", "1", "web.trust_proxy", "true"))) {
      // WHEN two addresses of one IPv6 /64 query once each (the second written another way)
      assertEquals(400, query(app, "X-Forwarded-For", "2001:db8:1:2::1").statusCode());
      HttpResponse<String> sameSlash64 =
          query(app, "X-Forwarded-For", "[2001:0db8:0001:0002:ffff:ffff:ffff:fffe]");

      // THEN they share one allowance: the second is refused
      assertEquals(429, sameSlash64.statusCode());
      // and the next /64 has its own, as has each IPv4 address, even the neighbour's
      assertEquals(400, query(app, "X-Forwarded-For", "2001:db8:1:3::1").statusCode());
      assertEquals(400, query(app, "X-Forwarded-For", "192.0.2.1").statusCode());
      assertEquals(400, query(app, "X-Forwarded-For", "192.0.2.2").statusCode());
      assertEquals(429, query(app, "X-Forwarded-For", "192.0.2.2").statusCode());
      // and an IPv4 address written as IPv6 is that IPv4 client
      assertEquals(429, query(app, "X-Forwarded-For", "::ffff:192.0.2.1").statusCode());
    }
  }

  @Test
  void sendsCorsHeadersOnlyToConfiguredOrigins() {
    try (RunningApp app = RunningApp.start(Map.of("web.cors_origins", "https://tools.example"))) {
      // WHEN a listed origin sends a preflight
      HttpResponse<String> preflight =
          HttpCalls.send(
              HttpRequest.newBuilder(app.uri("/api/balance"))
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", "https://tools.example")
                  .header("Access-Control-Request-Method", "POST"));

      // THEN it is allowed, and another origin gets no CORS header at all
      assertEquals(204, preflight.statusCode());
      assertEquals(
          "https://tools.example",
          preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
      HttpResponse<String> other =
          HttpCalls.send(
              HttpRequest.newBuilder(app.uri("/health")).header("Origin", "https://evil.example"));
      assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }
  }
}
