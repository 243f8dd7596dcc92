package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core, the accessibility engine, run inside the page the browser test has open. It comes from
 * the npm registry into target/axe (installed by {@link #install()} with the machine's npm, pinned
 * to {@link #VERSION}); it is injected only by the test, through WebDriver, and never served by the
 * product.
 */
public final class AxeAudit {
  public static final String VERSION = "4.14.1";
  private static final Path PREFIX = Path.of("target", "axe");
  private static final Path SCRIPT =
      PREFIX.resolve(Path.of("node_modules", "axe-core", "axe.min.js"));
  private static final Set<String> BLOCKING = Set.of("serious", "critical");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

  /**
   * Runs axe on the whole document; violations only. Rules tagged experimental stay off (axe's
   * default), every WCAG 2.x A/AA rule and axe's best practices run.
   */
  private static final String RUN =
      """
      const done = arguments[arguments.length - 1];
      const context = arguments[0] ? document.querySelector(arguments[0]) : document;
      axe.run(context, {resultTypes: ['violations', 'incomplete']})
          .then(results => done(JSON.stringify({
            violations: results.violations,
            // What axe could not decide (e.g. text over an image): for a person to look at.
            review: results.incomplete.map(rule => rule.id + ' at '
                + rule.nodes.map(node => node.target.join(' ')).join(', '))
          })))
          .catch(error => done(JSON.stringify({error: String(error)})));
      """;

  private final String source;

  private AxeAudit(String source) {
    this.source = source;
  }

  /**
   * Why the audit cannot run here, or null when it can: installs axe-core with npm unless already
   * in target/axe. Without npm (or without the registry) the audit cannot run: on CI (CI=true) that
   * fails the build; elsewhere the caller skips, loudly.
   */
  public static String unavailable(String testClass) {
    String reason = install();
    if (reason == null) {
      return null;
    }
    String missing = testClass + " needs axe-core " + VERSION + " from npm: " + reason;
    if ("true".equals(System.getenv("CI"))) {
      fail(missing + " CI=true, so a missing axe-core fails the build.");
    }
    return missing;
  }

  /** axe-core as installed by {@link #unavailable}. */
  public static AxeAudit load() throws IOException {
    return new AxeAudit(Files.readString(SCRIPT, StandardCharsets.UTF_8));
  }

  /** Null when axe.min.js is in place (installed now or before), else why not. */
  private static String install() {
    if (Files.isRegularFile(SCRIPT) && installedVersion().equals(VERSION)) {
      return null;
    }
    try {
      Files.createDirectories(PREFIX);
      Path log = PREFIX.resolve("npm-install.log");
      Process npm =
          new ProcessBuilder(
                  "npm",
                  "install",
                  "axe-core@" + VERSION,
                  "--prefix",
                  PREFIX.toString(),
                  "--no-audit",
                  "--no-fund",
                  "--no-save",
                  "--loglevel=error")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        npm.destroyForcibly();
        return "npm install took longer than " + INSTALL_TIMEOUT + " (see " + log + ")";
      }
      if (npm.exitValue() != 0 || !Files.isRegularFile(SCRIPT)) {
        return "npm install exited " + npm.exitValue() + ": " + Files.readString(log).strip();
      }
      return null;
    } catch (IOException e) {
      return "npm could not be run (" + e.getMessage() + "); install Node.js and npm";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while installing";
    }
  }

  private static String installedVersion() {
    try {
      JsonObject manifest =
          JsonParser.parseString(
                  Files.readString(
                      PREFIX.resolve(Path.of("node_modules", "axe-core", "package.json"))))
              .getAsJsonObject();
      return manifest.get("version").getAsString();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * The serious and critical violations axe finds on the page as it is now, one readable line per
   * element, prefixed with {@code state}; empty when there are none.
   */
  public List<String> blockingViolations(ChromeDriver driver, String state) {
    return blockingViolations(driver, state, null);
  }

  /**
   * As {@link #blockingViolations(ChromeDriver, String)}, for the part of the page {@code selector}
   * names (the whole document when null).
   */
  public List<String> blockingViolations(ChromeDriver driver, String state, String selector) {
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    if (!Boolean.TRUE.equals(HeadlessChromium.js(driver, "return typeof axe === 'object';"))) {
      HeadlessChromium.js(driver, source);
    }
    String json = String.valueOf(driver.executeAsyncScript(RUN, selector));
    JsonObject parsed = JsonParser.parseString(json).getAsJsonObject();
    if (parsed.has("error")) {
      throw new AssertionError(state + ": axe.run failed: " + parsed.get("error"));
    }
    parsed
        .getAsJsonArray("review")
        .forEach(
            rule -> System.err.println("axe (" + state + "): needs review " + rule.getAsString()));
    List<String> found = new ArrayList<>();
    for (JsonElement element : parsed.getAsJsonArray("violations")) {
      JsonObject violation = element.getAsJsonObject();
      String impact = string(violation, "impact");
      if (!BLOCKING.contains(impact)) {
        // Not a failure, but worth seeing in the test's output.
        System.err.println(
            "axe ("
                + state
                + "): "
                + impact
                + " "
                + string(violation, "id")
                + " at "
                + violation.getAsJsonArray("nodes").size()
                + " element(s): "
                + string(violation, "help"));
        continue;
      }
      for (JsonElement node : violation.getAsJsonArray("nodes")) {
        JsonObject at = node.getAsJsonObject();
        found.add(
            state
                + ": "
                + impact
                + " "
                + string(violation, "id")
                + " ("
                + string(violation, "help")
                + ") at "
                + targets(at.getAsJsonArray("target"))
                + ": "
                + string(at, "failureSummary").replaceAll("\\s+", " "));
      }
    }
    return found;
  }

  /** Fails with every serious or critical violation axe finds on the page as it is now. */
  public void assertNoBlockingViolations(ChromeDriver driver, String state) {
    List<String> found = blockingViolations(driver, state);
    if (!found.isEmpty()) {
      throw new AssertionError(
          "axe-core found serious or critical violations:\n" + String.join("\n", found));
    }
  }

  private static String targets(JsonArray target) {
    List<String> selectors = new ArrayList<>();
    target.forEach(selector -> selectors.add(selector.toString()));
    return String.join(" > ", selectors);
  }

  private static String string(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }
}
