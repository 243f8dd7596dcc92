package dev.quotabot.quota.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens a connection to addresses that were already checked, never to a name: the JDK would resolve
 * the name again, and a second answer (DNS rebinding) could point somewhere else. For https the
 * socket is wrapped in TLS with SNI and the certificate verified against the host name (the
 * endpoint identification of {@code HttpsURLConnection}), with the JVM's trust store in production.
 */
public final class PinnedConnector {
  private final Duration connectTimeout;
  private final SocketFactory sockets;
  private final SSLSocketFactory tls;

  /** Production: plain sockets and the JVM's default TLS settings and trust store. */
  public PinnedConnector(Duration connectTimeout) {
    this(
        connectTimeout,
        SocketFactory.getDefault(),
        (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /**
   * @param connectTimeout the most one connection attempt may take (the call's deadline still
   *     applies)
   * @param sockets makes the unconnected TCP sockets
   * @param tls wraps them for https
   */
  public PinnedConnector(Duration connectTimeout, SocketFactory sockets, SSLSocketFactory tls) {
    this.connectTimeout = connectTimeout;
    this.sockets = sockets;
    this.tls = tls;
  }

  /** An open connection: the TCP socket (closing it ends everything) and the streams to use. */
  record Connection(Socket tcp, Socket socket) {}

  /**
   * Connects to the first of {@code addresses} that accepts, in order, then does the TLS handshake
   * for https.
   *
   * @param addresses the checked addresses of {@code request.host()}; nothing else is connected to
   * @param remainingMillis the time left before the call's deadline
   * @param opened told of each socket before it connects, so it can be closed from elsewhere
   * @throws IOException the last connection failure, or the TLS failure
   */
  Connection open(
      Http1Request request,
      List<InetAddress> addresses,
      LongSupplier remainingMillis,
      Consumer<Socket> opened)
      throws IOException {
    Socket tcp = connect(request.port(), addresses, remainingMillis, opened);
    try {
      if (!request.https()) {
        return new Connection(tcp, tcp);
      }
      SSLSocket secure = (SSLSocket) tls.createSocket(tcp, request.host(), request.port(), true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (!request.ipLiteral()) {
        parameters.setServerNames(List.of(new SNIHostName(request.host())));
      }
      secure.setSSLParameters(parameters);
      tcp.setSoTimeout(timeoutFor(remainingMillis.getAsLong()));
      secure.startHandshake();
      return new Connection(tcp, secure);
    } catch (IOException | RuntimeException failed) {
      tcp.close();
      throw failed;
    }
  }

  private Socket connect(
      int port, List<InetAddress> addresses, LongSupplier remainingMillis, Consumer<Socket> opened)
      throws IOException {
    IOException last = null;
    for (InetAddress address : addresses) {
      long remaining = remainingMillis.getAsLong();
      if (remaining <= 0) {
        throw new SocketTimeoutException("deadline passed while connecting");
      }
      Socket socket = sockets.createSocket();
      opened.accept(socket);
      try {
        socket.connect(
            new InetSocketAddress(address, port),
            timeoutFor(Math.min(remaining, connectTimeout.toMillis())));
        socket.setTcpNoDelay(true);
        return socket;
      } catch (IOException failed) {
        socket.close();
        last = failed;
      }
    }
    throw last == null ? new IOException("no address to connect to") : last;
  }

  /** A socket timeout for {@code millis} left: at least 1 (0 would mean none). */
  static int timeoutFor(long millis) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }
}
