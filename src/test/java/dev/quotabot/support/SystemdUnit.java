package dev.quotabot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tests only: a systemd unit file as sections of settings, each setting with every value it is
 * given (EnvironmentFile may repeat). Written here because no library on the test classpath reads
 * systemd's INI dialect, and the shipped unit uses only its plain lines.
 */
public final class SystemdUnit {
  private final Map<String, Map<String, List<String>>> sections;

  private SystemdUnit(Map<String, Map<String, List<String>>> sections) {
    this.sections = sections;
  }

  public static SystemdUnit read(Path file) {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        current = new LinkedHashMap<>();
        sections.put(trimmed.substring(1, trimmed.length() - 1), current);
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (current == null || equals <= 0) {
        throw new AssertionError(file + ": not a setting inside a section: " + trimmed);
      }
      current
          .computeIfAbsent(trimmed.substring(0, equals).strip(), name -> new ArrayList<>())
          .add(trimmed.substring(equals + 1).strip());
    }
    return new SystemdUnit(sections);
  }

  /** Every value of a setting, in file order; empty when it is not set. */
  public List<String> values(String section, String setting) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(setting, List.of());
  }

  /** The one value of a setting; fails the test when it is set never or more than once. */
  public String value(String section, String setting) {
    List<String> values = values(section, setting);
    if (values.size() != 1) {
      throw new AssertionError("[" + section + "] " + setting + " set " + values.size() + " times");
    }
    return values.get(0);
  }
}
