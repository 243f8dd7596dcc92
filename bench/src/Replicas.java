import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Issue 16: queries/s of one replica and of two, with the rate limiter kept in memory (no database)
 * and shared through PostgreSQL, and what sharing costs per query. Four real jars run at once (two
 * local, two sharing one PostgreSQL schema) against the instant {@link Stub}; every round runs the
 * four set-ups in turn with the same {@link #CLIENTS} closed-loop clients, so each ratio is taken
 * pair by pair under the same machine load. Each client has its own address (X-Forwarded-For, the
 * replicas trust the proxy), as behind nginx, so the shared limiter updates one row per client.
 *
 * <p>CPU per query is the OS's user + system time of the products (and, for the shared set-ups, of
 * every PostgreSQL process) over a set-up's timed runs, divided by the queries answered.
 *
 * <p>Usage: {@code bash bench/run.sh replicas}; {@code BENCH_POSTGRES_URL} (default the test
 * server) names the server; the bench uses (and first empties) its schema {@code bench_replicas}.
 */
final class Replicas {
  private static final int CLIENTS = 64;
  private static final int ROUNDS = 3;
  private static final double RUN_SECONDS = 5;
  private static final double WARMUP_SECONDS = 3;
  private static final String SCHEMA = "bench_replicas";
  private static final String MODEL = "bench/model-0";
  /** The kernel's clock ticks per second for /proc's CPU times (USER_HZ, 100 on Linux). */
  private static final double CLOCK_TICKS = 100;

  private Replicas() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    String server =
        System.getenv().getOrDefault(
            "BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    emptySchema();
    Path workDir = Bench.workDir();
    HttpClient client = Bench.client();
    Map<String, String> local =
        Map.of(
            "QUOTABOT_WEB_TRUST_PROXY", "true",
            "QUOTABOT_WEB_RATE_LIMIT_PER_MINUTE", "1000000");
    Map<String, String> shared = new LinkedHashMap<>(local);
    shared.put("QUOTABOT_DATABASE_URL", server + "&currentSchema=" + SCHEMA);

    List<String> lines = new ArrayList<>();
    lines.add(Bench.machine());
    try (Stub stub = new Stub();
        Product localA = product(jar, workDir, stub, client, "replica-local-a", local);
        Product localB = product(jar, workDir, stub, client, "replica-local-b", local);
        Product sharedA = product(jar, workDir, stub, client, "replica-shared-a", shared);
        Product sharedB = product(jar, workDir, stub, client, "replica-shared-b", shared)) {
      stub.mode(Stub.Mode.WHOLE);
      stub.headerDelayMs(0);
      lines.add("Rate limits of a shared replica, from its /health: " + rateLimits(client, sharedA));
      List<SetUp> setUps = setUps(localA, localB, sharedA, sharedB, "");
      timedRounds(setUps, WARMUP_SECONDS);
      // the same with the upstream's headers after 300 ms, as a real provider answers: the
      // clients then mostly wait, and what the limiter costs is measured against that wait
      stub.headerDelayMs(Stub.HEADER_DELAY_MS);
      List<SetUp> slow =
          setUps(localA, localB, sharedA, sharedB, ", upstream answers after 300 ms");
      timedRounds(slow, 1);
      stub.headerDelayMs(0);
      for (List<SetUp> phase : List.of(setUps, slow)) {
        lines.add("");
        lines.add(
            "| Set-up ("
                + CLIENTS
                + " clients, closed loop, "
                + Efficiency.fmt0(RUN_SECONDS)
                + " s per run) | Runs | Median queries/s | Min–max | Median p50 | Median p99 |"
                + " Errors | Product CPU per query | PostgreSQL CPU per query |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        for (SetUp setUp : phase) {
          lines.add(setUp.row());
        }
      }
      lines.add("");
      lines.add("| Paired ratio (median, min–max over " + ROUNDS + " rounds) | queries/s |");
      lines.add("|---|---|");
      for (List<SetUp> phase : List.of(setUps, slow)) {
        String upstream = phase == slow ? ", upstream 300 ms" : ", instant upstream";
        lines.add(ratio("2 replicas ÷ 1, limits in memory" + upstream, phase.get(1), phase.get(0)));
        lines.add(ratio("2 replicas ÷ 1, limits shared" + upstream, phase.get(3), phase.get(2)));
        lines.add(ratio("Shared ÷ in memory, 1 replica" + upstream, phase.get(2), phase.get(0)));
        lines.add(ratio("Shared ÷ in memory, 2 replicas" + upstream, phase.get(3), phase.get(1)));
      }
      setUps = new ArrayList<>(setUps);
      setUps.addAll(slow);
      lines.add("");
      for (Product product : List.of(localA, localB, sharedA, sharedB)) {
        lines.add(Efficiency.afterwards(product.log().getFileName().toString(), product, client));
      }
      for (SetUp setUp : setUps) {
        setUp.runs.stream()
            .flatMap(r -> r.errorSamples.stream())
            .limit(3)
            .forEach(e -> lines.add("Error sample (" + setUp.name + "): " + e));
      }
    }
    lines.forEach(System.out::println);
  }

  /** The four set-ups, named with {@code suffix}. */
  private static List<SetUp> setUps(
      Product localA, Product localB, Product sharedA, Product sharedB, String suffix) {
    return List.of(
        new SetUp("1 replica, limits in memory" + suffix, List.of(localA), false),
        new SetUp("2 replicas, limits in memory" + suffix, List.of(localA, localB), false),
        new SetUp("1 replica, limits shared in PostgreSQL" + suffix, List.of(sharedA), true),
        new SetUp(
            "2 replicas, limits shared in PostgreSQL" + suffix, List.of(sharedA, sharedB), true));
  }

  /** Warms each set-up, then runs every set-up in turn, {@link #ROUNDS} times. */
  private static void timedRounds(List<SetUp> setUps, double warmupSeconds)
      throws InterruptedException {
    for (SetUp setUp : setUps) {
      setUp.load.run(warmupSeconds);
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (SetUp setUp : setUps) {
        setUp.timedRun();
      }
    }
  }

  /** A set-up: which replicas the clients spread over, and its timed runs and CPU. */
  private static final class SetUp {
    final String name;
    final List<Product> replicas;
    final boolean sharesDatabase;
    final LoadClient load;
    final List<LoadClient.Result> runs = new ArrayList<>();
    double productCpuSeconds;
    double postgresCpuSeconds;

    SetUp(String name, List<Product> replicas, boolean sharesDatabase) {
      this.name = name;
      this.replicas = replicas;
      this.sharesDatabase = sharesDatabase;
      this.load =
          new LoadClient(
              c -> replicas.get(c % replicas.size()).port(),
              CLIENTS,
              (c, n) -> query(replicas.get(c % replicas.size()).port(), c));
    }

    void timedRun() throws InterruptedException {
      double products = cpu(replicas);
      double postgres = sharesDatabase ? postgresCpuSeconds() : 0;
      runs.add(load.run(RUN_SECONDS));
      productCpuSeconds += cpu(replicas) - products;
      if (sharesDatabase) {
        postgresCpuSeconds += postgresCpuSeconds() - postgres;
      }
    }

    String row() {
      double[] rates = runs.stream().mapToDouble(LoadClient.Result::perSecond).toArray();
      long queries = runs.stream().mapToLong(r -> r.all.total()).sum();
      return Efficiency.tableRow(
          name,
          runs.size(),
          Efficiency.fmt0(Efficiency.median(rates)),
          Efficiency.fmt0(Arrays.stream(rates).min().orElse(0))
              + "–"
              + Efficiency.fmt0(Arrays.stream(rates).max().orElse(0)),
          Efficiency.ms(Efficiency.median(runs.stream().mapToDouble(r -> r.all.percentileMs(50)).toArray())),
          Efficiency.ms(Efficiency.median(runs.stream().mapToDouble(r -> r.all.percentileMs(99)).toArray())),
          runs.stream().mapToLong(LoadClient.Result::errors).sum(),
          micros(productCpuSeconds, queries),
          sharesDatabase ? micros(postgresCpuSeconds, queries) : "–");
    }

    private static double cpu(List<Product> replicas) {
      return replicas.stream().mapToDouble(Product::cpuSeconds).sum();
    }
  }

  private static String ratio(String what, SetUp over, SetUp under) {
    double[] ratios =
        IntStream.range(0, over.runs.size())
            .mapToDouble(i -> over.runs.get(i).perSecond() / under.runs.get(i).perSecond())
            .toArray();
    return Efficiency.tableRow(
        what,
        "**"
            + Efficiency.fmt2(Efficiency.median(ratios))
            + "** ("
            + Efficiency.fmt2(Arrays.stream(ratios).min().orElse(0))
            + "–"
            + Efficiency.fmt2(Arrays.stream(ratios).max().orElse(0))
            + ")");
  }

  /** One query for one model, from the client's own address (as nginx would forward it). */
  private static LoadClient.Call query(int port, int client) {
    return LoadClient.post(
        "query",
        port,
        "/api/balance",
        "X-Forwarded-For: 198.18." + (client / 256) + "." + (client % 256) + "\r\n",
        "{\"models\":[\"" + MODEL + "\"],\"api_key\":\"" + Efficiency.KEY + "\"}",
        200,
        "\"status\":\"ok\"");
  }

  private static Product product(
      Path jar, Path workDir, Stub stub, HttpClient client, String name, Map<String, String> env)
      throws Exception {
    return new Product(jar, workDir, stub.port(), client, name, List.of(), env);
  }

  /** What the replica's /health says of its rate limits (shared, local_fallback, or absent). */
  private static String rateLimits(HttpClient client, Product product) {
    try {
      String body =
          client
              .send(
                  HttpRequest.newBuilder(product.url("/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      int at = body.indexOf("\"rate_limits\"");
      return at < 0 ? "(no rate_limits component: " + body + ")" : body.substring(at);
    } catch (IOException | InterruptedException failed) {
      return "(no answer: " + failed + ")";
    }
  }

  /** Drops and creates the bench's schema with psql, so every run starts from no rows. */
  private static void emptySchema() throws IOException, InterruptedException {
    Process psql =
        new ProcessBuilder(
                "psql",
                "-q",
                "-h",
                System.getenv().getOrDefault("BENCH_POSTGRES_HOST", "127.0.0.1"),
                "-U",
                "postgres",
                "-d",
                "test",
                "-c",
                "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; CREATE SCHEMA " + SCHEMA)
            .inheritIO()
            .start();
    if (psql.waitFor() != 0) {
      throw new IllegalStateException("psql could not prepare the schema " + SCHEMA);
    }
  }

  /** User + system CPU of every process named postgres, from /proc (seconds; 0 if unreadable). */
  private static double postgresCpuSeconds() {
    double ticks = 0;
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(process.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (!name.startsWith("postgres")) {
            continue;
          }
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // fields from the state on: utime is the 12th after it, stime the 13th (proc(5))
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException notLinux) {
      return 0;
    }
    return ticks / CLOCK_TICKS;
  }

  private static String micros(double cpuSeconds, long queries) {
    return queries == 0
        ? "n/a"
        : String.format(Locale.ROOT, "%.0f µs", cpuSeconds * 1e6 / queries);
  }
}
