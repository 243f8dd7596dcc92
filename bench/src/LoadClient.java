import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator: a fixed number of client threads, each with its own
 * keep-alive connection, each sending its next request only when the previous answer has been read
 * to its end. The same client hits the stub directly and the product, so the two are comparable.
 * Every answer is judged against what the request expects (status and pieces of the body), and the
 * latency of each (send to last byte, {@link System#nanoTime()}) is kept.
 */
final class LoadClient {
  private static final int SO_TIMEOUT_MS = 30_000;
  private static final int ERROR_SAMPLES = 8;

  /** How an answer is counted. */
  enum Outcome {
    /** The expected 2xx, with the expected body. */
    OK,
    /** The expected 4xx (the request was wrong on purpose), with the expected body. */
    INTENDED_4XX,
    /** 429 where it was not expected: the product's rate limiter. */
    RATE_LIMITED,
    /** Anything else: another status, a body without what it should hold, or an I/O failure. */
    ERROR
  }

  /** One request, ready to write, and what a right answer to it looks like. */
  record Call(String kind, byte[] bytes, int expectedStatus, List<String> mustContain) {}

  /** Which call client {@code client} sends as its {@code n}-th (from 0). */
  interface Plan {
    Call next(int client, long n);
  }

  /** An answer as read off the wire; header names are lower-cased. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Call post(
      String kind,
      int port,
      String path,
      String headers,
      String body,
      int expected,
      String... must) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\n"
            + headers
            + "Content-Type: application/json\r\nContent-Length: "
            + bytes.length
            + "\r\n\r\n";
    return new Call(
        kind, concat(head.getBytes(StandardCharsets.US_ASCII), bytes), expected, List.of(must));
  }

  static Call get(
      String kind, int port, String path, String headers, int expected, String... must) {
    String head =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "\r\n";
    return new Call(kind, head.getBytes(StandardCharsets.US_ASCII), expected, List.of(must));
  }

  /** The tally of one kind of call. */
  static final class Tally {
    private final long[] outcomes = new long[Outcome.values().length];
    private long[] latencies = new long[1024];
    private int size;

    void add(Outcome outcome, long nanos) {
      outcomes[outcome.ordinal()]++;
      if (size == latencies.length) {
        latencies = Arrays.copyOf(latencies, size * 2);
      }
      latencies[size++] = nanos;
    }

    void addAll(Tally other) {
      for (int i = 0; i < outcomes.length; i++) {
        outcomes[i] += other.outcomes[i];
      }
      if (size + other.size > latencies.length) {
        latencies = Arrays.copyOf(latencies, size + other.size);
      }
      System.arraycopy(other.latencies, 0, latencies, size, other.size);
      size += other.size;
    }

    long count(Outcome outcome) {
      return outcomes[outcome.ordinal()];
    }

    long total() {
      return size;
    }

    /** Nearest-rank percentile of all latencies, in ms; NaN when there are none. */
    double percentileMs(double p) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = Arrays.copyOf(latencies, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100.0 * size);
      return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
  }

  /** What a run did, by kind of call and in all. */
  static final class Result {
    final Map<String, Tally> byKind;
    final Tally all = new Tally();
    final long elapsedNanos;
    final List<String> errorSamples;

    Result(Map<String, Tally> byKind, long elapsedNanos, List<String> errorSamples) {
      this.byKind = byKind;
      this.elapsedNanos = elapsedNanos;
      this.errorSamples = errorSamples;
      byKind.values().forEach(all::addAll);
    }

    double perSecond() {
      return all.total() / (elapsedNanos / 1e9);
    }

    long errors() {
      return all.count(Outcome.ERROR);
    }
  }

  /** The port client {@code c} connects to: one product, or replicas taken in turn. */
  private final java.util.function.IntUnaryOperator portOf;
  private final int clients;
  private final Plan plan;

  /** Answers read so far in the current run, for a sampler to watch the rate. */
  final AtomicLong answered = new AtomicLong();

  LoadClient(int port, int clients, Plan plan) {
    this(c -> port, clients, plan);
  }

  /** Clients spread over several servers: client {@code c} keeps to {@code portOf(c)}. */
  LoadClient(java.util.function.IntUnaryOperator portOf, int clients, Plan plan) {
    this.portOf = portOf;
    this.clients = clients;
    this.plan = plan;
  }

  /**
   * Runs every client for {@code seconds}: after that no client starts a new call, and the run ends
   * when the last answer in flight is in. The rate counts those last answers too, over the whole
   * time until then.
   */
  Result run(double seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Map<String, Tally>> perThread = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Map<String, Tally> mine = new HashMap<>();
      perThread.add(mine);
      int client = c;
      Thread thread = new Thread(() -> loop(client, end, mine, errors), "load-" + c);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    Map<String, Tally> byKind = new TreeMap<>();
    for (Map<String, Tally> mine : perThread) {
      mine.forEach((kind, tally) -> byKind.computeIfAbsent(kind, k -> new Tally()).addAll(tally));
    }
    return new Result(byKind, elapsed, errors);
  }

  private void loop(int client, long end, Map<String, Tally> tallies, List<String> errors) {
    Connection connection = null;
    for (long n = 0; System.nanoTime() < end; n++) {
      Call call = plan.next(client, n);
      Tally tally = tallies.computeIfAbsent(call.kind(), k -> new Tally());
      long t0 = System.nanoTime();
      try {
        if (connection == null) {
          connection = new Connection(portOf.applyAsInt(client));
        }
        Answer answer = connection.exchange(call.bytes());
        long nanos = System.nanoTime() - t0;
        Outcome outcome = judge(call, answer);
        tally.add(outcome, nanos);
        if (outcome == Outcome.ERROR) {
          sample(errors, call.kind() + ": HTTP " + answer.status() + " " + snippet(answer.text()));
        }
        if ("close".equalsIgnoreCase(answer.headers().get("connection"))) {
          connection.close();
          connection = null;
        }
      } catch (IOException | RuntimeException failed) {
        tally.add(Outcome.ERROR, System.nanoTime() - t0);
        sample(errors, call.kind() + ": " + failed);
        if (connection != null) {
          connection.close();
        }
        connection = null;
        Stub.sleep(10); // a refused connection must not become a busy loop
      }
      answered.incrementAndGet();
    }
    if (connection != null) {
      connection.close();
    }
  }

  static Outcome judge(Call call, Answer answer) {
    String body = answer.text();
    boolean right =
        answer.status() == call.expectedStatus()
            && call.mustContain().stream().allMatch(body::contains);
    if (right) {
      return answer.status() < 300 ? Outcome.OK : Outcome.INTENDED_4XX;
    }
    if (answer.status() == 429 && call.expectedStatus() != 429) {
      return Outcome.RATE_LIMITED;
    }
    return Outcome.ERROR;
  }

  private static void sample(List<String> errors, String what) {
    synchronized (errors) {
      if (errors.size() < ERROR_SAMPLES) {
        errors.add(what);
      }
    }
  }

  private static String snippet(String body) {
    String flat = body.replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }

  /** One keep-alive connection; not thread-safe (each client thread has its own). */
  static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(SO_TIMEOUT_MS);
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      out = socket.getOutputStream();
    }

    /** Sends one request and reads its whole answer (Content-Length, chunked, or to the end). */
    Answer exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line(in);
      if (statusLine == null) {
        throw new IOException("connection closed before the status line");
      }
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.x status line: " + snippet(statusLine));
      }
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new HashMap<>();
      for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        if (colon > 0) {
          headers.put(
              header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              header.substring(colon + 1).trim());
        }
      }
      byte[] body;
      String length = headers.get("content-length");
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = chunked(in);
      } else if (length != null) {
        body = in.readNBytes(Integer.parseInt(length));
      } else {
        body = in.readAllBytes();
        headers.put("connection", "close");
      }
      return new Answer(status, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = line(in);
        if (size == null) {
          throw new IOException("connection closed inside a chunked body");
        }
        int semicolon = size.indexOf(';');
        int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (n == 0) {
          for (String trailer = line(in);
              trailer != null && !trailer.isEmpty();
              trailer = line(in)) {
            // trailers are not used
          }
          return body.toByteArray();
        }
        body.write(in.readNBytes(n));
        line(in); // the CRLF after the chunk
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** One CRLF-terminated line, without the CRLF; null at end of stream. */
  static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int last = line.length() - 1;
        return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
      }
      line.append((char) b);
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
