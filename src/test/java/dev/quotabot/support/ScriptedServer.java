package dev.quotabot.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tests only: a TCP server on loopback whose answer is a script, for what WireMock cannot do
 * (headers that drip in, a body that never ends, raw chunked framing, a reset in the middle of the
 * headers). It counts connections and those still open, records request heads, and records when its
 * writes fail because the client went away. A script may look at the request first ({@link
 * Exchange}), e.g. to break the answer for one model of many.
 */
public final class ScriptedServer implements AutoCloseable {
  /** What the server does with one connection, after the request head was read. */
  @FunctionalInterface
  public interface Script {
    void answer(Socket socket) throws IOException, InterruptedException;
  }

  /** Like {@link Script}, knowing the request: its head and its body (by Content-Length). */
  @FunctionalInterface
  public interface Exchange {
    void answer(Socket socket, Request request) throws IOException, InterruptedException;
  }

  /**
   * One request as it arrived.
   *
   * @param head the request line and headers, up to and including the blank line
   * @param body the body announced by Content-Length (UTF-8), or empty
   */
  public record Request(String head, String body) {
    /** {@code GET}, {@code POST}… */
    public String method() {
      return head.substring(0, Math.max(0, head.indexOf(' ')));
    }

    /** The request target without its query: {@code /v1/chat/completions}. */
    public String path() {
      String[] parts = head.split(" ", 3);
      String target = parts.length > 1 ? parts[1] : "";
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  private final ServerSocket server;
  private final Exchange script;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger clientGone = new AtomicInteger();
  private final List<String> heads = new CopyOnWriteArrayList<>();

  public ScriptedServer(Script script) throws IOException {
    this((socket, request) -> script.answer(socket));
  }

  public ScriptedServer(Exchange script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    Thread acceptor = new Thread(this::acceptLoop, "scripted-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public int accepted() {
    return accepted.get();
  }

  /** Connections accepted whose script has not ended yet (the socket is still open). */
  public int open() {
    return open.size();
  }

  /**
   * Closes every connection still open (a script blocked writing to a client that stopped reading
   * ends with the client gone); returns how many there were.
   */
  public int dropConnections() {
    int dropped = 0;
    for (Socket socket : open) {
      try {
        socket.close();
        dropped++;
      } catch (IOException ignored) {
        // closed meanwhile
      }
    }
    return dropped;
  }

  /** Connections whose script ended because the client closed or reset them. */
  public int clientGone() {
    return clientGone.get();
  }

  public List<String> heads() {
    return List.copyOf(heads);
  }

  /** Writes ASCII text. */
  public static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** Reads and drops whatever comes until the client closes (or resets) the connection. */
  public static void awaitClose(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[1024];
    while (in.read(sink) >= 0) {
      // nothing is ever answered
    }
  }

  /** Closes the connection with a TCP reset (RST) instead of an orderly close (FIN). */
  public static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        open.add(socket);
        Thread handler = new Thread(() -> serve(socket), "scripted-server-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      String head = readHead(socket.getInputStream());
      heads.add(head);
      script.answer(socket, new Request(head, readBody(socket.getInputStream(), head)));
    } catch (IOException gone) {
      clientGone.incrementAndGet();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
    }
  }

  private static String readBody(InputStream in, String head) throws IOException {
    String length = new Request(head, "").header("Content-Length");
    if (length == null) {
      return "";
    }
    return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropConnections();
  }
}
