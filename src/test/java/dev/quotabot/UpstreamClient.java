package dev.quotabot;

import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.support.LocalTls;

/**
 * Tests only: the upstream clients with production's settings ({@link UpstreamClients}), and the
 * relay body cap {@link Application} gives them; closing it releases their threads and connections.
 * It lives here, not in {@code support}, to reach the package-visible constant.
 */
public final class UpstreamClient implements AutoCloseable {
  /** The body cap production gives the relay client. */
  public static final int RELAY_MAX_BODY_BYTES = Application.RELAY_MAX_BODY_BYTES;

  private final UpstreamClients clients;

  /** Production's clients; the guarded one refuses private addresses, as in production. */
  public UpstreamClient() {
    this(UpstreamClients.builder());
  }

  public UpstreamClient(UpstreamClients.Builder settings) {
    clients = settings.build();
  }

  /** The same clients, trusting {@link LocalTls}'s certificate instead of the JDK's trust store. */
  public static UpstreamClient trustingLocalTls() {
    return new UpstreamClient(LocalTls.trustingLocal(UpstreamClients.builder()));
  }

  /** The same clients, with the guarded one allowed to call loopback (a local relay). */
  public static UpstreamClient allowingPrivateAddresses() {
    return new UpstreamClient(UpstreamClients.builder().allowPrivateAddresses(true));
  }

  public UpstreamClients clients() {
    return clients;
  }

  /** The trusted client with the relay body cap: a relay as if its address were configured. */
  public UpstreamHttp relayHttp() {
    return clients.trusted(RELAY_MAX_BODY_BYTES);
  }

  @Override
  public void close() {
    clients.close();
  }
}
