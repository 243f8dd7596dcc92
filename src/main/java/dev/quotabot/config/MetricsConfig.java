package dev.quotabot.config;

import java.util.OptionalInt;

/**
 * The management listener that serves Prometheus metrics at {@code /metrics}, apart from the web
 * port so that a public proxy in front of the web port never exposes it.
 *
 * @param port the port to bind (0 picks a free one); empty: metrics are off and nothing listens
 * @param host the address to bind (loopback by default: a scraper on the same host or network)
 */
public record MetricsConfig(OptionalInt port, String host) {

  /** Whether the listener runs (and meters are recorded at all). */
  public boolean enabled() {
    return port.isPresent();
  }
}
