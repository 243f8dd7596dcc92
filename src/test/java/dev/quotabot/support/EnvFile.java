package dev.quotabot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tests only: a {@code KEY=value} file as systemd's EnvironmentFile and compose's {@code .env} read
 * it (the subset the shipped examples use: comments, blank lines, unquoted values).
 */
public final class EnvFile {
  private EnvFile() {}

  /** The variables in file order; a line that is not {@code KEY=value} fails the test. */
  public static Map<String, String> read(Path file) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String line : lines(file)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        throw new AssertionError(file + ": not KEY=value: " + trimmed);
      }
      variables.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
    }
    return variables;
  }

  private static java.util.List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
