package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.util.List;
import net.dv8tion.jda.api.exceptions.DataObjectParsingException;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's logging configuration ({@code logback.xml}, loaded into a context of its own) keeps
 * JDA's payload-dumping loggers off and withholds payloads JDA puts into WARN and ERROR lines.
 */
final class JdaPayloadRedactionTest {
  private static final String SECRET = "ms-secret0in0a0payload0a1b2";
  private static final String WEBSOCKET_CLIENT =
      "net.dv8tion.jda.internal.requests.WebSocketClient";

  private LoggerContext context;
  private ListAppender<ILoggingEvent> captured;

  @BeforeEach
  void loadTheProductsLoggingConfiguration() throws Exception {
    context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL production = JdaPayloadRedactionTest.class.getResource("/logback.xml");
    configurator.doConfigure(production);
    captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(captured);
    root.setLevel(Level.TRACE);
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void keepsJdasDebugAndTraceLoggersOffEvenWhenEverythingElseTraces() {
    for (String name :
        List.of(
            WEBSOCKET_CLIENT,
            "net.dv8tion.jda.internal.requests.Requester",
            "net.dv8tion.jda.internal.handle.EventCache",
            "net.dv8tion.jda.internal.entities.EntityBuilder")) {
      Logger logger = context.getLogger(name);
      assertFalse(logger.isDebugEnabled(), name + " logs at DEBUG");
    }
    context.getLogger(WEBSOCKET_CLIENT).trace("{} -> {}", "INTERACTION_CREATE", payload());

    assertTrue(captured.list.isEmpty());
  }

  @Test
  void withholdsAPayloadJdaPutsIntoAnErrorLineButKeepsTheLine() {
    context
        .getLogger(WEBSOCKET_CLIENT)
        .error(
            "Got an unexpected error. Please redirect the following message to the devs:\n"
                + "\tJDA {}\n\t{} -> {}",
            "6.5.0",
            "INTERACTION_CREATE",
            payload(),
            new IllegalStateException("Failed to create channel instance"));

    assertEquals(1, captured.list.size());
    ILoggingEvent event = captured.list.get(0);
    assertEquals(Level.ERROR, event.getLevel());
    assertTrue(
        event
            .getFormattedMessage()
            .contains("INTERACTION_CREATE -> " + JdaPayloadRedaction.WITHHELD));
    assertTrue(text(event).contains("Failed to create channel instance"));
    assertFalse(text(event).contains(SECRET));
  }

  @Test
  void withholdsTheJsonJdasParsingExceptionsCarryInTheirMessage() {
    DataObject option = payload().getObject("data").getArray("options").getObject(0);
    DataObjectParsingException parsing =
        new DataObjectParsingException(option, "Missing value for key 'x'");
    assertTrue(parsing.getMessage().contains(SECRET), "the premise: JDA puts the JSON in");
    context
        .getLogger(WEBSOCKET_CLIENT)
        .warn("Got an unexpected Json-parse error:\n\t{}", parsing.getMessage(), parsing);

    ILoggingEvent event = captured.list.get(0);
    assertFalse(text(event).contains(SECRET), text(event));
    assertTrue(text(event).contains("DataObjectParsingException"), text(event));
  }

  @Test
  void leavesOrdinaryLinesAlone() {
    context.getLogger(WEBSOCKET_CLIENT).warn("WebSocket connection closed with code {}", 4004);
    context.getLogger("dev.quotabot.web.Something").info("{}", "{\"not\":\"jda\"}");

    assertEquals(
        "WebSocket connection closed with code 4004", captured.list.get(0).getFormattedMessage());
    assertEquals("{\"not\":\"jda\"}", captured.list.get(1).getFormattedMessage());
  }

  private static DataObject payload() {
    return DataObject.fromJson(
        "{\"type\":2,\"data\":{\"name\":\"quota\",\"options\":[{\"name\":\"api_key\","
            + "\"type\":3,\"value\":\""
            + SECRET
            + "\"}]}}");
  }

  private static String text(ILoggingEvent event) {
    String thrown =
        event.getThrowableProxy() == null
            ? ""
            : ThrowableProxyUtil.asString(event.getThrowableProxy());
    return event.getFormattedMessage() + "\n" + thrown;
  }
}
