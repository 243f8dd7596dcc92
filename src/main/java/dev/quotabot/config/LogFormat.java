package dev.quotabot.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How log lines are written to the console ({@code log.format}). */
public enum LogFormat {
  /** One human-readable line per event: the product's lines as they have always been. */
  TEXT,
  /** One JSON object per line, for log shippers. */
  JSON;

  /** The names the configuration accepts. */
  static List<String> names() {
    return Arrays.stream(values()).map(format -> format.name().toLowerCase(Locale.ROOT)).toList();
  }

  static LogFormat named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
