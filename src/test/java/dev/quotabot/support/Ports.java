package dev.quotabot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Tests only: loopback ports. */
public final class Ports {
  private Ports() {}

  /**
   * A loopback port nothing listens on right now: free for a server to bind, and refusing
   * connections until one does.
   */
  public static int unused() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }
}
