import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The bounded load and soak run of issue 6 (separate from the default bench because it takes
 * minutes): first the rate limiter (a client over the default allowance gets 429 with {@code
 * Retry-After} and a JSON body), then {@value #CLIENTS} closed-loop clients for a fixed time
 * sending a mix of queries that the stub answers every way it can (see {@link Stub}), plus balance
 * checks, NDJSON streams and deliberately wrong requests. Every answer is judged; the product's
 * RSS, open file descriptors, threads and CPU time are sampled along the way.
 *
 * <p>Usage: {@code java -cp bench/target/classes Soak quota-bot.jar [seconds] [product JVM
 * options...]} (see bench/run.sh soak).
 */
public final class Soak {
  private static final int CLIENTS = Efficiency.CLIENTS;
  private static final int DEFAULT_SECONDS = 300;
  private static final int WARMUP_SECONDS = 10;
  private static final int PROBE_TIMEOUT_MS = 1_000;
  private static final String KEY = Efficiency.KEY;

  /** One kind of call in the mix: how many of every 100 calls, and what it is for the table. */
  private record Kind(int weight, String what, LoadClient.Call call) {}

  private record Sample(
      double atSeconds, long answered, double rssMib, long fds, long threads, double cpuSeconds) {}

  public static void main(String[] args) throws Exception {
    Path jar = Bench.jar(args);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SECONDS;
    List<String> jvmOptions = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    Path workDir = Bench.workDir();
    HttpClient client = Bench.client();

    try (Stub stub = new Stub()) {
      stub.mode(Stub.Mode.WHOLE);
      stub.headerDelayMs(0);
      List<String> out = new ArrayList<>();
      out.add("## Rate limiter (product with the default web.rate_limit_per_minute)");
      out.add("");
      Map<String, String> defaultLimit = new HashMap<>();
      defaultLimit.put("QUOTABOT_WEB_RATE_LIMIT_PER_MINUTE", null);
      try (Product product =
          new Product(jar, workDir, stub.port(), client, "ratelimit", jvmOptions, defaultLimit)) {
        out.addAll(rateLimitCheck(product));
      }
      print(out);
      out.clear();

      out.add(
          "## Soak: "
              + seconds
              + " s, "
              + CLIENTS
              + " clients, mixed answers"
              + (jvmOptions.isEmpty()
                  ? ""
                  : ", product JVM options " + String.join(" ", jvmOptions)));
      out.add("");
      try (Product product =
          new Product(
              jar,
              workDir,
              stub.port(),
              client,
              "soak",
              jvmOptions,
              Map.of("QUOTABOT_QUOTA_PROBE_TIMEOUT_MS", Integer.toString(PROBE_TIMEOUT_MS)))) {
        out.addAll(soak(product, seconds, client));
      }
      out.add("");
      out.add(Bench.machine());
      print(out);
    }
  }

  /**
   * One client, one connection, sequential balance-only queries (they cost the stub almost nothing)
   * until the limiter answers 429; then waits as told and checks it is served again.
   */
  private static List<String> rateLimitCheck(Product product) throws Exception {
    int port = product.port();
    LoadClient.Call query =
        LoadClient.post(
            "balance",
            port,
            "/api/balance",
            "",
            "{\"api_key\":\"" + KEY + "\"}",
            200,
            "\"available_balance\":250");
    LoadClient.Call health = LoadClient.get("health", port, "/health", "", 200);
    List<String> lines = new ArrayList<>();
    try (LoadClient.Connection connection = new LoadClient.Connection(port)) {
      int served = 0;
      LoadClient.Answer limited = null;
      for (int i = 0; i < 200 && limited == null; i++) {
        LoadClient.Answer answer = connection.exchange(query.bytes());
        if (answer.status() == 429) {
          limited = answer;
        } else if (LoadClient.judge(query, answer) == LoadClient.Outcome.OK) {
          served++;
        } else {
          lines.add(
              "- FAILED: query "
                  + (i + 1)
                  + " answered HTTP "
                  + answer.status()
                  + " "
                  + answer.text());
          return lines;
        }
      }
      if (limited == null) {
        lines.add("- FAILED: 200 queries in a row were served; the limiter never answered 429.");
        return lines;
      }
      String retryAfter = limited.headers().get("retry-after");
      String type = limited.headers().getOrDefault("content-type", "");
      String body = limited.text();
      boolean jsonBody =
          type.startsWith("application/json")
              && body.contains("\"success\":false")
              && body.contains("\"message\"");
      boolean retryOk = retryAfter != null && retryAfter.matches("[1-9][0-9]*");
      int healthDuringLimit = connection.exchange(health.bytes()).status();
      lines.add(
          "- "
              + served
              + " queries served (200), then query "
              + (served + 1)
              + ": HTTP "
              + limited.status()
              + ", Retry-After: "
              + (retryAfter == null ? "MISSING" : retryAfter)
              + ", Content-Type: "
              + type
              + ", body: `"
              + body
              + "`");
      lines.add(
          "- 429 with a whole-seconds Retry-After: "
              + (retryOk ? "yes" : "NO")
              + "; JSON error body: "
              + (jsonBody ? "yes" : "NO")
              + "; GET /health while limited: "
              + healthDuringLimit
              + " (not limited)");
      if (retryOk) {
        Thread.sleep(Long.parseLong(retryAfter) * 1000 + 100);
        LoadClient.Answer again = connection.exchange(query.bytes());
        lines.add(
            "- After waiting Retry-After ("
                + retryAfter
                + " s) the same client is served again: HTTP "
                + again.status()
                + (again.status() == 200 ? " (yes)" : " (NO)"));
      }
    }
    return lines;
  }

  private static List<String> soak(Product product, int seconds, HttpClient client)
      throws Exception {
    List<Kind> kinds = mix(product.port());
    LoadClient.Call[] cycle =
        kinds.stream()
            .flatMap(k -> IntStream.range(0, k.weight()).mapToObj(i -> k.call()))
            .toArray(LoadClient.Call[]::new);
    // A different starting point per client, so they do not all send the same kind at once.
    LoadClient.Plan plan = (c, n) -> cycle[(int) ((n + c * 37L) % cycle.length)];
    LoadClient load = new LoadClient(product.port(), CLIENTS, plan);

    List<String> lines = new ArrayList<>();
    Sample idle = sample(product, 0, 0);
    LoadClient.Result warmup = load.run(WARMUP_SECONDS);
    if (warmup.errors() > 0) {
      lines.add(
          "Warm-up ("
              + WARMUP_SECONDS
              + " s, not counted below) had "
              + warmup.errors()
              + " errors, e.g. "
              + warmup.errorSamples.get(0));
    }
    load.answered.set(0);

    int every = seconds >= 120 ? 30 : Math.max(5, seconds / 4);
    List<Sample> samples = new ArrayList<>();
    long t0 = System.nanoTime();
    samples.add(sample(product, 0, 0));
    Thread sampler =
        new Thread(
            () -> {
              for (int s = every; s < seconds; s += every) {
                long wake = t0 + s * 1_000_000_000L;
                while (System.nanoTime() < wake) {
                  Stub.sleep(Math.max(1, (wake - System.nanoTime()) / 1_000_000));
                }
                synchronized (samples) {
                  samples.add(sample(product, s, load.answered.get()));
                }
              }
            },
            "soak-sampler");
    sampler.setDaemon(true);
    sampler.start();
    LoadClient.Result result = load.run(seconds);
    sampler.join(); // its last sample was due before the end of the load
    synchronized (samples) {
      samples.add(sample(product, (System.nanoTime() - t0) / 1e9, load.answered.get()));
    }
    // Let hanging and dribbling probes end (probe timeout 1 s; dribbled bodies are cut at once).
    Thread.sleep(PROBE_TIMEOUT_MS + 5_000);
    Sample after = sample(product, (System.nanoTime() - t0) / 1e9, load.answered.get());

    lines.add(
        "| Kind of call | Share | Calls | As expected | Intended 4xx | 429 | Errors | p50 | p99 |");
    lines.add("|---|---|---|---|---|---|---|---|---|");
    for (Kind kind : kinds) {
      LoadClient.Tally t = result.byKind.get(kind.call().kind());
      if (t == null) {
        continue;
      }
      lines.add(
          Efficiency.tableRow(
              kind.what(),
              kind.weight() + "%",
              t.total(),
              t.count(LoadClient.Outcome.OK),
              t.count(LoadClient.Outcome.INTENDED_4XX),
              t.count(LoadClient.Outcome.RATE_LIMITED),
              t.count(LoadClient.Outcome.ERROR),
              ms(t.percentileMs(50)),
              ms(t.percentileMs(99))));
    }
    LoadClient.Tally all = result.all;
    lines.add(
        Efficiency.tableRow(
            "**All**",
            "100%",
            "**" + all.total() + "**",
            all.count(LoadClient.Outcome.OK),
            all.count(LoadClient.Outcome.INTENDED_4XX),
            all.count(LoadClient.Outcome.RATE_LIMITED),
            "**" + all.count(LoadClient.Outcome.ERROR) + "**",
            ms(all.percentileMs(50)),
            ms(all.percentileMs(99))));
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "%d calls in %.0f s = %.0f calls/s; errors (anything but the expected answer,"
                + " intended 4xx and 429 counted apart): %d (target 0).",
            all.total(),
            result.elapsedNanos / 1e9,
            result.perSecond(),
            all.count(LoadClient.Outcome.ERROR)));
    result.errorSamples.forEach(e -> lines.add("Error sample: " + e));
    lines.add("");
    lines.add("| Time | Calls/s since last | RSS | Open fds | Threads | Product CPU since last |");
    lines.add("|---|---|---|---|---|---|");
    lines.add(sampleRow("idle, before warm-up", idle, null));
    Sample previous = null;
    for (Sample s : samples) {
      String when =
          s == samples.get(0)
              ? "0 s (warm-up done, load starting)"
              : s == samples.get(samples.size() - 1)
                  ? String.format(Locale.ROOT, "%.0f s (load finished)", s.atSeconds())
                  : String.format(Locale.ROOT, "%.0f s", s.atSeconds());
      lines.add(sampleRow(when, s, previous));
      previous = s;
    }
    lines.add(
        sampleRow(
            String.format(Locale.ROOT, "%.0f s, idle 6 s after the load", after.atSeconds()),
            after,
            previous));
    lines.add("");
    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    List<Sample> secondHalf =
        samples.stream().filter(s -> s.atSeconds() >= seconds / 2.0).collect(Collectors.toList());
    lines.add(
        "RSS: start "
            + Efficiency.mib(first.rssMib())
            + ", end "
            + Efficiency.mib(last.rssMib())
            + "; least-squares trend "
            + String.format(Locale.ROOT, "%+.1f MiB/min", trend(samples))
            + " over all samples, "
            + String.format(Locale.ROOT, "%+.1f MiB/min", trend(secondHalf))
            + " over the second half (after the heap has grown to its working size)"
            + "; peak (VmHWM) "
            + Efficiency.mib(product.peakRssMib())
            + ".");
    lines.add(
        "Open file descriptors: start "
            + first.fds()
            + ", end of load "
            + last.fds()
            + ", 6 s after "
            + after.fds()
            + " (idle before warm-up: "
            + idle.fds()
            + "). Threads: start "
            + first.threads()
            + ", end "
            + last.threads()
            + ", after "
            + after.threads()
            + ".");
    lines.add(
        String.format(
            Locale.ROOT,
            "Product CPU time during the soak: %.1f s (%.0f µs per call).",
            last.cpuSeconds() - first.cpuSeconds(),
            (last.cpuSeconds() - first.cpuSeconds()) * 1e6 / Math.max(1, all.total())));
    lines.add(Efficiency.afterwards("soak", product, client));
    return lines;
  }

  /** The mix; weights add up to 100. */
  private static List<Kind> mix(int port) {
    String many =
        IntStream.range(0, 51)
            .mapToObj(i -> "\"bench/model-" + i + "\"")
            .collect(Collectors.joining(","));
    List<Kind> kinds =
        List.of(
            new Kind(
                28,
                "1 model, ok (quota headers)",
                query(
                    port,
                    "ok-1",
                    "/api/balance",
                    KEY,
                    "\"bench/model-ok\"",
                    "\"status\":\"ok\"",
                    "\"model_request_remaining\":20")),
            new Kind(
                14,
                "5 models: ok, 429 exhausted, 404 unknown, no quota headers, slow 300 ms",
                query(
                    port,
                    "mixed-5",
                    "/api/balance",
                    KEY,
                    "\"bench/model-a\",\"bench/limit-1\",\"bench/unknown-1\",\"bench/noquota-1\",\"bench/slow-1\"",
                    "\"limit_reached\"",
                    "\"model_unavailable\"",
                    "\"no_quota_headers\"",
                    "成功查询 3/5")),
            new Kind(
                8,
                "3 models: 401, 403, 500 from the upstream",
                query(
                    port,
                    "upstream-errors",
                    "/api/balance",
                    KEY,
                    "\"bench/badkey-1\",\"bench/forbidden-1\",\"bench/broken-1\"",
                    "\"invalid_key\"",
                    "\"upstream_error\"",
                    "Aliyun")),
            new Kind(
                5,
                "1 model, body dribbled for 5 s (product stops at the headers)",
                query(
                    port,
                    "dribble",
                    "/api/balance",
                    KEY,
                    "\"bench/dribble-1\"",
                    "\"status\":\"ok\"")),
            new Kind(
                2,
                "1 model that never answers (probe timeout " + PROBE_TIMEOUT_MS + " ms)",
                query(
                    port,
                    "hang",
                    "/api/balance",
                    KEY,
                    "\"bench/hang-1\"",
                    "\"status\":\"timeout\"")),
            new Kind(
                12,
                "balance only (no models)",
                query(
                    port,
                    "balance-only",
                    "/api/balance",
                    KEY,
                    null,
                    "\"available_balance\":250",
                    "成功查询账户余额")),
            new Kind(
                5,
                "key refused by balance and probe (401)",
                query(
                    port,
                    "bad-key",
                    "/api/balance",
                    "ms-bench-badkey-0000",
                    "\"bench/model-ok\"",
                    "\"invalid_key\"",
                    "成功查询 0/1")),
            new Kind(
                8,
                "NDJSON stream, 3 models (ok, slow, unknown)",
                query(
                    port,
                    "stream",
                    "/api/balance/stream",
                    KEY,
                    "\"bench/model-ok\",\"bench/slow-2\",\"bench/unknown-2\"",
                    "\"type\":\"account\"",
                    "\"type\":\"summary\"",
                    "\"model_unavailable\"")),
            new Kind(
                3,
                "malformed JSON → 400 (intended)",
                LoadClient.post(
                    "bad-json",
                    port,
                    "/api/balance",
                    "",
                    "{\"models\":[",
                    400,
                    "\"success\":false")),
            new Kind(
                2,
                "51 models → 400 (intended)",
                LoadClient.post(
                    "too-many",
                    port,
                    "/api/balance",
                    "",
                    "{\"models\":[" + many + "],\"api_key\":\"" + KEY + "\"}",
                    400,
                    "\"success\":false")),
            new Kind(
                2,
                "GET /api/balance → 405 (intended)",
                LoadClient.get("wrong-method", port, "/api/balance", "", 405, "\"success\":false")),
            new Kind(
                2,
                "GET /nothing → 404 (intended)",
                LoadClient.get("no-such-path", port, "/nothing", "", 404, "\"success\":false")),
            new Kind(5, "GET /health", LoadClient.get("health", port, "/health", "", 200)),
            new Kind(
                4,
                "GET /api/models",
                LoadClient.get("models", port, "/api/models", "", 200, "\"success\":true")));
    int total = kinds.stream().mapToInt(Kind::weight).sum();
    if (total != 100) {
      throw new IllegalStateException("the mix adds up to " + total + "%, not 100%");
    }
    return kinds;
  }

  private static LoadClient.Call query(
      int port, String kind, String path, String key, String models, String... must) {
    String body =
        "{"
            + (models == null ? "" : "\"models\":[" + models + "],")
            + "\"api_key\":\""
            + key
            + "\"}";
    return LoadClient.post(kind, port, path, "", body, 200, must);
  }

  private static Sample sample(Product product, double at, long answered) {
    return new Sample(
        at, answered, product.rssMib(), product.openFds(), product.threads(), product.cpuSeconds());
  }

  private static String sampleRow(String when, Sample s, Sample previous) {
    String rate = "–";
    String cpu = "–";
    if (previous != null && s.atSeconds() > previous.atSeconds()) {
      double dt = s.atSeconds() - previous.atSeconds();
      rate = String.format(Locale.ROOT, "%.0f", (s.answered() - previous.answered()) / dt);
      cpu =
          String.format(
              Locale.ROOT,
              "%.1f s (%.0f%% of one core)",
              s.cpuSeconds() - previous.cpuSeconds(),
              100 * (s.cpuSeconds() - previous.cpuSeconds()) / dt);
    }
    return Efficiency.tableRow(when, rate, Efficiency.mib(s.rssMib()), s.fds(), s.threads(), cpu);
  }

  /** Slope of RSS against time in MiB per minute (least squares); 0 with fewer than 2 samples. */
  private static double trend(List<Sample> samples) {
    double[] x = samples.stream().mapToDouble(s -> s.atSeconds() / 60).toArray();
    double[] y = samples.stream().mapToDouble(Sample::rssMib).toArray();
    if (x.length < 2) {
      return 0;
    }
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - mx) * (y[i] - my);
      den += (x[i] - mx) * (x[i] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  private static String ms(double ms) {
    return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
  }

  private static void print(List<String> lines) {
    lines.forEach(System.out::println);
    System.out.println();
    System.out.flush();
  }
}
