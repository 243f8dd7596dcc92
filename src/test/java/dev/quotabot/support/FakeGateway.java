package dev.quotabot.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord's gateway, played on loopback: HELLO on connect, READY (and a GUILD_CREATE per guild)
 * after IDENTIFY, heartbeat ACKs, and {@link #dispatch} to push events such as INTERACTION_CREATE.
 * JSON text frames, no compression, as JDA speaks with {@code Compression.NONE}.
 */
public final class FakeGateway extends WebSocketServer {
  private final String botUserId;
  private final String applicationId;
  private final List<JsonObject> guilds;
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<JsonObject> identifies = new CopyOnWriteArrayList<>();
  private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
  private volatile WebSocket session;

  /**
   * @param guilds full guild objects announced with GUILD_CREATE after READY
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
      case 2 -> {
        identifies.add(message);
        session = connection;
        send(connection, "READY", ready());
        guilds.forEach(guild -> send(connection, "GUILD_CREATE", guild));
      }
      case 6 -> connection.send("{\"op\":9,\"d\":false}");
      default -> {
        // presence updates and the like: nothing to answer
      }
    }
  }

  @Override
  public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    closeCodes.add(code);
    if (connection == session) {
      session = null;
    }
  }

  @Override
  public void onError(WebSocket connection, Exception failure) {
    // a test that cares sees the effect (no READY, no close code)
  }

  /** Sends a dispatch (op 0) event to the connected bot. */
  public void dispatch(String type, JsonObject data) {
    WebSocket current =
        Await.value("the bot to be connected to the gateway", () -> Optional.ofNullable(session));
    send(current, type, data);
  }

  /** The IDENTIFY payloads received (op 2), in order. */
  public List<JsonObject> identifies() {
    return List.copyOf(identifies);
  }

  /** Close codes of connections that ended. */
  public List<Integer> closeCodes() {
    return List.copyOf(closeCodes);
  }

  public boolean connected() {
    return session != null && session.isOpen();
  }

  public void stopQuietly() {
    try {
      stop((int) Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(WebSocket connection, String type, JsonObject data) {
    JsonObject frame = new JsonObject();
    frame.addProperty("op", 0);
    frame.addProperty("t", type);
    frame.addProperty("s", sequence.incrementAndGet());
    frame.add("d", data);
    connection.send(frame.toString());
  }

  private JsonObject ready() {
    JsonObject user = new JsonObject();
    user.addProperty("id", botUserId);
    user.addProperty("username", "quota-bot");
    user.addProperty("discriminator", "0");
    user.add("avatar", null);
    user.addProperty("bot", true);
    JsonArray unavailable = new JsonArray();
    for (JsonObject guild : guilds) {
      JsonObject stub = new JsonObject();
      stub.add("id", guild.get("id"));
      stub.addProperty("unavailable", true);
      unavailable.add(stub);
    }
    JsonObject application = new JsonObject();
    application.addProperty("id", applicationId);
    application.addProperty("flags", 0);
    JsonObject ready = new JsonObject();
    ready.addProperty("v", 10);
    ready.add("user", user);
    ready.add("guilds", unavailable);
    ready.add("private_channels", new JsonArray());
    ready.addProperty("session_id", "fake-session");
    ready.addProperty("resume_gateway_url", url());
    ready.add("application", application);
    return ready;
  }
}
