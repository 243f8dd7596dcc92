package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page's ES modules, read as files: small, each import names a module that exists, no build.
 */
final class PageModulesTest {
  private static final Path STATIC = Path.of("src/main/resources/static");
  private static final Path MODULES = STATIC.resolve("js");
  private static final int MAX_LINES = 400;
  private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]*? from \"([^\"]+)\";");

  private static List<Path> modules() throws IOException {
    try (Stream<Path> files = Files.walk(MODULES)) {
      return files.filter(file -> file.toString().endsWith(".js")).sorted().toList();
    }
  }

  @Test
  void noModuleIsOverFourHundredLines() throws IOException {
    List<Path> modules = modules();
    assertTrue(modules.size() > 5, modules.toString());
    for (Path module : modules) {
      long lines = Files.readAllLines(module, StandardCharsets.UTF_8).size();
      assertTrue(lines <= MAX_LINES, module + " has " + lines + " lines");
    }
  }

  @Test
  void everyImportIsARelativeModuleOfThePage() throws IOException {
    for (Path module : modules()) {
      Matcher imports = IMPORT.matcher(Files.readString(module, StandardCharsets.UTF_8));
      while (imports.find()) {
        String target = imports.group(1);
        assertTrue(target.startsWith("./") || target.startsWith("../"), module + ": " + target);
        assertTrue(
            Files.isRegularFile(module.getParent().resolve(target).normalize()),
            module + " imports " + target + ", which does not exist");
      }
    }
  }

  @Test
  void thePageLoadsOnlyTheEntryModuleAndNoInnerHtmlIsUsed() throws IOException {
    String page = Files.readString(STATIC.resolve("index.html"), StandardCharsets.UTF_8);
    Matcher scripts = Pattern.compile("<script[^>]*>").matcher(page);
    assertTrue(scripts.find());
    assertEquals("<script type=\"module\" src=\"/js/main.js\">", scripts.group());
    assertFalse(scripts.find(), "one script only");
    for (Path module : modules()) {
      String code = Files.readString(module, StandardCharsets.UTF_8);
      assertFalse(code.contains(".innerHTML"), module + " uses innerHTML");
      assertFalse(code.contains("http://") && code.contains("import(\"http"), module.toString());
    }
  }
}
