package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** metrics.port, metrics.host and log.format: their defaults, their variables, their mistakes. */
final class MetricsAndLogConfigTest {

  @Test
  void metricsAreOffAndLogsAreTextByDefault() {
    // WHEN nothing is configured
    AppConfig config = ConfigLoader.fromMaps(Map.of(), "test", Map.of());

    // THEN no metrics listener, loopback if one is turned on, and text logs
    assertFalse(config.metrics().enabled());
    assertEquals(OptionalInt.empty(), config.metrics().port());
    assertEquals("127.0.0.1", config.metrics().host());
    assertEquals(LogFormat.TEXT, config.logFormat());
  }

  @Test
  void theEnvironmentTurnsMetricsAndJsonLogsOn() {
    // WHEN the variables an operator sets in a container are given
    AppConfig config =
        ConfigLoader.fromMaps(
            Map.of(),
            "test",
            Map.of(
                "QUOTABOT_METRICS_PORT", "9464",
                "QUOTABOT_METRICS_HOST", "0.0.0.0",
                "QUOTABOT_LOG_FORMAT", "JSON"));

    // THEN metrics listen there and log lines are JSON
    assertTrue(config.metrics().enabled());
    assertEquals(OptionalInt.of(9464), config.metrics().port());
    assertEquals("0.0.0.0", config.metrics().host());
    assertEquals(LogFormat.JSON, config.logFormat());
  }

  @Test
  void aBadMetricsPortNamesTheKey() {
    ConfigException refused =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.fromMaps(
                    Map.of("metrics.port", "metrics"), "bot.properties", Map.of()));

    assertTrue(refused.getMessage().contains("metrics.port"), refused.getMessage());
    assertTrue(refused.getMessage().contains("0 to 65535"), refused.getMessage());
  }

  @Test
  void anUnknownLogFormatNamesTheKeyAndTheChoices() {
    ConfigException refused =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.fromMaps(Map.of(), "test", Map.of("QUOTABOT_LOG_FORMAT", "xml")));

    assertTrue(refused.getMessage().contains("log.format"), refused.getMessage());
    assertTrue(refused.getMessage().contains("text, json"), refused.getMessage());
    assertTrue(refused.getMessage().contains("QUOTABOT_LOG_FORMAT"), refused.getMessage());
  }
}
