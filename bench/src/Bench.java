import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real jar against {@link Stub} and prints a markdown table: start-up time (process start
 * to the first 200 on /health) and the wall time of {@code POST /api/balance} for 1, 10 and 50
 * models, with the upstream body either dribbled for 5 s or sent at once. Medians, because the
 * machine may be busy with other work; min and max show how busy. Then {@link Efficiency}: the
 * product's throughput under 64 concurrent clients against the stub's own, and its memory.
 *
 * <p>Usage: {@code java -cp bench/target Bench [path/to/quota-bot.jar [path/to/baseline.jar]]} (see
 * bench/run.sh); with a baseline jar, the efficiency runs compare the two side by side.
 */
public final class Bench {
  private static final int STARTS = 5;
  private static final int WARMUP = 2;
  /**
   * Untimed queries before the "warm process" row: the JIT compiles the 50-way path over the first
   * 20-30 such queries, and a server that has been up for a while has long done so.
   */
  private static final int WARM_PROCESS_WARMUP = 30;
  private static final int TIMED = 7;
  private static final int[] SIZES = {1, 10, 50};
  private static final Pattern STATUS_OK = Pattern.compile("\"status\"\\s*:\\s*\"ok\"");
  private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:");

  public static void main(String[] args) throws Exception {
    Path jar = jar(args);
    Path workDir = workDir();
    HttpClient client = client();
    List<String> rows = new ArrayList<>();

    try (Stub stub = new Stub()) {
      // The bench's own HttpClient is slow on its first call (class loading); pay that here, not
      // inside the first start-up measurement.
      client.send(
          HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + stub.port() + "/v1/models")).build(),
          HttpResponse.BodyHandlers.discarding());

      Path baselineJar = baselineJar(args);
      long[] startups = new long[STARTS];
      long[] baselineStartups = baselineJar == null ? null : new long[STARTS];
      for (int i = 0; i < STARTS; i++) {
        try (Product product = new Product(jar, workDir, stub.port(), client, i)) {
          startups[i] = product.startupNanos;
        }
        if (baselineJar != null) {
          try (Product product =
              new Product(baselineJar, workDir, stub.port(), client, "baseline-" + i, List.of(), Map.of())) {
            baselineStartups[i] = product.startupNanos;
          }
        }
      }
      rows.add(row("Start-up: process start → first 200 on /health (web only)", startups, null, baselineStartups, "≤ 1.0 s"));

      String abortNote;
      double peakRss;
      try (Product product = new Product(jar, workDir, stub.port(), client, STARTS);
          Product baseline =
              baselineJar == null
                  ? null
                  : new Product(baselineJar, workDir, stub.port(), client, "baseline-fan-out", List.of(), Map.of())) {
        abortNote = "";
        for (Stub.Mode mode : Stub.Mode.values()) {
          stub.mode(mode);
          List<long[]> mine = new ArrayList<>();
          for (int n : SIZES) {
            mine.add(fanOut(client, product, n, WARMUP));
          }
          if (mode == Stub.Mode.STREAM) {
            abortNote = streamsReport(stub);
          }
          for (int s = 0; s < SIZES.length; s++) {
            int n = SIZES[s];
            long[] theirs = baseline == null ? null : fanOut(client, baseline, n, WARMUP);
            String body = mode == Stub.Mode.STREAM ? "then body dribbled for 5 s" : "then whole body at once";
            rows.add(row("Fan-out, " + n + " model" + (n == 1 ? "" : "s") + ": headers after 300 ms, " + body, mine.get(s), 300.0, theirs, "≤ 1.10"));
          }
        }
        // The same 50 dribbled bodies once the process is warm, as a long-running server is.
        stub.mode(Stub.Mode.STREAM);
        rows.add(
            row(
                "Fan-out, 50 models, body dribbled, warm process (after "
                    + WARM_PROCESS_WARMUP
                    + " more untimed queries)",
                fanOut(client, product, 50, WARM_PROCESS_WARMUP),
                300.0,
                baseline == null ? null : fanOut(client, baseline, 50, WARM_PROCESS_WARMUP),
                "≤ 1.10"));
        peakRss = product.peakRssMib();
      }
      // Issue 6 items 2 and 3, on fresh products (so their peak RSS is that of this load alone).
      List<String> efficiency = Efficiency.run(jar, baselineJar, workDir, stub, client);
      rows.add(
          "| Reference: waiting for the dribbled body instead of stopping at the headers | – | 5300 ms | – | – | "
              + fmt(5300 / 300.0) + " | – | – | – |");

      System.out.println();
      System.out.println(
          baselineJar == null
              ? "No baseline jar: the baseline columns are empty."
              : "Baseline: " + baselineJar.getFileName() + ", started and queried in turn with this jar, in this run.");
      System.out.println("| Measurement | Runs | Median | Min | Max | Median ÷ 300 ms | Baseline median | This ÷ baseline | Target |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
      System.out.println();
      System.out.println(abortNote);
      System.out.println(
          "Peak RSS of the product (VmHWM) after all fan-out runs: "
              + Efficiency.mib(peakRss)
              + " (JVM defaults, no -Xmx).");
      System.out.println();
      efficiency.forEach(System.out::println);
      System.out.println();
      System.out.println(machine());
    }
  }

  /** The product's jar: the first argument, or target/quota-bot.jar; it must exist. */
  static Path jar(String[] args) {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/quota-bot.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no jar at " + jar + "; build it with mvn -B -q package -DskipTests");
    }
    return jar;
  }

  /** The jar to compare with: the second argument, or null when there is none. */
  static Path baselineJar(String[] args) {
    if (args.length < 2 || args[1].isBlank()) {
      return null;
    }
    Path jar = Path.of(args[1]).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no baseline jar at " + jar);
    }
    return jar;
  }

  /** Where the products run (no bot.properties there) and write their logs. */
  static Path workDir() throws IOException {
    Path workDir = Path.of("bench", "target", "run").toAbsolutePath();
    Files.createDirectories(workDir);
    return workDir;
  }

  /** The bench's own client for /health and the fan-out queries. */
  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** The machine line: core count, Java, OS, and any extra product JVM options. */
  static String machine() {
    List<String> extra = Product.extraJvmOptions();
    return "Machine: "
        + Runtime.getRuntime().availableProcessors()
        + " cores (availableProcessors), Java "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vm.name")
        + "), "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch")
        + "."
        + (extra.isEmpty()
            ? ""
            : " Product JVM options from BENCH_PRODUCT_JVM_OPTIONS: " + String.join(" ", extra) + ".");
  }

  /** {@code warmup} untimed, then TIMED timed queries of n distinct models; each is checked. */
  private static long[] fanOut(HttpClient client, Product product, int n, int warmup)
      throws Exception {
    StringBuilder models = new StringBuilder();
    for (int i = 0; i < n; i++) {
      models.append(i == 0 ? "" : ",").append("\"bench/model-").append(i).append('"');
    }
    HttpRequest request =
        HttpRequest.newBuilder(product.url("/api/balance"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString("{\"models\":[" + models + "],\"api_key\":\"" + Efficiency.KEY + "\"}"))
            .build();
    long[] times = new long[TIMED];
    for (int i = 0; i < warmup + TIMED; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      long elapsed = System.nanoTime() - t0;
      // Only the per-model rows: the "account" object after them has a "status" of its own.
      String data = answer.body().split("\"account\"\\s*:", 2)[0];
      int ok = count(STATUS_OK, data);
      int rowsSeen = count(MODEL, data);
      if (answer.statusCode() != 200 || ok != n || rowsSeen != n) {
        // A fast wrong answer must never pass for a fast right one.
        throw new IllegalStateException(
            "expected 200 with " + n + " rows all ok, got " + answer.statusCode() + " with "
                + rowsSeen + " rows, " + ok + " ok:\n" + answer.body());
      }
      if (i >= warmup) {
        times[i - warmup] = elapsed;
      }
    }
    return times;
  }

  /**
   * What the stub saw of the dribbled bodies: each one the product closed early counts as aborted.
   * Waits up to one full dribble so that a stream the product did not close is counted too.
   */
  private static String streamsReport(Stub stub) {
    int expected = (WARMUP + TIMED) * Arrays.stream(SIZES).sum();
    long deadline = System.nanoTime() + (Stub.DRIBBLE_MS + 1_000) * 1_000_000L;
    while (stub.streamsAborted.get() + stub.streamsCompleted.get() < expected && System.nanoTime() < deadline) {
      Stub.sleep(50);
    }
    return "Streaming abort, as seen by the stub: of " + expected + " dribbled bodies, "
        + stub.streamsAborted.get() + " were closed by the product before their end and "
        + stub.streamsCompleted.get() + " ran to the end"
        + (stub.streamsAborted.get() + stub.streamsCompleted.get() < expected ? " (the rest were still open 6 s later)." : ".");
  }

  /** A row for this jar's times, and the baseline jar's median beside it when there is one. */
  private static String row(
      String what, long[] nanos, Double ratioBaseMs, long[] baselineNanos, String target) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double median = medianMs(nanos);
    String ratio = ratioBaseMs == null ? "–" : fmt(median / ratioBaseMs);
    String baseline = baselineNanos == null ? "–" : ms(medianMs(baselineNanos));
    String versus = baselineNanos == null ? "–" : fmt(median / medianMs(baselineNanos));
    return Efficiency.tableRow(what, nanos.length, ms(median), ms(sorted[0] / 1e6),
        ms(sorted[sorted.length - 1] / 1e6), ratio, baseline, versus, target);
  }

  private static double medianMs(long[] nanos) {
    return Efficiency.median(Arrays.stream(nanos).asDoubleStream().toArray()) / 1e6;
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, "%.0f ms", ms);
  }

  private static String fmt(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }
}
