package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Text.of("area.name", "slot", value…)} in the core's sources names a text its area's
 * English bundle has, with exactly the slots that text has: a typo in a code or a slot would
 * otherwise only show when that rare failure happens.
 */
final class TextCodesTest {
  private static final Path CORE = Path.of("src/main/java/dev/quotabot/quota");
  private static final Pattern CALL = Pattern.compile("Text\\.of\\(\\s*\"([a-z0-9_.]+)\"");
  private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*)\"");

  @Test
  void everyCodeUsedHasAnEnglishTextWithTheSlotsGiven() throws IOException {
    List<String> problems = new ArrayList<>();
    int calls = 0;
    try (Stream<Path> files = Files.walk(CORE)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher call = CALL.matcher(source);
        while (call.find()) {
          calls++;
          String code = call.group(1);
          String pattern = english(code);
          if (pattern == null) {
            problems.add(file.getFileName() + ": no English text for " + code);
            continue;
          }
          Set<String> given = slotsGiven(source, call.end());
          Set<String> wanted = new TreeSet<>(Text.slots(pattern));
          if (!given.equals(wanted)) {
            problems.add(file.getFileName() + ": " + code + " gets " + given + ", has " + wanted);
          }
        }
      }
    }
    assertTrue(calls > 0, "no Text.of call found under " + CORE);
    assertEquals(List.of(), problems);
  }

  /** The slot names of the call whose first argument ended at {@code from}: every other literal. */
  private static Set<String> slotsGiven(String source, int from) {
    int depth = 1;
    int end = from;
    boolean quoted = false;
    for (; end < source.length() && depth > 0; end++) {
      char c = source.charAt(end);
      if (c == '"' && source.charAt(end - 1) != '\\') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
    }
    List<String> arguments = topLevelArguments(source.substring(from, end - 1));
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < arguments.size(); i += 2) {
      Matcher literal = LITERAL.matcher(arguments.get(i).strip());
      assertTrue(literal.matches(), "a slot name is not a literal: " + arguments.get(i));
      names.add(literal.group(1));
    }
    return names;
  }

  private static List<String> topLevelArguments(String rest) {
    List<String> arguments = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '"' && (i == 0 || rest.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (!quoted && (c == '(' || c == '[' || c == '{')) {
        depth++;
      } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
        depth--;
      }
      if (!quoted && depth == 0 && c == ',') {
        if (!current.toString().isBlank()) {
          arguments.add(current.toString());
        }
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (!current.toString().isBlank()) {
      arguments.add(current.toString());
    }
    return arguments;
  }

  private static String english(String code) throws IOException {
    String resource = "/" + Text.baseName(code).replace('.', '/') + ".properties";
    try (InputStream in = TextCodesTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Properties texts = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        texts.load(reader);
      }
      return texts.getProperty(code);
    }
  }

  @Test
  void findsTheBundleOfEachArea() {
    assertNotNull(TextCodesTest.class.getResource("/dev/quotabot/quota/net/texts.properties"));
    assertEquals("dev.quotabot.quota.texts", Text.baseName("quota.bad_model"));
  }
}
