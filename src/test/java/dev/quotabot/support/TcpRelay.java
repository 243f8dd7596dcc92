package dev.quotabot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tests only: a loopback port relaying to a server (the test PostgreSQL) that a test can cut (every
 * connection closed, the port refusing new ones: the database is away) and restore on the same port
 * (the database is back).
 */
public final class TcpRelay implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;

  public TcpRelay(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = Ports.unused();
    restore();
  }

  public int port() {
    return port;
  }

  /** Closes every relayed connection and stops listening. */
  public synchronized void cut() {
    closeQuietly(listener);
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** Listens again on the same port. */
  public synchronized void restore() {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = server;
      daemon("relay-accept", () -> accept(server));
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(upstream);
        daemon("relay-up", () -> pipe(client, upstream));
        daemon("relay-down", () -> pipe(upstream, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException closed) {
      // one side went away: the other follows
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    cut();
  }
}
