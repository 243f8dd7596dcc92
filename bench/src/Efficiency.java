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
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Issue 6, items 2 and 3. <b>Proxy efficiency:</b> {@link #CLIENTS} closed-loop clients ({@link
 * LoadClient}) hit the stub directly with the probe the product sends, then the product with {@code
 * POST /api/balance} for one model, in alternating timed runs; the ratio of the two rates is the
 * figure. <b>Memory:</b> the product's peak RSS during those runs, and the same product load on a
 * product started as shipped (the argument file {@code src/main/jvm/jvm.options}) and on a JVM
 * started with {@code -Xmx64m}: rate, errors, peak RSS, health and the log afterwards.
 *
 * <p>The stub answers every probe at once (headers and whole body, no delay), so what is measured
 * is overhead, not waiting. A product query is more work than one direct call: the probe, plus the
 * account balance read and then the user read (3 upstream exchanges, the probe on a fresh
 * connection because the product closes it after the headers), plus parsing the query and writing
 * the JSON answer. A reference row measures those 3 exchanges done directly. A second pair repeats
 * the comparison with the probe's headers after 300 ms (as in the fan-out rows), where the clients
 * mostly wait and the ratio shows what the product adds to a realistic upstream.
 *
 * <p>Given a baseline jar (an earlier build, see bench/run.sh), a product from it runs beside this
 * one and takes its turn in every round of the instant-upstream runs, so the two jars are compared
 * on the same machine, under the same conditions, pair by pair.
 */
final class Efficiency {
  static final int CLIENTS = 64;
  private static final int ROUNDS = 3;
  private static final double RUN_SECONDS = 5;
  private static final double WARMUP_SECONDS = 3;
  static final String KEY = "ms-bench-key-0000";
  private static final String MODEL = "bench/model-0";
  private static final String AUTH = "Authorization: Bearer " + KEY + "\r\n";

  private Efficiency() {}

  /** The probe body the product sends (ModelScopeProbe.cheapestChat), sent directly. */
  static LoadClient.Call directProbe(int stubPort, String kind) {
    String chat =
        "{\"model\":\""
            + MODEL
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":1,\"stream\":true}";
    return LoadClient.post(
        kind,
        stubPort,
        "/v1/chat/completions",
        AUTH + "Accept: text/event-stream\r\n",
        chat,
        200,
        "data: [DONE]");
  }

  static LoadClient.Call productQuery(int port) {
    return LoadClient.post(
        "query",
        port,
        "/api/balance",
        "",
        "{\"models\":[\"" + MODEL + "\"],\"api_key\":\"" + KEY + "\"}",
        200,
        "\"status\":\"ok\"",
        "\"available_balance\":250");
  }

  /**
   * Runs everything and returns the lines to print (a markdown table, then notes).
   *
   * @param baselineJar an earlier build to compare with, or null
   */
  static List<String> run(Path jar, Path baselineJar, Path workDir, Stub stub, HttpClient client)
      throws Exception {
    stub.mode(Stub.Mode.WHOLE);
    stub.headerDelayMs(0);
    int stubPort = stub.port();
    LoadClient.Call probe = directProbe(stubPort, "probe");
    LoadClient direct = new LoadClient(stubPort, CLIENTS, (c, n) -> probe);
    List<LoadClient.Call> threeCalls =
        List.of(
            directProbe(stubPort, "probe"),
            LoadClient.get(
                "balance",
                stubPort,
                "/openapi/v1/magicubes/balance",
                AUTH,
                200,
                "available_balance"),
            LoadClient.get("user", stubPort, "/openapi/v1/users/me", AUTH, 200, "\"name\""));
    LoadClient upstreamWork =
        new LoadClient(stubPort, CLIENTS, (c, n) -> threeCalls.get((int) ((n + c) % 3)));

    List<LoadClient.Result> directRuns = new ArrayList<>();
    List<LoadClient.Result> productRuns = new ArrayList<>();
    List<LoadClient.Result> upstreamRuns = new ArrayList<>();
    List<LoadClient.Result> directSlowRuns = new ArrayList<>();
    List<LoadClient.Result> productSlowRuns = new ArrayList<>();
    List<LoadClient.Result> baselineRuns = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    double productCpu;
    double baselineCpu = -1;
    double baselineRss = -1;
    try (Product product =
            new Product(jar, workDir, stubPort, client, "efficiency", List.of(), Map.of());
        Product baseline =
            baselineJar == null
                ? null
                : new Product(
                    baselineJar, workDir, stubPort, client, "baseline", List.of(), Map.of())) {
      LoadClient.Call query = productQuery(product.port());
      LoadClient proxied = new LoadClient(product.port(), CLIENTS, (c, n) -> query);
      LoadClient baselineProxied =
          baseline == null
              ? null
              : new LoadClient(
                  baseline.port(), CLIENTS, (c, n) -> productQuery(baseline.port()));
      direct.run(WARMUP_SECONDS / 2);
      upstreamWork.run(WARMUP_SECONDS / 2);
      proxied.run(WARMUP_SECONDS);
      if (baselineProxied != null) {
        baselineProxied.run(WARMUP_SECONDS);
      }
      double cpuBefore = product.cpuSeconds();
      double baselineCpuBefore = baseline == null ? 0 : baseline.cpuSeconds();
      for (int round = 0; round < ROUNDS; round++) {
        directRuns.add(direct.run(RUN_SECONDS));
        productRuns.add(proxied.run(RUN_SECONDS));
        if (baselineProxied != null) {
          baselineRuns.add(baselineProxied.run(RUN_SECONDS));
        }
        upstreamRuns.add(upstreamWork.run(RUN_SECONDS));
      }
      // Each product is idle while the others run, so its CPU time is all for its own runs.
      productCpu = product.cpuSeconds() - cpuBefore;
      if (baseline != null) {
        baselineCpu = baseline.cpuSeconds() - baselineCpuBefore;
        baselineRss = baseline.peakRssMib();
      }
      // The same pair with the upstream's headers after 300 ms, as in the fan-out rows: the
      // clients then mostly wait, and the ratio shows what the product adds to that wait.
      stub.headerDelayMs(Stub.HEADER_DELAY_MS);
      proxied.run(1);
      for (int round = 0; round < ROUNDS; round++) {
        directSlowRuns.add(direct.run(RUN_SECONDS));
        productSlowRuns.add(proxied.run(RUN_SECONDS));
      }
      stub.headerDelayMs(0);
      notes.add(
          "Peak RSS of the product (VmHWM) during the efficiency runs: "
              + mib(product.peakRssMib())
              + " (JVM defaults, no -Xmx; target ≤ 200 MB).");
      notes.add(afterwards("default JVM", product, client));
    }

    List<String> shippedOptions =
        List.of("@" + Path.of("src", "main", "jvm", "jvm.options").toAbsolutePath());
    UnderLoad shipped =
        underLoad(jar, workDir, stubPort, client, "shipped", shippedOptions, "as shipped");
    UnderLoad smallHeap =
        underLoad(jar, workDir, stubPort, client, "xmx64m", List.of("-Xmx64m"), "-Xmx64m");
    notes.add(shipped.note);
    notes.add(smallHeap.note);

    List<String> lines = new ArrayList<>();
    lines.add(
        "| Measurement ("
            + CLIENTS
            + " clients, closed loop, "
            + fmt0(RUN_SECONDS)
            + " s per run) | Runs | Median req/s | Min–max req/s | Median p50 | Median p99 | Errors"
            + " | Target |");
    lines.add("|---|---|---|---|---|---|---|---|");
    lines.add(
        row("Direct: the stub's `POST /v1/chat/completions`, answered at once", directRuns, 1, ""));
    lines.add(row("Product: `POST /api/balance`, 1 model (default JVM)", productRuns, 1, ""));
    lines.add(
        ratioRow(
            "**Proxy efficiency**: product req/s ÷ direct req/s, paired runs",
            productRuns,
            directRuns,
            "≥ 0.6"));
    if (baselineJar != null) {
      lines.add(
          row(
              "Baseline jar (" + baselineJar.getFileName() + "): `POST /api/balance`, 1 model",
              baselineRuns,
              1,
              ""));
      lines.add(
          ratioRow(
              "**This jar ÷ baseline jar**, queries/s, paired runs",
              productRuns,
              baselineRuns,
              "≥ 1.00"));
      notes.add(
          "Baseline jar "
              + baselineJar.getFileName()
              + ": CPU time per query "
              + cpuPerQuery(baselineCpu, baselineRuns)
              + ", peak RSS "
              + mib(baselineRss)
              + " (JVM defaults).");
    }
    lines.add(
        row(
            "Reference: the product's 3 upstream calls (probe, balance, user) done directly;"
                + " req/s ÷ 3, latency per call",
            upstreamRuns,
            3,
            ""));
    lines.add(row("Direct, headers after 300 ms", directSlowRuns, 1, ""));
    lines.add(row("Product, headers after 300 ms", productSlowRuns, 1, ""));
    lines.add(
        ratioRow(
            "Proxy efficiency with headers after 300 ms", productSlowRuns, directSlowRuns, "–"));
    lines.add(
        row(
            "Product as shipped (`java @src/main/jvm/jvm.options`): `POST /api/balance`, 1 model",
            shipped.runs,
            1,
            ""));
    lines.add(
        row("Product with `-Xmx64m`: `POST /api/balance`, 1 model", smallHeap.runs, 1, "no errors"));
    lines.add("");
    notes.add(
        "Product CPU time per query (user + system, from the OS): "
            + cpuPerQuery(productCpu, productRuns)
            + " with JVM defaults, "
            + cpuPerQuery(shipped.cpuSeconds, shipped.runs)
            + " as shipped, "
            + cpuPerQuery(smallHeap.cpuSeconds, smallHeap.runs)
            + " with -Xmx64m.");
    lines.addAll(notes);
    for (List<LoadClient.Result> runs :
        List.of(
            directRuns,
            productRuns,
            upstreamRuns,
            directSlowRuns,
            productSlowRuns,
            baselineRuns,
            shipped.runs,
            smallHeap.runs)) {
      runs.stream()
          .flatMap(r -> r.errorSamples.stream())
          .limit(5)
          .forEach(e -> lines.add("Error sample: " + e));
    }
    return lines;
  }

  /** The product load on a product started with other JVM options. */
  private record UnderLoad(List<LoadClient.Result> runs, double cpuSeconds, String note) {}

  private static UnderLoad underLoad(
      Path jar,
      Path workDir,
      int stubPort,
      HttpClient client,
      String run,
      List<String> jvmOptions,
      String label)
      throws Exception {
    List<LoadClient.Result> runs = new ArrayList<>();
    try (Product product = new Product(jar, workDir, stubPort, client, run, jvmOptions, Map.of())) {
      LoadClient.Call query = productQuery(product.port());
      LoadClient proxied = new LoadClient(product.port(), CLIENTS, (c, n) -> query);
      proxied.run(WARMUP_SECONDS);
      double cpuBefore = product.cpuSeconds();
      for (int round = 0; round < ROUNDS; round++) {
        runs.add(proxied.run(RUN_SECONDS));
      }
      double cpuSeconds = product.cpuSeconds() - cpuBefore;
      long queries = runs.stream().mapToLong(r -> r.all.total()).sum();
      long errors = runs.stream().mapToLong(LoadClient.Result::errors).sum();
      String note =
          label
              + " ("
              + String.join(" ", jvmOptions)
              + "): "
              + queries
              + " timed queries ("
              + CLIENTS
              + " clients), "
              + errors
              + " errors; peak RSS "
              + mib(product.peakRssMib())
              + "; "
              + afterwards(label, product, client);
      return new UnderLoad(runs, cpuSeconds, note);
    }
  }

  /** Health, liveness and what the product's log says about errors, after a load. */
  static String afterwards(String label, Product product, HttpClient client) {
    int health;
    try {
      health =
          client
              .send(
                  HttpRequest.newBuilder(product.url("/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
    } catch (IOException | InterruptedException failed) {
      health = -1;
    }
    long oom = 0;
    long errorLines = 0;
    try {
      List<String> log = Files.readAllLines(product.log());
      oom = log.stream().filter(l -> l.contains("OutOfMemoryError")).count();
      errorLines = log.stream().filter(l -> l.contains("ERROR") || l.contains("Exception")).count();
    } catch (IOException unreadable) {
      errorLines = -1;
    }
    return "after the load ("
        + label
        + "): /health "
        + (health < 0 ? "did not answer" : "answered " + health)
        + ", process "
        + (product.isAlive() ? "alive" : "DEAD")
        + ", log: "
        + oom
        + " OutOfMemoryError, "
        + errorLines
        + " lines with ERROR or Exception.";
  }

  private static String row(
      String what, List<LoadClient.Result> runs, int callsPerUnit, String target) {
    double[] rates = runs.stream().mapToDouble(r -> r.perSecond() / callsPerUnit).toArray();
    long errors = runs.stream().mapToLong(LoadClient.Result::errors).sum();
    return tableRow(
        what,
        runs.size(),
        fmt0(median(rates)),
        fmt0(Arrays.stream(rates).min().orElse(0))
            + "–"
            + fmt0(Arrays.stream(rates).max().orElse(0)),
        ms(median(runs, r -> r.all.percentileMs(50))),
        ms(median(runs, r -> r.all.percentileMs(99))),
        errors,
        target.isEmpty() ? "–" : target);
  }

  /** The median, min and max of the per-round ratios of two paired series of runs. */
  private static String ratioRow(
      String what, List<LoadClient.Result> product, List<LoadClient.Result> direct, String target) {
    double[] ratios =
        IntStream.range(0, product.size())
            .mapToDouble(i -> product.get(i).perSecond() / direct.get(i).perSecond())
            .toArray();
    return tableRow(
        what,
        ratios.length,
        "**" + fmt2(median(ratios)) + "**",
        fmt2(Arrays.stream(ratios).min().orElse(0))
            + "–"
            + fmt2(Arrays.stream(ratios).max().orElse(0)),
        "–",
        "–",
        "–",
        target);
  }

  /** A markdown table row. */
  static String tableRow(Object... cells) {
    return Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |"));
  }

  private static String cpuPerQuery(double cpuSeconds, List<LoadClient.Result> runs) {
    long queries = runs.stream().mapToLong(r -> r.all.total()).sum();
    return cpuSeconds < 0 || queries == 0
        ? "n/a"
        : String.format(Locale.ROOT, "%.0f µs", cpuSeconds * 1e6 / queries);
  }

  private static double median(
      List<LoadClient.Result> runs, ToDoubleFunction<LoadClient.Result> f) {
    return median(runs.stream().mapToDouble(f).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  static String mib(double mib) {
    return mib < 0 ? "n/a (no /proc)" : String.format(Locale.ROOT, "%.0f MiB", mib);
  }

  static String ms(double ms) {
    return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.1f ms", ms);
  }

  static String fmt0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
