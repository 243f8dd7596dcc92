package dev.quotabot.quota.net;

import java.net.InetAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The two OkHttp clients every upstream call goes through, and what they share:
 *
 * <ul>
 *   <li>{@link #trusted}: for the hosts the operator configured (ModelScope, DeepSeek…). HTTP/2
 *       where the server offers it (ALPN), the system's name lookup.
 *   <li>{@link #guarded}: for addresses users give (relay {@code base_url}s). Its {@link
 *       AddressGuard} lets it connect only to addresses the {@link AddressPolicy} allows, and it
 *       has its own connection pool.
 * </ul>
 *
 * <p>Both follow no redirect (a 3xx is returned as it is), use no proxy (a system proxy setting
 * must not route calls elsewhere), do not retry (a retried probe could spend quota twice; {@link
 * UpstreamHttp} lets only a GET recover), and leave time limits to each call ({@link
 * UpstreamHttp}), apart from connecting. Their calls run on one pool of daemon threads, without
 * OkHttp's per-host limit of 5: a query fans out to up to 50 models on one host, and the web rate
 * limit already bounds how many queries run.
 */
public final class UpstreamClients implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_CALLS = 4096;

  private final ExecutorService threads;
  private final OkHttpClient trusted;
  private final OkHttpClient guarded;

  private UpstreamClients(Builder settings) {
    threads = daemonPool();
    OkHttpClient.Builder common =
        new OkHttpClient.Builder()
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .connectTimeout(settings.connectTimeout)
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO);
    if (settings.sockets != null) {
      common.socketFactory(settings.sockets);
    }
    if (settings.tls != null && settings.trust != null) {
      common.sslSocketFactory(settings.tls, settings.trust);
    }
    trusted = common.dispatcher(dispatcher()).connectionPool(new ConnectionPool()).build();
    AddressGuard guard =
        new AddressGuard(new AddressPolicy(settings.allowPrivateAddresses), settings.resolver);
    guarded =
        common
            .dispatcher(dispatcher())
            .connectionPool(new ConnectionPool())
            .dns(guard)
            .addInterceptor(guard)
            .build();
  }

  /** Production settings: the system's resolver and trust store. */
  public static UpstreamClients create(boolean allowPrivateAddresses) {
    return builder().allowPrivateAddresses(allowPrivateAddresses).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Calls to configured hosts, reading at most {@code maxBodyBytes} of a body. */
  public UpstreamHttp trusted(int maxBodyBytes) {
    return new UpstreamHttp(trusted, maxBodyBytes);
  }

  /** Calls to user-supplied addresses, reading at most {@code maxBodyBytes} of a body. */
  public UpstreamHttp guarded(int maxBodyBytes) {
    return new UpstreamHttp(guarded, maxBodyBytes);
  }

  /** Stops the threads and closes every pooled connection. */
  @Override
  public void close() {
    threads.shutdownNow();
    trusted.connectionPool().evictAll();
    guarded.connectionPool().evictAll();
  }

  private Dispatcher dispatcher() {
    Dispatcher dispatcher = new Dispatcher(threads);
    dispatcher.setMaxRequests(MAX_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_CALLS);
    return dispatcher;
  }

  /** OkHttp's own pool shape (a thread per call in flight, idle ones kept 60 s), as daemons. */
  private static ExecutorService daemonPool() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "upstream-http-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Settings tests change; production uses {@link #create}. */
  public static final class Builder {
    private boolean allowPrivateAddresses;
    private Resolver resolver = InetAddress::getAllByName;
    private Duration connectTimeout = CONNECT_TIMEOUT;
    private @Nullable SocketFactory sockets;
    private @Nullable SSLSocketFactory tls;
    private @Nullable X509TrustManager trust;

    private Builder() {}

    /** {@code upstream.allow_private_addresses} (see {@link AddressPolicy}). */
    public Builder allowPrivateAddresses(boolean allow) {
      allowPrivateAddresses = allow;
      return this;
    }

    /** How the guarded client turns names into addresses. */
    public Builder resolver(Resolver names) {
      resolver = names;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      connectTimeout = timeout;
      return this;
    }

    /** Where the TCP sockets come from (tests record where they connect). */
    public Builder sockets(SocketFactory factory) {
      sockets = factory;
      return this;
    }

    /** Another trust store than the JVM's (tests trust their own certificate). */
    public Builder trust(SSLSocketFactory factory, X509TrustManager manager) {
      tls = factory;
      trust = manager;
      return this;
    }

    public UpstreamClients build() {
      return new UpstreamClients(this);
    }
  }
}
