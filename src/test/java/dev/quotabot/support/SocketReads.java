package dev.quotabot.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Reading what a client sends to a bare server socket that stands in for an upstream. A client that
 * stays silent fails the test after 10 s instead of hanging it.
 */
public final class SocketReads {
  private static final int READ_TIMEOUT_MS = 10_000;

  private SocketReads() {}

  /** The request line and headers, up to and with the blank line (a body may follow). */
  public static String head(Socket socket) throws IOException {
    socket.setSoTimeout(READ_TIMEOUT_MS);
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.append((char) next);
    }
    return head.toString();
  }

  /**
   * Drains the connection until the client closes it: -1 (a reset counts as closed); a client that
   * keeps it open fails the test.
   */
  public static int untilClosed(Socket socket) throws IOException {
    socket.setSoTimeout(READ_TIMEOUT_MS);
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int read;
      do {
        read = in.read(buffer);
      } while (read >= 0);
      return read;
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("the connection was not closed", stillOpen);
    } catch (SocketException reset) {
      return -1;
    }
  }
}
