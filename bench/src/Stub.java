import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ModelScope stand-in on 127.0.0.1, written on a bare ServerSocket so that we control exactly
 * when the headers leave (after {@link #headerDelayMs}, 300 ms unless changed) and how the body
 * follows (dribbled for {@link #DRIBBLE_MS}, or all at once). One thread per connection, so 50
 * probes in flight are never queued behind each other in the stub.
 *
 * <p>A model id whose name (after the {@code /}) starts with one of these words is answered
 * differently, whatever the mode, so that the soak can mix every kind of answer: {@code limit}
 * (429, quota headers at 0), {@code badkey} (401), {@code forbidden} (403), {@code unknown} (404
 * "model not found"), {@code broken} (500, an HTML page), {@code noquota} (200 without quota
 * headers), {@code slow} (headers after 300 ms), {@code dribble} (headers at once, then the body
 * dribbled) and {@code hang} (no answer at all until the caller gives up). A key containing {@code
 * badkey} is refused (401) by the probe and by the balance and user endpoints.
 */
final class Stub implements AutoCloseable {
  static final int HEADER_DELAY_MS = 300;
  static final int DRIBBLE_MS = 5_000;
  private static final int CHUNK_EVERY_MS = 100;
  private static final int HANG_MAX_MS = 30_000;
  private static final Pattern MODEL_FIELD =
      Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");
  private static final String QUOTA_HEADERS =
      "modelscope-ratelimit-requests-limit: 2000\r\n"
          + "modelscope-ratelimit-requests-remaining: 1500\r\n"
          + "modelscope-ratelimit-model-requests-limit: 500\r\n"
          + "modelscope-ratelimit-model-requests-remaining: 20\r\n";
  private static final String QUOTA_HEADERS_SPENT =
      "modelscope-ratelimit-requests-limit: 2000\r\n"
          + "modelscope-ratelimit-requests-remaining: 1480\r\n"
          + "modelscope-ratelimit-model-requests-limit: 500\r\n"
          + "modelscope-ratelimit-model-requests-remaining: 0\r\n";
  private static final Map<Integer, String> REFUSALS =
      Map.of(
          429, "{\"errors\":{\"message\":\"Request limit exceeded for this model today.\"}}",
          401, "{\"errors\":{\"message\":\"Invalid API key.\"}}",
          403, "{\"errors\":{\"message\":\"Please bind your Aliyun account first.\"}}",
          404, "{\"errors\":{\"message\":\"Model not found.\"}}",
          500, "<html><body>Internal Server Error</body></html>");
  private static final String SSE_CHUNK = "data: {\"choices\":[{\"delta\":{\"content\":\"h\"}}]}\n\n";

  enum Mode {
    /** Headers after 300 ms, then one SSE chunk every 100 ms for 5 s. */
    STREAM,
    /** Headers after 300 ms, then the whole (small) body at once. */
    WHOLE
  }

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newCachedThreadPool(daemon());
  private volatile Mode mode = Mode.STREAM;
  private volatile int headerDelayMs = HEADER_DELAY_MS;
  // A stream the client closes before its end shows up as a failed write: that is the abort.
  final AtomicInteger streamsAborted = new AtomicInteger();
  final AtomicInteger streamsCompleted = new AtomicInteger();

  Stub() throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "stub-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void mode(Mode mode) {
    this.mode = mode;
    streamsAborted.set(0);
    streamsCompleted.set(0);
  }

  /** How long an ordinary probe waits before its headers leave (0 = at once). */
  void headerDelayMs(int ms) {
    headerDelayMs = ms;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Serves requests on one keep-alive connection until the client closes it. */
  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        String requestLine = LoadClient.line(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        int contentLength = 0;
        boolean badKey = false;
        for (String header = LoadClient.line(in);
            header != null && !header.isEmpty();
            header = LoadClient.line(in)) {
          String lower = header.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            contentLength = Integer.parseInt(lower.substring(15).trim());
          } else if (lower.startsWith("transfer-encoding:")) {
            throw new IOException("stub does not read chunked request bodies");
          } else if (lower.startsWith("authorization:")) {
            badKey = lower.contains("badkey");
          }
        }
        String body = new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
        String[] parts = requestLine.split(" ");
        String target = parts[1];
        if (parts[0].equals("POST") && target.startsWith("/v1/chat/completions")) {
          if (!probe(socket, in, out, badKey ? "badkey" : behaviour(body))) {
            return;
          }
        } else if (target.startsWith("/v1/models")) {
          json(out, 200, "{\"object\":\"list\",\"data\":[]}"); // empty = no catalog check
        } else if (badKey && target.startsWith("/openapi/v1/")) {
          json(out, 401, "{\"success\":false,\"message\":\"Invalid access token\"}");
        } else if (target.startsWith("/openapi/v1/magicubes/balance")) {
          json(
              out,
              200,
              "{\"success\":true,\"request_id\":\"r-1\",\"data\":{\"total_balance\":250,"
                  + "\"available_balance\":250,\"frozen_amount\":0}}");
        } else if (target.startsWith("/openapi/v1/users/me")) {
          json(out, 200, "{\"success\":true,\"data\":{\"name\":\"bench\"}}");
        } else if (target.startsWith("/openapi/v1/magicubes/earn/rules")) {
          // today's grants, in the shape of src/test/resources/fixtures/modelscope/earn-rules-200.json
          json(
              out,
              200,
              "{\"success\":true,\"data\":[{\"rule_key\":\"daily_active\",\"category_key\":"
                  + "\"daily\",\"scene\":\"short_term\",\"amount\":200,\"today_used\":1,"
                  + "\"today_remain\":0,\"today_earned_amount\":200}]}");
        } else {
          json(out, 404, "{\"error\":\"not found\"}");
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the client went away; nothing to do
    }
  }

  /** The special behaviour a probed model asks for (see the class comment), or "" for none. */
  private static String behaviour(String body) {
    Matcher model = MODEL_FIELD.matcher(body);
    if (!model.find()) {
      return "";
    }
    String name = model.group(1).substring(model.group(1).indexOf('/') + 1);
    for (String word :
        new String[] {
          "limit", "badkey", "forbidden", "unknown", "broken", "noquota", "slow", "dribble", "hang"
        }) {
      if (name.startsWith(word)) {
        return word;
      }
    }
    return "";
  }

  /** Answers one probe; false when the connection is to be closed (or the client closed it). */
  private boolean probe(Socket socket, InputStream in, OutputStream out, String behaviour)
      throws IOException {
    if (behaviour.equals("hang")) {
      return hang(socket, in);
    }
    int refusal =
        switch (behaviour) {
          case "limit" -> 429;
          case "badkey" -> 401;
          case "forbidden" -> 403;
          case "unknown" -> 404;
          case "broken" -> 500;
          default -> 0;
        };
    if (refusal != 0) {
      // ModelScope sends its quota headers on refusals too; here on the 429 only.
      String quota = refusal == 429 ? QUOTA_HEADERS_SPENT : "";
      String body = REFUSALS.get(refusal);
      answer(out, refusal, body.startsWith("<") ? "text/html" : "application/json", quota, body);
      return true;
    }
    int delay =
        switch (behaviour) {
          case "slow" -> HEADER_DELAY_MS;
          case "dribble" -> 0;
          default -> headerDelayMs;
        };
    if (delay > 0) {
      sleep(delay);
    }
    String head =
        "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + (behaviour.equals("noquota") ? "" : QUOTA_HEADERS)
            + "\r\n";
    out.write(ascii(head));
    out.flush(); // the headers leave now; the body is a separate matter
    if (mode == Mode.WHOLE && !behaviour.equals("dribble")) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < DRIBBLE_MS / CHUNK_EVERY_MS; i++) {
        body.append(chunk(SSE_CHUNK));
      }
      body.append(chunk("data: [DONE]\n\n")).append("0\r\n\r\n");
      out.write(ascii(body.toString()));
      out.flush();
      return true;
    }
    try {
      long end = System.nanoTime() + DRIBBLE_MS * 1_000_000L;
      while (System.nanoTime() < end) {
        out.write(ascii(chunk(SSE_CHUNK)));
        out.flush();
        sleep(CHUNK_EVERY_MS);
      }
      out.write(ascii(chunk("data: [DONE]\n\n") + "0\r\n\r\n"));
      out.flush();
    } catch (IOException closedByClient) {
      streamsAborted.incrementAndGet();
      return false;
    }
    streamsCompleted.incrementAndGet();
    return true;
  }

  /**
   * Never answers: waits until the caller closes the connection (its probe timed out), or {@link
   * #HANG_MAX_MS} at most. Always ends the connection.
   */
  private static boolean hang(Socket socket, InputStream in) throws IOException {
    socket.setSoTimeout(100);
    long end = System.nanoTime() + HANG_MAX_MS * 1_000_000L;
    while (System.nanoTime() < end) {
      try {
        if (in.read() == -1) {
          return false;
        }
      } catch (SocketTimeoutException stillThere) {
        // keep waiting
      }
    }
    return false;
  }

  private static void json(OutputStream out, int status, String body) throws IOException {
    answer(out, status, "application/json", "", body);
  }

  private static void answer(
      OutputStream out, int status, String type, String extraHeaders, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ascii(
            "HTTP/1.1 "
                + status
                + " "
                + reason(status)
                + "\r\nContent-Type: "
                + type
                + "\r\n"
                + extraHeaders
                + "Content-Length: "
                + bytes.length
                + "\r\n\r\n"));
    out.write(bytes);
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      default -> "Internal Server Error";
    };
  }

  private static String chunk(String data) {
    return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "stub-conn");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }
}
