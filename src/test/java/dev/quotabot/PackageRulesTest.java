package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seams DESIGN.md draws, checked on the sources: the core imports neither door's library; the
 * doors use only the core's public surface in {@code dev.quotabot.quota}, never a provider's
 * package; and no door names a provider's id in its code (it decides by what a provider declares).
 */
final class PackageRulesTest {
  private static final Path MAIN = Path.of("src", "main", "java", "dev", "quotabot");
  private static final Path PAGE = Path.of("src", "main", "resources", "static");
  private static final Pattern IMPORT = Pattern.compile("import (?:static )?([\\w.]+);");

  /** What a door may use of the core: the service, the query input, the report, the providers. */
  private static final Set<String> DOOR_SURFACE =
      Set.of(
          "QuotaService",
          "QueryMeters",
          "QuotaSettings",
          "QueryInput",
          "QuotaQuery",
          "InvalidQueryException",
          "QueryListener",
          "RunningQuery",
          "QuotaReport",
          "Account",
          "Balance",
          "ModelQuota",
          "RateLimits",
          "RateWindow",
          "CallEstimate",
          "ProbeCost",
          "ModelSpend",
          "Site",
          "Text",
          "ProbeStatus",
          "ProviderInfo",
          "Capability",
          "ModelDirectory",
          "CatalogSnapshot",
          "ModelList",
          "UpstreamText",
          "Redaction",
          // watches: what a door asks for and shows
          "watch.WatchService",
          "watch.WatchRequest",
          "watch.WatchPlan",
          "watch.WatchCreated",
          "watch.WatchSettings",
          "watch.WatchLimits",
          "watch.WatchList",
          "watch.WatchView",
          "watch.Watch",
          "watch.WatchState",
          "watch.CheckOutcome",
          "watch.Reading",
          "watch.Trend",
          "watch.Threshold",
          "watch.Thresholds",
          "watch.Alert",
          "watch.AlertSink");

  /** Provider ids as a quoted literal in code: a branch on one provider. */
  private static final Pattern PROVIDER_ID =
      Pattern.compile(
          "[\"'](?:modelscope|newapi|deepseek|siliconflow|openrouter|moonshot|stepfun|novita|302ai"
              + "|poe|venice|deepinfra|zhipu|zai|minimax|kimicode|groq|cerebras|openai|anthropic"
              + "|gemini|mistral|dashscope|volcengine|qianfan|fireworks|together)[\"']",
          Pattern.CASE_INSENSITIVE);

  @Test
  void theCoreImportsNeitherUndertowNorJda() {
    List<String> offending =
        imports(MAIN.resolve("quota")).stream()
            .filter(line -> line.contains("io.undertow") || line.contains("net.dv8tion"))
            .toList();

    assertEquals(List.of(), offending);
  }

  @Test
  void theCoreLeavesTheDatabaseToTheStore() {
    List<String> offending =
        imports(MAIN.resolve("quota")).stream()
            .filter(
                line ->
                    line.contains("java.sql")
                        || line.contains("javax.sql")
                        || line.contains("org.flywaydb")
                        || line.contains("com.zaxxer"))
            .toList();

    assertEquals(List.of(), offending);
  }

  @Test
  void theMetricsPackageOnlyServesTheRegistry() {
    List<String> offending =
        imports(MAIN.resolve("metrics")).stream()
            .filter(
                line ->
                    line.contains("net.dv8tion")
                        || line.contains("dev.quotabot.quota")
                        || line.contains("dev.quotabot.web")
                        || line.contains("dev.quotabot.discord"))
            .toList();

    assertEquals(List.of(), offending);
  }

  @Test
  void theLimitsSeamKnowsNeitherTheDoorsNorTheDatabase() {
    List<String> offending =
        imports(MAIN.resolve("limits")).stream()
            .filter(
                line ->
                    line.contains("io.undertow")
                        || line.contains("net.dv8tion")
                        || line.contains("java.sql")
                        || line.contains("javax.sql")
                        || line.contains("io.github.bucket4j")
                        || line.contains("dev.quotabot.store")
                        || line.contains("dev.quotabot.web")
                        || line.contains("dev.quotabot.discord"))
            .toList();

    assertEquals(List.of(), offending);
  }

  @Test
  void theDoorsNeverImportTheStore() {
    List<String> offending = new ArrayList<>();
    for (String door : List.of("web", "discord")) {
      imports(MAIN.resolve(door)).stream()
          .filter(
              line ->
                  line.contains("dev.quotabot.store")
                      || line.contains("java.sql")
                      || line.contains("javax.sql")
                      || line.contains("io.github.bucket4j"))
          .forEach(offending::add);
    }

    assertEquals(List.of(), offending);
  }

  @Test
  void theDoorsUseOnlyTheCoresPublicSurface() {
    for (String door : List.of("web", "discord")) {
      Set<String> outside = new TreeSet<>();
      for (String line : imports(MAIN.resolve(door))) {
        Matcher imported = IMPORT.matcher(line);
        if (imported.find() && imported.group(1).startsWith("dev.quotabot.quota.")) {
          String rest = imported.group(1).substring("dev.quotabot.quota.".length());
          if (!DOOR_SURFACE.contains(rest)) {
            outside.add(line.substring(0, line.indexOf(':')) + " → " + imported.group(1));
          }
        }
      }
      assertEquals(Set.of(), outside, door + " reaches past the core's public surface");
    }
  }

  @Test
  void noDoorNamesAProviderIdInItsCode() {
    Set<String> named = new TreeSet<>();
    for (Path root : List.of(MAIN.resolve("web"), MAIN.resolve("discord"), PAGE)) {
      for (Path file : files(root)) {
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
          String code = withoutComment(lines.get(i));
          if (PROVIDER_ID.matcher(code).find()) {
            named.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }

    assertEquals(Set.of(), named);
  }

  /** Every import line below {@code root}, as "file: import …". */
  private static List<String> imports(Path root) {
    return files(root).stream()
        .filter(file -> file.toString().endsWith(".java"))
        .flatMap(
            file ->
                read(file).stream()
                    .filter(line -> line.startsWith("import "))
                    .map(line -> file.getFileName() + ": " + line))
        .toList();
  }

  private static String withoutComment(String line) {
    String stripped = line.strip();
    if (stripped.startsWith("//") || stripped.startsWith("*") || stripped.startsWith("/*")) {
      return "";
    }
    int comment = stripped.indexOf(" // ");
    return comment < 0 ? stripped : stripped.substring(0, comment);
  }

  private static List<Path> files(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
