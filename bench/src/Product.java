import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real jar as a separate process (web only: no Discord token, no bot.properties), pointed at
 * the stub through the environment, exactly as an operator would configure it.
 */
final class Product implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  /** Nanoseconds from just before the process was started to the first 200 on /health. */
  final long startupNanos;

  Product(Path jar, Path workDir, int stubPort, HttpClient client, int run) throws Exception {
    this(jar, workDir, stubPort, client, Integer.toString(run), List.of(), Map.of());
  }

  /**
   * @param jvmOptions options for the product's JVM, such as {@code -Xmx64m}
   * @param envChanges environment set on top of the bench's own; a null value removes a variable
   *     (so {@code QUOTABOT_WEB_RATE_LIMIT_PER_MINUTE -> null} leaves the product's default)
   */
  Product(
      Path jar,
      Path workDir,
      int stubPort,
      HttpClient client,
      String name,
      List<String> jvmOptions,
      Map<String, String> envChanges)
      throws Exception {
    port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(extraJvmOptions());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    // Nothing from the caller's environment may change what is measured (a token would start
    // the Discord bot; another port or base URL would point elsewhere).
    env.keySet().removeIf(k -> k.startsWith("QUOTABOT_") || k.equals("DISCORD_TOKEN") || k.equals("PORT"));
    env.put("QUOTABOT_WEB_HOST", "127.0.0.1");
    env.put("QUOTABOT_WEB_PORT", Integer.toString(port));
    env.put("QUOTABOT_MODELSCOPE_API_BASE_URL", "http://127.0.0.1:" + stubPort + "/v1");
    env.put("QUOTABOT_MODELSCOPE_OPENAPI_BASE_URL", "http://127.0.0.1:" + stubPort + "/openapi/v1");
    env.put("QUOTABOT_WEB_RATE_LIMIT_PER_MINUTE", "1000000");
    env.put("QUOTABOT_QUOTA_MAX_MODELS", "50");
    env.put("QUOTABOT_WEB_SHUTDOWN_TIMEOUT_MS", "1000"); // only makes stopping quicker
    new HashMap<>(envChanges)
        .forEach((key, value) -> {
          if (value == null) {
            env.remove(key);
          } else {
            env.put(key, value);
          }
        });
    // workDir has no bot.properties; the log goes to a file so a full pipe can never stall it.
    builder.directory(workDir.toFile());
    log = workDir.resolve("product-" + name + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    HttpRequest health = HttpRequest.newBuilder(url("/health")).timeout(Duration.ofSeconds(1)).build();
    long t0 = System.nanoTime();
    process = builder.start();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // connection refused until the server listens
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "product did not answer 200 on /health; see " + log + ":\n" + Files.readString(log));
      }
      Thread.sleep(5);
    }
    startupNanos = System.nanoTime() - t0;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * JVM options for every product start, from {@code BENCH_PRODUCT_JVM_OPTIONS} (space-separated;
   * empty by default), for what-if runs such as a larger common pool. The bench prints them.
   */
  static List<String> extraJvmOptions() {
    String value = System.getenv("BENCH_PRODUCT_JVM_OPTIONS");
    return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }

  int port() {
    return port;
  }

  /** The product's log file (stdout and stderr). */
  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Peak resident set size in MiB (VmHWM), or -1 where /proc is not there (not Linux). */
  double peakRssMib() {
    return statusMib("VmHWM:");
  }

  /** Resident set size now in MiB (VmRSS), or -1 where /proc is not there. */
  double rssMib() {
    return statusMib("VmRSS:");
  }

  /** Open file descriptors (entries of /proc/<pid>/fd), or -1 where /proc is not there. */
  long openFds() {
    try (var entries = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      return entries.count();
    } catch (IOException | RuntimeException notLinux) {
      return -1;
    }
  }

  /** Threads of the process (from /proc/<pid>/status), or -1 where /proc is not there. */
  long threads() {
    double threads = statusNumber("Threads:");
    return threads < 0 ? -1 : (long) threads;
  }

  /** CPU time the product has used so far (user + system), or -1 where the OS does not say. */
  double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
  }

  private double statusMib(String field) {
    double kib = statusNumber(field);
    return kib < 0 ? -1 : kib / 1024.0;
  }

  private double statusNumber(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      // fall through
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: the product's own graceful shutdown
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
