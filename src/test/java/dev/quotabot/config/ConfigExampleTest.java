package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** bot.properties.example documents every key, with its real default, and nothing else. */
final class ConfigExampleTest {

  @Test
  void documentsEveryKeyWithItsDefault() throws IOException {
    // GIVEN the example file shipped at the top of the repository
    Properties example = new Properties();
    try (Reader reader =
        Files.newBufferedReader(Path.of("bot.properties.example"), StandardCharsets.UTF_8)) {
      example.load(reader);
    }

    // THEN its keys and values are exactly the built-in keys and defaults
    Map<String, String> documented = new TreeMap<>();
    example.stringPropertyNames().forEach(name -> documented.put(name, example.getProperty(name)));
    Map<String, String> defaults =
        Arrays.stream(ConfigKey.values())
            .collect(
                Collectors.toMap(
                    ConfigKey::key, ConfigKey::defaultValue, (a, b) -> a, TreeMap::new));
    assertEquals(defaults, documented);
  }
}
