package dev.quotabot.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord's gateway, played on loopback: HELLO on connect, READY (and a GUILD_CREATE per guild of
 * the shard) after IDENTIFY, heartbeat ACKs, and {@link #dispatch} to push events such as
 * INTERACTION_CREATE. JSON text frames, no compression, as JDA speaks with {@code
 * Compression.NONE}.
 *
 * <p>Sharded like Discord: each connection is the shard its IDENTIFY names ({@code shard: [id,
 * total]}; none means shard 0 of 1), any number of connections at once (one process per shard set,
 * several processes), and an event about a server goes to the shard that owns the server ({@code
 * (guild_id >> 22) % total}), anything else to shard 0.
 */
public final class FakeGateway extends WebSocketServer {
  private final String botUserId;
  private final String applicationId;
  private final List<JsonObject> guilds;
  private final CountDownLatch started = new CountDownLatch(1);
  private final List<JsonObject> identifies = new CopyOnWriteArrayList<>();
  private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

  /** The connections that were answered READY, by connection. */
  private final Map<WebSocket, Session> sessions = new ConcurrentHashMap<>();

  /** Shards whose IDENTIFY goes unanswered until {@link #releaseShard}. */
  private final Set<Integer> held = ConcurrentHashMap.newKeySet();

  /** Connections of held shards, waiting for their READY. */
  private final Map<WebSocket, Session> waiting = new ConcurrentHashMap<>();

  /** One identified connection: which shard it is, and its own event sequence. */
  private record Session(int shard, int total, AtomicInteger sequence) {
    Session(int shard, int total) {
      this(shard, total, new AtomicInteger());
    }
  }

  /**
   * @param guilds full guild objects announced with GUILD_CREATE after READY (each to its shard)
   */
  public FakeGateway(String botUserId, String applicationId, List<JsonObject> guilds) {
    super(new InetSocketAddress("127.0.0.1", 0));
    this.botUserId = botUserId;
    this.applicationId = applicationId;
    this.guilds = List.copyOf(guilds);
    setReuseAddr(true);
    setDaemon(true);
  }

  /** Starts listening and waits until the port is bound. */
  public FakeGateway startAndWait() {
    start();
    try {
      if (!started.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("fake gateway did not start");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
    return this;
  }

  public String url() {
    return "ws://127.0.0.1:" + getPort() + "/";
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public void onOpen(WebSocket connection, ClientHandshake handshake) {
    connection.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
  }

  @Override
  public void onMessage(WebSocket connection, String text) {
    JsonObject message = JsonParser.parseString(text).getAsJsonObject();
    switch (message.get("op").getAsInt()) {
      case 1 -> connection.send("{\"op\":11}");
      case 2 -> identify(connection, message);
      case 6 -> connection.send("{\"op\":9,\"d\":false}");
      default -> {
        // presence updates and the like: nothing to answer
      }
    }
  }

  private void identify(WebSocket connection, JsonObject message) {
    identifies.add(message);
    JsonObject data = message.getAsJsonObject("d");
    Session session =
        data.has("shard")
            ? new Session(
                data.getAsJsonArray("shard").get(0).getAsInt(),
                data.getAsJsonArray("shard").get(1).getAsInt())
            : new Session(0, 1);
    synchronized (held) {
      if (held.contains(session.shard())) {
        waiting.put(connection, session);
        return;
      }
    }
    admit(connection, session);
  }

  /** READY, then the shard's servers. */
  private void admit(WebSocket connection, Session session) {
    sessions.put(connection, session);
    send(connection, session, "READY", ready(session));
    guilds.stream()
        .filter(guild -> shardOf(guild.get("id").getAsString(), session.total()) == session.shard())
        .forEach(guild -> send(connection, session, "GUILD_CREATE", guild));
  }

  @Override
  public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    closeCodes.add(code);
    sessions.remove(connection);
    waiting.remove(connection);
  }

  @Override
  public void onError(WebSocket connection, Exception failure) {
    // a test that cares sees the effect (no READY, no close code)
  }

  /**
   * Sends a dispatch (op 0) event to the shard that owns it: a server's event ({@code guild_id}) to
   * that server's shard, anything else (a DM) to shard 0. Waits for that shard to connect.
   */
  public void dispatch(String type, JsonObject data) {
    int shard =
        data.has("guild_id") ? shardOf(data.get("guild_id").getAsString(), shardsTotal()) : 0;
    dispatchToShard(shard, type, data);
  }

  /** Sends a dispatch event through the connection of this shard, whatever the event is about. */
  public void dispatchToShard(int shard, String type, JsonObject data) {
    Map.Entry<WebSocket, Session> current =
        Await.value(
            "shard " + shard + " of the bot to be connected to the gateway", () -> session(shard));
    send(current.getKey(), current.getValue(), type, data);
  }

  private Optional<Map.Entry<WebSocket, Session>> session(int shard) {
    return sessions.entrySet().stream()
        .filter(entry -> entry.getValue().shard() == shard && entry.getKey().isOpen())
        .findFirst();
  }

  /** The shard count the connected shards identified with (1 while none is connected). */
  private int shardsTotal() {
    return sessions.values().stream().mapToInt(Session::total).max().orElse(1);
  }

  /** Discord's rule: which shard of {@code total} holds the server. */
  public static int shardOf(String guildId, int total) {
    return (int) ((Long.parseLong(guildId) >> 22) % total);
  }

  /** IDENTIFYs of this shard go unanswered (no READY) until {@link #releaseShard}. */
  public void holdShard(int shard) {
    held.add(shard);
  }

  /** Answers the shard's waiting IDENTIFYs with READY, and later ones at once. */
  public void releaseShard(int shard) {
    synchronized (held) {
      held.remove(shard);
    }
    waiting.forEach(
        (connection, session) -> {
          if (session.shard() == shard && waiting.remove(connection) != null) {
            admit(connection, session);
          }
        });
  }

  /** The IDENTIFY payloads received (op 2), in order. */
  public List<JsonObject> identifies() {
    return List.copyOf(identifies);
  }

  /** The shard ids named by the IDENTIFYs received, in order (0 for one without a shard). */
  public List<Integer> identifiedShards() {
    return identifies.stream()
        .map(identify -> identify.getAsJsonObject("d"))
        .map(d -> d.has("shard") ? d.getAsJsonArray("shard").get(0).getAsInt() : 0)
        .toList();
  }

  /** Close codes of connections that ended. */
  public List<Integer> closeCodes() {
    return List.copyOf(closeCodes);
  }

  /** Whether a shard of the bot is connected (answered READY, still open). */
  public boolean connected() {
    return sessions.keySet().stream().anyMatch(WebSocket::isOpen);
  }

  /** Whether this shard of the bot is connected. */
  public boolean connected(int shard) {
    return session(shard).isPresent();
  }

  public void stopQuietly() {
    try {
      stop((int) Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(WebSocket connection, Session session, String type, JsonObject data) {
    JsonObject frame = new JsonObject();
    frame.addProperty("op", 0);
    frame.addProperty("t", type);
    frame.addProperty("s", session.sequence().incrementAndGet());
    frame.add("d", data);
    connection.send(frame.toString());
  }

  private JsonObject ready(Session session) {
    JsonObject user = new JsonObject();
    user.addProperty("id", botUserId);
    user.addProperty("username", "quota-bot");
    user.addProperty("discriminator", "0");
    user.add("avatar", null);
    user.addProperty("bot", true);
    JsonArray unavailable = new JsonArray();
    for (JsonObject guild : guilds) {
      if (shardOf(guild.get("id").getAsString(), session.total()) != session.shard()) {
        continue;
      }
      JsonObject stub = new JsonObject();
      stub.add("id", guild.get("id"));
      stub.addProperty("unavailable", true);
      unavailable.add(stub);
    }
    JsonObject application = new JsonObject();
    application.addProperty("id", applicationId);
    application.addProperty("flags", 0);
    JsonArray shard = new JsonArray();
    shard.add(session.shard());
    shard.add(session.total());
    JsonObject ready = new JsonObject();
    ready.addProperty("v", 10);
    ready.add("user", user);
    ready.add("guilds", unavailable);
    ready.add("private_channels", new JsonArray());
    ready.addProperty("session_id", "fake-session-" + session.shard());
    ready.addProperty("resume_gateway_url", url());
    ready.add("application", application);
    ready.add("shard", shard);
    return ready;
  }
}
