package dev.quotabot.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.net.SocketFactory;

/**
 * Tests only: a socket factory that records every address a socket is asked to connect to, and then
 * really connects wherever {@code route} says (by default the same address). It shows which address
 * a client connected to, and that it connected to none.
 */
public final class RecordingSockets extends SocketFactory {
  private final List<InetSocketAddress> targets = new CopyOnWriteArrayList<>();
  private final UnaryOperator<InetSocketAddress> route;

  public RecordingSockets() {
    this(UnaryOperator.identity());
  }

  public RecordingSockets(UnaryOperator<InetSocketAddress> route) {
    this.route = route;
  }

  /** Every address a connection was attempted to, in order. */
  public List<InetSocketAddress> targets() {
    return List.copyOf(targets);
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        InetSocketAddress target = (InetSocketAddress) endpoint;
        targets.add(target);
        super.connect(route.apply(target), timeout);
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) {
    throw new UnsupportedOperationException("connects by name: not what this test expects");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException("connects by name: not what this test expects");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException("unconnected sockets only");
  }

  @Override
  public Socket createSocket(
      InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException("unconnected sockets only");
  }
}
