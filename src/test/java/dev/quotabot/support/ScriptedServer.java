package dev.quotabot.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tests only: a TCP server on loopback whose answer is a script, for what WireMock cannot do
 * (headers that drip in, a body that never ends, raw chunked framing). It counts connections,
 * records request heads, and records when its writes fail because the client went away.
 */
public final class ScriptedServer implements AutoCloseable {
  /** What the server does with one connection, after the request head was read. */
  @FunctionalInterface
  public interface Script {
    void answer(Socket socket) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Script script;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger clientGone = new AtomicInteger();
  private final List<String> heads = new CopyOnWriteArrayList<>();

  public ScriptedServer(Script script) throws IOException {
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

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
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
      heads.add(readHead(socket.getInputStream()));
      script.answer(socket);
    } catch (IOException gone) {
      clientGone.incrementAndGet();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
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
  }
}
