package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.Await;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.Ports;
import dev.quotabot.support.ProductProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as an operator runs it: a separate JVM, configured by environment, stopped by signal.
 */
final class MainProcessTest {
  @TempDir Path workingDirectory;

  private Process launch(Map<String, String> environment, String... args) throws IOException {
    return launch(List.of(), environment, args);
  }

  private Process launch(List<String> jvmOptions, Map<String, String> environment, String... args)
      throws IOException {
    Path log = workingDirectory.resolve(args.length == 0 ? "out.log" : "check.log");
    return ProductProcess.launcher(workingDirectory, log, environment, jvmOptions, args).start();
  }

  private String output() throws IOException {
    return Files.readString(workingDirectory.resolve("out.log"), StandardCharsets.UTF_8);
  }

  @Test
  void startsWebOnlyWithoutConfigurationAndExitsZeroOnSigterm() throws Exception {
    // GIVEN no config file and no token, only a port, on a one-core host, with the JVM options
    // the product ships with (so a broken argument file fails here, not in production)
    int port = Ports.unused();
    Map<String, String> environment =
        Map.of("PORT", Integer.toString(port), "QUOTABOT_WEB_HOST", "127.0.0.1");
    Process process =
        launch(
            List.of(
                "-XX:ActiveProcessorCount=1",
                "@" + Path.of("src", "main", "jvm", "jvm.options").toAbsolutePath()),
            environment);
    try {
      // WHEN it is up
      waitForHealth(URI.create("http://127.0.0.1:" + port + "/health"), process);
      assertEquals(0, healthCheckExitStatus(environment), "--healthcheck while serving");

      // THEN SIGTERM stops it gracefully with exit status 0
      process.destroy();
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "process did not stop");
      assertEquals(0, process.exitValue(), output());
      String log = output();
      assertTrue(log.contains("Discord bot is off"), log);
      assertTrue(log.contains("SIGTERM received"), log);
      assertFalse(log.contains("Exception"), log);
      assertEquals(1, healthCheckExitStatus(environment), "--healthcheck once stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void refusesInvalidConfigurationWithOneLineNamingTheKey() throws Exception {
    // GIVEN a non-numeric port
    Process process = launch(Map.of("QUOTABOT_WEB_PORT", "abc"));

    // THEN it stops at once with status 2 and one line that names the key and the source
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    List<String> lines = output().lines().filter(line -> !line.isBlank()).toList();
    assertEquals(1, lines.size(), output());
    assertTrue(
        lines.get(0).contains("web.port") && lines.get(0).contains("QUOTABOT_WEB_PORT"),
        lines.get(0));
  }

  @Test
  void refusesAMalformedUrlFromTheConfigFile() throws Exception {
    // GIVEN a bot.properties in the working directory with a bad URL
    Files.writeString(
        workingDirectory.resolve("bot.properties"), "modelscope.api_base_url=not a url\n");
    Process process = launch(Map.of());

    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(output().contains("modelscope.api_base_url"), output());
    assertFalse(output().contains("Exception"), output());
  }

  private int healthCheckExitStatus(Map<String, String> environment) throws Exception {
    Process check = launch(environment, "--healthcheck");
    assertTrue(check.waitFor(20, TimeUnit.SECONDS));
    return check.exitValue();
  }

  private static void waitForHealth(URI health, Process process) {
    Await.until("/health", Duration.ofSeconds(20), () -> !process.isAlive() || healthy(health));
    assertTrue(process.isAlive(), "the product did not answer /health");
  }

  private static boolean healthy(URI health) {
    try {
      return HttpCalls.get(health).statusCode() == 200;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }
}
