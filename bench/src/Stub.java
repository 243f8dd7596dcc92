import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ModelScope stand-in on 127.0.0.1, written on a bare ServerSocket so that we control exactly
 * when the headers leave (after {@link #HEADER_DELAY_MS}) and how the body follows (dribbled for
 * {@link #DRIBBLE_MS}, or all at once). One thread per connection, so 50 probes in flight are
 * never queued behind each other in the stub.
 */
final class Stub implements AutoCloseable {
  static final int HEADER_DELAY_MS = 300;
  static final int DRIBBLE_MS = 5_000;
  private static final int CHUNK_EVERY_MS = 100;
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
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        int contentLength = 0;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
          String lower = header.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            contentLength = Integer.parseInt(lower.substring(15).trim());
          } else if (lower.startsWith("transfer-encoding:")) {
            throw new IOException("stub does not read chunked request bodies");
          }
        }
        in.readNBytes(contentLength);
        String[] parts = requestLine.split(" ");
        String target = parts[1];
        if (parts[0].equals("POST") && target.startsWith("/v1/chat/completions")) {
          if (!probe(out)) {
            return;
          }
        } else if (target.startsWith("/v1/models")) {
          json(out, 200, "{\"object\":\"list\",\"data\":[]}"); // empty = no catalog check
        } else if (target.startsWith("/openapi/v1/magicubes/balance")) {
          json(
              out,
              200,
              "{\"success\":true,\"request_id\":\"r-1\",\"data\":{\"total_balance\":250,"
                  + "\"available_balance\":250,\"frozen_amount\":0}}");
        } else if (target.startsWith("/openapi/v1/users/me")) {
          json(out, 200, "{\"success\":true,\"data\":{\"name\":\"bench\"}}");
        } else {
          json(out, 404, "{\"error\":\"not found\"}");
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the client went away; nothing to do
    }
  }

  /** Answers one probe; false when the client closed the connection during the body. */
  private boolean probe(OutputStream out) throws IOException {
    sleep(HEADER_DELAY_MS);
    String head =
        "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "modelscope-ratelimit-requests-limit: 2000\r\n"
            + "modelscope-ratelimit-requests-remaining: 1500\r\n"
            + "modelscope-ratelimit-model-requests-limit: 500\r\n"
            + "modelscope-ratelimit-model-requests-remaining: 20\r\n"
            + "\r\n";
    out.write(ascii(head));
    out.flush(); // the headers leave now; the body is a separate matter
    if (mode == Mode.WHOLE) {
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

  private static void json(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ascii(
            "HTTP/1.1 "
                + status
                + (status == 200 ? " OK" : " Not Found")
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n"));
    out.write(bytes);
    out.flush();
  }

  private static String chunk(String data) {
    return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
  }

  /** One CRLF-terminated line, without the CRLF; null at end of stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = bytes.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      bytes.write(b);
    }
    return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
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
