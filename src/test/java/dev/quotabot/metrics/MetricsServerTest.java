package dev.quotabot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.Await;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningApp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The management listener: off unless metrics.port is set, and never on the web port. */
final class MetricsServerTest {

  @Test
  void isOffByDefaultAndTheWebPortHasNoMetrics() {
    // GIVEN the product with no metrics setting
    try (RunningApp app = RunningApp.start(Map.of())) {
      // THEN nothing listens for metrics, and the web port does not serve them
      assertTrue(app.metricsPort().isEmpty());
      HttpResponse<String> web = HttpCalls.get(app.uri("/metrics"));
      assertEquals(404, web.statusCode(), web.body());
    }
  }

  @Test
  void servesPrometheusTextWithJvmAndHttpMetersWhenOn() {
    // GIVEN metrics on a free port
    try (RunningApp app = RunningApp.start(Map.of("metrics.port", "0"))) {
      // WHEN the web port has answered one request and the listener is scraped
      assertEquals(200, HttpCalls.get(app.uri("/health")).statusCode());
      // the request is timed when the exchange completes, a moment after the client has its answer
      String served =
          "http_server_requests_seconds_count{method=\"GET\",status=\"200\",uri=\"/health\"} 1";
      Await.until("the /health request counted", () -> app.scrape().contains(served));
      HttpResponse<String> scraped = HttpCalls.get(metrics(app, "/metrics"));

      // THEN it is Prometheus text with the JVM's, the process's and the web port's meters
      assertEquals(200, scraped.statusCode());
      assertEquals(
          MetricsServer.CONTENT_TYPE, scraped.headers().firstValue("Content-Type").orElseThrow());
      String text = scraped.body();
      for (String meter :
          new String[] {
            "jvm_memory_used_bytes",
            "jvm_gc_",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "process_cpu_usage",
            "process_uptime_seconds",
            served
          }) {
        assertTrue(text.contains(meter), meter + " missing from:\n" + text);
      }
    }
  }

  @Test
  void answersNotFoundForAnyOtherPath() {
    // GIVEN metrics on
    try (RunningApp app = RunningApp.start(Map.of("metrics.port", "0"))) {
      // WHEN the listener is asked for the web's page
      HttpResponse<String> other = HttpCalls.get(metrics(app, "/"));

      // THEN it serves nothing else
      assertEquals(404, other.statusCode());
    }
  }

  private static URI metrics(RunningApp app, String path) {
    return URI.create("http://127.0.0.1:" + app.metricsPort().orElseThrow() + path);
  }
}
