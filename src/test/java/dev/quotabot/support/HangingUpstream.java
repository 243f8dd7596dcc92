package dev.quotabot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream that accepts probes ({@code POST}) and never answers, and records when the caller
 * closes each connection; {@code GET}s (the model list) get an empty list at once. It shows from
 * the far side that abandoned probes are really closed.
 */
public final class HangingUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final List<Long> postsOpenedAt = new CopyOnWriteArrayList<>();
  private final List<Long> postsClosedAt = new CopyOnWriteArrayList<>();

  public HangingUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "hanging-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String apiBaseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  public int openPosts() {
    return postsOpenedAt.size() - postsClosedAt.size();
  }

  public int closedPosts() {
    return postsClosedAt.size();
  }

  /** When the last probe connection was closed by the caller (System.nanoTime), or 0. */
  public long lastClosedAt() {
    return postsClosedAt.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread handler = new Thread(() -> serve(socket), "hanging-upstream-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      byte[] method = in.readNBytes(4);
      if (new String(method, StandardCharsets.US_ASCII).startsWith("GET")) {
        byte[] body = "{\"object\":\"list\",\"data\":[]}".getBytes(StandardCharsets.US_ASCII);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        return;
      }
      postsOpenedAt.add(System.nanoTime());
      while (in.read() >= 0) {
        // swallow the request and wait: no answer ever comes
      }
      postsClosedAt.add(System.nanoTime());
    } catch (IOException reset) {
      postsClosedAt.add(System.nanoTime());
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
