package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quotabot.quota.custom.CustomProviderSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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

  @Test
  void theCommentedCustomProviderLoadsOnceUncommented() throws IOException {
    // GIVEN the example's commented provider.custom.* lines, uncommented
    String uncommented =
        String.join(
            "\n",
            Files.readAllLines(Path.of("bot.properties.example"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("# provider.custom."))
                .map(line -> line.substring(2))
                .toList());
    Properties example = new Properties();
    example.load(new StringReader(uncommented));
    Map<String, String> file = new HashMap<>();
    example.stringPropertyNames().forEach(name -> file.put(name, example.getProperty(name)));

    // WHEN loaded
    List<CustomProviderSpec> custom =
        ConfigLoader.fromMaps(file, "bot.properties.example", Map.of()).providers().custom();

    // THEN it is one valid provider, asking the documented address
    assertEquals(1, custom.size(), custom.toString());
    assertEquals("featherless", custom.get(0).id());
    assertEquals(URI.create("https://api.featherless.ai/credits/balance"), custom.get(0).url());
  }
}
