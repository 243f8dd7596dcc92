package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web door's boundary, as its package-info states it: it imports only the core's public types
 * (never a provider's package, never JDA), and never names a provider in its logic.
 */
final class WebPackageTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "quotabot", "web");
  private static final Pattern PROJECT_IMPORT =
      Pattern.compile("^import (?:static )?(dev\\.quotabot\\.[\\w.]+);", Pattern.MULTILINE);
  private static final Pattern ALLOWED =
      Pattern.compile("dev\\.quotabot\\.(?:quota\\.[A-Z]\\w*|config\\.WebConfig|web\\..*)");
  private static final List<String> PROVIDER_IDS =
      List.of("modelscope", "newapi", "deepseek", "siliconflow", "openrouter", "moonshot");

  @Test
  void importsOnlyTheCoresPublicTypes() throws IOException {
    // WHEN every project import of the web door's sources is read
    List<String> imports = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Path source : sources()) {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      Matcher matcher = PROJECT_IMPORT.matcher(text);
      while (matcher.find()) {
        imports.add(matcher.group(1));
        if (!ALLOWED.matcher(matcher.group(1)).matches()) {
          wrong.add(source.getFileName() + ": " + matcher.group(1));
        }
      }
      assertTrue(!text.contains("import net.dv8tion"), source + " imports JDA");
    }

    // THEN there are some, and each is a type of dev.quotabot.quota itself (or the web config)
    assertTrue(imports.stream().anyMatch(name -> name.startsWith("dev.quotabot.quota.")));
    assertEquals(List.of(), wrong);
  }

  @Test
  void neverNamesAProvider() throws IOException {
    // WHEN the web door's sources are searched for a provider's id as a string
    List<String> found = new ArrayList<>();
    for (Path source : sources()) {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      for (String id : PROVIDER_IDS) {
        if (text.contains("\"" + id + "\"")) {
          found.add(source.getFileName() + ": " + id);
        }
      }
    }

    // THEN there is none: the door decides by capabilities and the report
    assertEquals(List.of(), found);
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.list(SOURCES)) {
      List<Path> java = files.filter(path -> path.toString().endsWith(".java")).toList();
      assertTrue(java.size() > 10, "the web door's sources were not found under " + SOURCES);
      return java;
    }
  }
}
