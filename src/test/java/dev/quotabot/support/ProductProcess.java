package dev.quotabot.support;

import dev.quotabot.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tests only: the product as an operator runs it, a child JVM ({@code java -cp <this test's
 * classpath> dev.quotabot.Main}) configured by environment variables alone, with the production
 * logging setup and the JVM options it ships with. Its output goes to {@code product.log} in its
 * own working directory. Several can run side by side (e.g. two replicas on one PostgreSQL and one
 * {@link FakeDiscord}: pass {@link #environmentOf(Map)} of {@link FakeDiscord#botProperties()}).
 *
 * <p>{@link #close()} stops it as systemd and Docker do (SIGTERM, then a bounded wait); {@link
 * #kill()} is a crash (SIGKILL).
 */
public final class ProductProcess implements AutoCloseable {
  /** The JVM starts, loads the classes and binds within this, even on a busy 2-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Above web.shutdown_timeout_ms (15 s by default), as the systemd unit's TimeoutStopSec. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The web door's start-up line, in text or JSON log lines (where / may be written \/). */
  private static final Pattern LISTENING =
      Pattern.compile("listening on http:\\\\?/\\\\?/[^ \"]*?:(\\d+)\\\\?/");

  private static final Path SHIPPED_JVM_OPTIONS = Path.of("src", "main", "jvm", "jvm.options");

  private final Process process;
  private final Path log;
  private final int port;

  private ProductProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the product in {@code workingDirectory} (created if missing; its default SQLite file and
   * its log go there) and waits until {@code /health} answers 200.
   *
   * @param environment the configuration, e.g. {@code QUOTABOT_DATABASE_URL}; unless it says
   *     otherwise the product listens on a free loopback port ({@code web.port=0}), which {@link
   *     #port()} reads from its start-up line
   */
  public static ProductProcess start(Path workingDirectory, Map<String, String> environment) {
    Map<String, String> configuration = new HashMap<>();
    configuration.put("QUOTABOT_WEB_HOST", "127.0.0.1");
    configuration.put("QUOTABOT_WEB_PORT", "0");
    configuration.putAll(environment);
    try {
      Files.createDirectories(workingDirectory);
      Path log = workingDirectory.resolve("product.log");
      ProcessBuilder builder =
          launcher(
              workingDirectory,
              log,
              configuration,
              List.of("@" + SHIPPED_JVM_OPTIONS.toAbsolutePath()));
      Process process = builder.start();
      ProductProcess product = new ProductProcess(process, log, awaitPort(process, log));
      product.awaitHealth();
      return product;
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  /**
   * Configuration keys as the product's environment variables: {@code discord.token} → {@code
   * QUOTABOT_DISCORD_TOKEN} (the rule of ConfigKey, for any key, custom providers' included).
   */
  public static Map<String, String> environmentOf(Map<String, String> properties) {
    Map<String, String> environment = new HashMap<>();
    properties.forEach(
        (key, value) ->
            environment.put(
                "QUOTABOT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'),
                value));
    return environment;
  }

  /** The web port it listens on. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Everything it wrote to stdout and stderr so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The exit status, once it has exited. */
  public Optional<Integer> exitValue() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** A crash: SIGKILL, no shutdown of any kind; returns once the process is gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(STOP_TIMEOUT);
  }

  /**
   * SIGTERM, then waits (bounded) for it to finish its queries in flight and exit; returns the exit
   * status. Fails the test, after a SIGKILL, if it is still running by then.
   */
  public int stop() {
    process.destroy();
    if (!awaitExit(STOP_TIMEOUT)) {
      process.destroyForcibly();
      awaitExit(STOP_TIMEOUT);
      throw new AssertionError(
          "still running " + STOP_TIMEOUT.toSeconds() + " s after SIGTERM; log:\n" + log());
    }
    return process.exitValue();
  }

  /** Stops it with SIGTERM if it still runs (see {@link #stop()}). */
  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while waiting for the product to exit");
    }
  }

  /**
   * The product's command line as an operator runs it, for a test that drives the process itself (a
   * start that must fail, the health-check command): {@code java <jvmOptions> -cp <this test's
   * classpath> dev.quotabot.Main <args>} with the production logging, in {@code workingDirectory},
   * its output to {@code log}, configured by {@code environment} alone (none of the {@code
   * QUOTABOT_…}, {@code PORT} or {@code DISCORD_TOKEN} of whoever runs the tests).
   */
  public static ProcessBuilder launcher(
      Path workingDirectory,
      Path log,
      Map<String, String> environment,
      List<String> jvmOptions,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // the production logging setup, not the quieter one of the test classpath
    command.add("-Dlogback.configurationFile=logback.xml");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("QUOTABOT_")
                    || name.equals("PORT")
                    || name.equals("DISCORD_TOKEN"));
    builder.environment().putAll(environment);
    return builder;
  }

  private static int awaitPort(Process process, Path log) {
    try {
      return Await.value(
          "the product's web port in its log",
          START_TIMEOUT,
          () -> {
            Optional<Integer> port = listeningPort(read(log));
            if (port.isEmpty() && !process.isAlive()) {
              throw new AssertionError(
                  "the product exited with " + process.exitValue() + "; log:\n" + read(log));
            }
            return port;
          });
    } catch (AssertionError notStarted) {
      process.destroyForcibly();
      throw notStarted;
    }
  }

  static Optional<Integer> listeningPort(String log) {
    Matcher matcher = LISTENING.matcher(log);
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
  }

  private void awaitHealth() {
    try {
      Await.until(
          "/health of the product on port " + port,
          START_TIMEOUT,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(
                  "the product exited with " + process.exitValue() + "; log:\n" + log());
            }
            return healthy();
          });
    } catch (AssertionError notHealthy) {
      process.destroyForcibly();
      throw notHealthy;
    }
  }

  private boolean healthy() {
    try {
      return HttpCalls.get(uri("/health")).statusCode() == 200;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
