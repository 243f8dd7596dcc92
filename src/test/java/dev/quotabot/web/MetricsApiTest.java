package dev.quotabot.web;

import static dev.quotabot.support.FakeModelScope.withQuota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.Await;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real query through the web door leaves in /metrics: the query, the upstream's time and the
 * probe, each with its labels, a refusal for a 429, and never a key, a model or a client.
 */
final class MetricsApiTest {
  private static final String KEY = "ms-METRICS-0123456789abcdefWXYZ";
  private static final String MODEL = "Qwen/Qwen3-32B";

  private FakeModelScope modelScope;
  private RunningApp app;

  @BeforeEach
  void start() {
    modelScope = FakeModelScope.start(0);
    modelScope.model(MODEL, withQuota(2000, 1500, 500, 20));
    Map<String, String> properties = new HashMap<>(modelScope.properties());
    properties.put("metrics.port", "0");
    properties.put("web.rate_limit_per_minute", "2");
    app = RunningApp.start(properties);
  }

  @AfterEach
  void stop() {
    app.close();
    modelScope.close();
  }

  private HttpResponse<String> query() {
    return HttpCalls.postJson(
        app.uri("/api/balance"), "{\"models\":[\"" + MODEL + "\"],\"api_key\":\"" + KEY + "\"}");
  }

  @Test
  void countsTheQueryItsUpstreamTimeAndItsProbeByProvider() {
    // WHEN one model is queried through the web
    HttpResponse<String> answer = query();
    assertEquals(200, answer.statusCode(), answer.body());

    // THEN the query is counted by door, provider and outcome, the upstream timed by provider and
    // call, and the one probe counted
    String text = app.scrape();
    assertTrue(
        text.contains(
            "quotabot_queries_total{door=\"web\",outcome=\"ok\",provider=\"modelscope\"} 1.0"),
        text);
    assertTrue(text.contains("quotabot_probes_sent_total{provider=\"modelscope\"} 1.0"), text);
    assertTrue(
        text.contains(
            "quotabot_upstream_duration_seconds_count{call=\"probe\",provider=\"modelscope\"} 1"),
        text);
    assertTrue(
        text.contains(
            "quotabot_upstream_duration_seconds_count{call=\"account\",provider=\"modelscope\"} 1"),
        text);
    assertTrue(
        text.contains(
            "quotabot_upstream_duration_seconds_bucket{call=\"probe\",provider=\"modelscope\","
                + "le=\"20.0\"} 1"),
        "a histogram, with buckets:\n" + text);
  }

  @Test
  void countsAStreamedQueryUnderItsOwnDoor() {
    // WHEN one model is queried through the streaming endpoint
    HttpResponse<String> answer =
        HttpCalls.postJson(
            app.uri("/api/balance/stream"),
            "{\"models\":[\"" + MODEL + "\"],\"api_key\":\"" + KEY + "\"}");
    assertEquals(200, answer.statusCode(), answer.body());

    // THEN it is counted as the web_stream door's
    assertTrue(
        app.scrape()
            .contains(
                "quotabot_queries_total{door=\"web_stream\",outcome=\"ok\",provider=\"modelscope\"}"
                    + " 1.0"),
        app.scrape());
  }

  @Test
  void countsARefusedQueryAndTheRouteTemplateNotThePath() {
    // WHEN a client spends its allowance of 2 and asks a third time
    query();
    query();
    HttpResponse<String> refused = query();

    // THEN the third is refused and counted as such, under the route's template
    assertEquals(429, refused.statusCode());
    String limited =
        "http_server_requests_seconds_count{method=\"POST\",status=\"429\",uri=\"/api/balance\"} 1";
    Await.until("the 429 counted", () -> app.scrape().contains(limited));
    assertTrue(app.scrape().contains("quotabot_web_rate_limited_total 1.0"), app.scrape());
  }

  @Test
  void aScannerCreatesNoSeriesPerPath() {
    // WHEN paths that no route knows are asked
    for (String path : new String[] {"/wp-admin/setup.php", "/.env", "/" + KEY}) {
      assertEquals(404, HttpCalls.get(app.uri(path)).statusCode());
    }

    // THEN they are one series, and no path is a label
    String misses =
        "http_server_requests_seconds_count{method=\"GET\",status=\"404\",uri=\"unmatched\"} 3";
    Await.until("the misses counted", () -> app.scrape().contains(misses));
    String text = app.scrape();
    assertFalse(text.contains("wp-admin") || text.contains(".env"), text);
  }

  @Test
  void noScrapeHoldsAKeyAModelOrAClient() {
    // GIVEN queries answered and refused, with the key in the body and in a header
    query();
    HttpCalls.postJson(
        app.uri("/api/balance"),
        "{\"models\":[\"" + MODEL + "\"]}",
        "Authorization",
        "Bearer " + KEY);
    query();
    HttpCalls.get(app.uri("/" + KEY));

    // WHEN the whole text is scraped
    String text = app.scrape();

    // THEN no part of the key, no model and no client address is in it
    assertFalse(text.contains(KEY.substring(3, 20)), "a key fragment in:\n" + text);
    assertFalse(text.contains("Qwen"), "a model in:\n" + text);
    assertFalse(text.contains("127.0.0.1"), "a client address in:\n" + text);
  }
}
