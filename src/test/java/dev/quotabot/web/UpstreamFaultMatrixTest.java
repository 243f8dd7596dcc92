package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.Await;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.OwnSockets;
import dev.quotabot.support.RunningApp;
import dev.quotabot.support.ScriptedServer;
import dev.quotabot.support.ScriptedServer.Exchange;
import dev.quotabot.support.ScriptedServer.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6's fault matrix, end to end: the real app on real HTTP, with ONE broken upstream part
 * among healthy ones (one model's probe, the 魔粒 balance, a relay's token usage or its model list),
 * asked through both {@code POST /api/balance} and {@code POST /api/balance/stream}. For every
 * fault: the broken part carries a clear error, the others are intact, the answer arrives within
 * the query deadline, the key shows up in no answer and no log and no stack trace is shown, every
 * upstream connection is closed afterwards, and the process stays healthy.
 *
 * <p>The upstreams are {@link ScriptedServer}s that read each request and route it: the probe of
 * {@value #FAULTY} (or the balance, or a relay route) gets the fault, everything else the healthy
 * answer. Where a fault answers with text it echoes the key it was sent, so that scrubbing is
 * tested too.
 */
final class UpstreamFaultMatrixTest {
  private static final String KEY = "ms-FAULTMATRIX-0123456789abcdefWXYZ";
  private static final String RELAY_KEY = "sk-faultmatrix-relay-0123456789abcdef";
  private static final String FAULTY = "Faulty/Model";
  private static final String ALPHA = "Healthy/Alpha";
  private static final String BETA = "Healthy/Beta";
  private static final Map<String, long[]> QUOTAS =
      Map.of(ALPHA, new long[] {2000, 1500, 500, 20}, BETA, new long[] {2000, 1400, 200, 10});
  private static final List<String> RELAY_MODELS = List.of("gpt-4o", "claude-sonnet");

  /** Short, for a quick matrix, yet ample for a healthy loopback answer on a loaded machine. */
  private static final int PROBE_TIMEOUT_MS = 3_000;

  private static final int QUERY_DEADLINE_MS = 6_000;

  /** Generous: the bound is "within the query deadline", not a benchmark. */
  private static final int MARGIN_MS = 3_000;

  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final Pattern STACK_TRACE =
      Pattern.compile("\\tat |\\.java:\\d+\\)|\\b(java|javax|jdk|sun|dev\\.quotabot)\\.[a-z]+\\.");

  private static ScriptedServer modelScope;
  private static ScriptedServer relay;
  private static RunningApp app;

  /** Asks through both doors at once. */
  private static ExecutorService askers;

  /** The fault being tested; null: everything is healthy. */
  private static volatile Case current;

  // ------------------------------------------------------------------ the matrix

  /** Which part of the upstream is broken. */
  enum Part {
    PROBE("one model's probe"),
    BALANCE("the 魔粒 balance"),
    RELAY_ACCOUNT("a relay's token usage"),
    RELAY_MODELS("a relay's model list");

    private final String label;

    Part(String label) {
      this.label = label;
    }

    boolean isRelay() {
      return this == RELAY_ACCOUNT || this == RELAY_MODELS;
    }
  }

  /**
   * One row of the matrix: what is broken, how, and what the answer must say about it.
   *
   * @param status the broken part's status
   * @param says a fragment of the broken part's {@code error} (of its {@code note} when the status
   *     counts as a success)
   */
  record Case(Part part, String fault, Exchange script, ProbeStatus status, String says) {
    @Override
    public String toString() {
      return part.label + " · " + fault + " → " + status.wireName();
    }
  }

  /** OkHttp reads at most 256 KB of status line and headers. */
  private static final String HEADERS_TOO_LONG = "or they were longer than 256 KB";

  static Stream<Case> matrix() {
    List<Case> cases = new ArrayList<>();
    // one model's probe, the other models answer with their quota
    cases.add(
        probe(
            "never answers",
            neverAnswers(),
            ProbeStatus.TIMEOUT,
            "ModelScope did not answer within"));
    cases.add(
        probe(
            "503, headers then the body hangs",
            headersThenHangs(503),
            ProbeStatus.UPSTREAM_ERROR,
            "ModelScope answered HTTP 503"));
    cases.add(
        probe(
            "reset in the status line",
            resetAfter("HTTP/1.1 20"),
            ProbeStatus.NETWORK_ERROR,
            "connection to ModelScope failed"));
    cases.add(
        probe(
            "reset mid-headers",
            resetAfter("HTTP/1.1 200 OK\r\nContent-Type: text/event-str"),
            ProbeStatus.NETWORK_ERROR,
            "connection to ModelScope failed"));
    cases.add(
        probe(
            "10 MB of headers",
            tenMegabytesOfHeaders(),
            ProbeStatus.NETWORK_ERROR,
            HEADERS_TOO_LONG));
    cases.add(
        probe(
            "500 with a 10 MB error body",
            tenMegabyteBody(500, "{\"errors\":{\"message\":\""),
            ProbeStatus.UPSTREAM_ERROR,
            "ModelScope answered HTTP 500"));
    cases.add(
        probe(
            "status line \"HTTP/1.1 abc\"",
            BAD_STATUS_NUMBER,
            ProbeStatus.NETWORK_ERROR,
            "ModelScope sent a malformed HTTP response"));
    cases.add(
        probe(
            "status line \"FOO 200 OK\"",
            BAD_PROTOCOL,
            ProbeStatus.NETWORK_ERROR,
            "ModelScope sent a malformed HTTP response"));
    // OkHttp reads header lines leniently: a 200 without quota headers, its numbers unknown, not 0
    cases.add(
        probe(
            "status line \"HTTP/1.1 200\" and bad header lines",
            BAD_HEADER_LINES,
            ProbeStatus.NO_QUOTA_HEADERS,
            "unknown (not zero)"));
    cases.add(
        probe(
            "binary junk",
            BINARY_JUNK,
            ProbeStatus.NETWORK_ERROR,
            "ModelScope sent a malformed HTTP response"));
    cases.add(
        probe(
            "200 with an HTML page",
            htmlPage(),
            ProbeStatus.UPSTREAM_ERROR,
            "ModelScope answered HTTP 200 with a web page"));

    // the 魔粒 balance, while every model answers
    cases.add(balance("never answers", neverAnswers(), ProbeStatus.TIMEOUT, "did not answer"));
    cases.add(
        balance(
            "200, headers then the body hangs",
            headersThenHangs(200),
            ProbeStatus.TIMEOUT,
            "did not answer"));
    cases.add(
        balance(
            "reset mid-headers",
            resetAfter("HTTP/1.1 200 OK\r\nContent-Ty"),
            ProbeStatus.NETWORK_ERROR,
            "connection to ModelScope's OpenAPI failed"));
    cases.add(
        balance(
            "10 MB of headers",
            tenMegabytesOfHeaders(),
            ProbeStatus.NETWORK_ERROR,
            HEADERS_TOO_LONG));
    cases.add(
        balance(
            "200 with a 10 MB balance JSON",
            tenMegabyteBody(200, "{\"success\":true,\"data\":{\"available_balance\":250,\"x\":\""),
            ProbeStatus.UPSTREAM_ERROR,
            "without a usable balance"));
    cases.add(
        balance(
            "status line \"HTTP/1.1 abc\"",
            BAD_STATUS_NUMBER,
            ProbeStatus.NETWORK_ERROR,
            "ModelScope's OpenAPI sent a malformed HTTP response"));
    cases.add(
        balance(
            "status line \"FOO 200 OK\"",
            BAD_PROTOCOL,
            ProbeStatus.NETWORK_ERROR,
            "ModelScope's OpenAPI sent a malformed HTTP response"));
    // OkHttp reads header lines leniently: a 200 with an empty body
    cases.add(
        balance(
            "status line \"HTTP/1.1 200\" and bad header lines",
            BAD_HEADER_LINES,
            ProbeStatus.UPSTREAM_ERROR,
            "without a usable balance"));
    cases.add(
        balance(
            "binary junk",
            BINARY_JUNK,
            ProbeStatus.NETWORK_ERROR,
            "ModelScope's OpenAPI sent a malformed HTTP response"));
    cases.add(
        balance(
            "200 with an HTML page",
            htmlPage(),
            ProbeStatus.UPSTREAM_ERROR,
            "without a usable balance"));
    cases.add(
        balance(
            "truncated balance JSON",
            json("{\"success\":true,\"data\":{\"available_balance\":25"),
            ProbeStatus.UPSTREAM_ERROR,
            "without a usable balance"));
    cases.add(
        balance(
            "balance JSON with wrong types",
            json(
                "{\"success\":true,\"data\":{\"available_balance\":\"lots\","
                    + "\"total_balance\":[250],\"frozen_amount\":{\"v\":0}}}"),
            ProbeStatus.UPSTREAM_ERROR,
            "no balance in it"));
    cases.add(
        balance(
            "balance JSON with huge exponents",
            json(
                "{\"success\":true,\"data\":{\"available_balance\":1e999999999,"
                    + "\"total_balance\":-1e-999999999,\"frozen_amount\":0}}"),
            ProbeStatus.UPSTREAM_ERROR,
            "no balance in it"));
    cases.add(
        balance(
            "balance JSON with 20000-digit numbers",
            json(
                "{\"success\":true,\"data\":{\"available_balance\":"
                    + "9".repeat(20_000)
                    + ",\"total_balance\":"
                    + "9".repeat(20_000)
                    + "}}"),
            ProbeStatus.UPSTREAM_ERROR,
            "no balance in it"));

    // a relay: its token usage (and billing fallback) broken, its model list healthy
    cases.add(relayAccount("never answers", neverAnswers(), ProbeStatus.TIMEOUT, "did not answer"));
    cases.add(
        relayAccount(
            "200, headers then the body hangs",
            headersThenHangs(200),
            ProbeStatus.TIMEOUT,
            "did not answer"));
    cases.add(
        relayAccount(
            "reset mid-headers",
            resetAfter("HTTP/1.1 200 OK\r\nContent-Ty"),
            ProbeStatus.NETWORK_ERROR,
            "connection to 127.0.0.1 failed"));
    cases.add(
        relayAccount(
            "10 MB of headers",
            tenMegabytesOfHeaders(),
            ProbeStatus.NETWORK_ERROR,
            HEADERS_TOO_LONG));
    cases.add(
        relayAccount(
            "200 with a 10 MB JSON body",
            tenMegabyteBody(200, "{\"code\":true,\"data\":{\"total_available\":1,\"x\":\""),
            ProbeStatus.UPSTREAM_ERROR,
            "without usable figures"));
    cases.add(
        relayAccount(
            "status line \"HTTP/1.1 abc\"",
            BAD_STATUS_NUMBER,
            ProbeStatus.NETWORK_ERROR,
            "sent a malformed HTTP response (not a valid status line"));
    cases.add(
        relayAccount(
            "status line \"FOO 200 OK\"",
            BAD_PROTOCOL,
            ProbeStatus.NETWORK_ERROR,
            "sent a malformed HTTP response (not a valid status line"));
    cases.add(
        relayAccount(
            "status line \"HTTP/1.1 200\" and bad header lines",
            BAD_HEADER_LINES,
            ProbeStatus.UPSTREAM_ERROR,
            "without usable figures"));
    cases.add(
        relayAccount(
            "binary junk", BINARY_JUNK, ProbeStatus.NETWORK_ERROR, "malformed HTTP response"));
    cases.add(
        relayAccount(
            "200 with an HTML page",
            htmlPage(),
            ProbeStatus.UPSTREAM_ERROR,
            "without usable figures"));
    cases.add(
        relayAccount(
            "truncated usage JSON",
            json("{\"code\":true,\"data\":{\"total_available\":40"),
            ProbeStatus.UPSTREAM_ERROR,
            "without usable figures"));
    cases.add(
        relayAccount(
            "usage JSON with wrong types",
            json("{\"code\":true,\"data\":{\"total_available\":\"lots\",\"total_granted\":[1]}}"),
            ProbeStatus.UPSTREAM_ERROR,
            "gave no amounts"));
    cases.add(
        relayAccount(
            "usage JSON with huge exponents",
            json(
                "{\"code\":true,\"data\":{\"total_available\":1e999999999,"
                    + "\"total_granted\":1e999999999,\"total_used\":-1e-999999999}}"),
            ProbeStatus.UPSTREAM_ERROR,
            "gave no amounts"));

    // a relay: its model list broken, its token usage healthy
    cases.add(
        relayModels(
            "never answers", neverAnswers(), ProbeStatus.TIMEOUT, "model list could not be read"));
    cases.add(
        relayModels(
            "reset mid-headers",
            resetAfter("HTTP/1.1 200 OK\r\nContent-Ty"),
            ProbeStatus.NETWORK_ERROR,
            "model list could not be read"));
    cases.add(
        relayModels(
            "status line \"FOO 200 OK\"",
            BAD_PROTOCOL,
            ProbeStatus.NETWORK_ERROR,
            "model list could not be read"));
    cases.add(
        relayModels(
            "200 with an HTML page",
            htmlPage(),
            ProbeStatus.UPSTREAM_ERROR,
            "model list could not be read"));
    cases.add(
        relayModels(
            "invalid JSON",
            json("{\"object\":\"list\",\"data\":[{\"id\":"),
            ProbeStatus.UPSTREAM_ERROR,
            "model list could not be read"));
    return cases.stream();
  }

  private static Case probe(String fault, Exchange script, ProbeStatus status, String says) {
    return new Case(Part.PROBE, fault, script, status, says);
  }

  private static Case balance(String fault, Exchange script, ProbeStatus status, String says) {
    return new Case(Part.BALANCE, fault, script, status, says);
  }

  private static Case relayAccount(String fault, Exchange script, ProbeStatus status, String says) {
    return new Case(Part.RELAY_ACCOUNT, fault, script, status, says);
  }

  private static Case relayModels(String fault, Exchange script, ProbeStatus status, String says) {
    return new Case(Part.RELAY_MODELS, fault, script, status, says);
  }

  // ------------------------------------------------------------------ faults

  /** A status line whose code is not a number; it echoes the key it was sent. */
  private static final Exchange BAD_STATUS_NUMBER = echoing("HTTP/1.1 abc %s\r\n\r\n");

  /** Not HTTP at all. */
  private static final Exchange BAD_PROTOCOL = echoing("FOO 200 OK %s\r\n\r\n");

  /** A status line without a reason, then lines that are no headers. */
  private static final Exchange BAD_HEADER_LINES =
      echoing("HTTP/1.1 200\r\nthis is no header %s\r\n: no name\r\n\r\n");

  /** 4 KB of random bytes, then the connection is closed. */
  private static final Exchange BINARY_JUNK =
      (socket, request) -> {
        byte[] junk = new byte[4096];
        new Random(6).nextBytes(junk);
        socket.getOutputStream().write(junk);
        socket.getOutputStream().flush();
      };

  private static Exchange neverAnswers() {
    return (socket, request) -> ScriptedServer.awaitClose(socket);
  }

  /** The status line and headers promise 100000 bytes; a few come, then nothing. */
  private static Exchange headersThenHangs(int status) {
    return (socket, request) -> {
      ScriptedServer.send(
          socket,
          "HTTP/1.1 "
              + status
              + " Whatever\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
              + "{\"errors\":{\"message\":\"");
      ScriptedServer.awaitClose(socket);
    };
  }

  private static Exchange resetAfter(String partial) {
    return (socket, request) -> {
      ScriptedServer.send(socket, partial);
      ScriptedServer.reset(socket);
    };
  }

  private static Exchange tenMegabytesOfHeaders() {
    return (socket, request) -> {
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      String filler = "a".repeat(1000);
      for (int sent = 0, i = 0; sent < TEN_MB; i++) {
        byte[] line = ("X-Pad-" + i + ": " + filler + "\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(line);
        sent += line.length;
      }
      out.write("Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    };
  }

  /** A well-formed answer of 10 MB: {@code prefix}, the key it was sent, then filler. */
  private static Exchange tenMegabyteBody(int status, String prefix) {
    return (socket, request) -> {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 "
                  + status
                  + " Whatever\r\nContent-Type: application/json\r\nContent-Length: "
                  + TEN_MB
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] start = (prefix + bearer(request) + " ").getBytes(StandardCharsets.US_ASCII);
      out.write(start);
      byte[] block = new byte[64 * 1024];
      Arrays.fill(block, (byte) 'a');
      for (int sent = start.length; sent < TEN_MB; sent += block.length) {
        out.write(block, 0, Math.min(block.length, TEN_MB - sent));
      }
      out.flush();
    };
  }

  /** A login page such as a proxy or captive portal serves, echoing the key. */
  private static Exchange htmlPage() {
    return (socket, request) ->
        answer(
                200,
                "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in"
                    + "</h1><p>token "
                    + bearer(request)
                    + "</p></body></html>")
            .answer(socket, request);
  }

  /** Sends {@code format} with the key it was sent in place of %s, then closes. */
  private static Exchange echoing(String format) {
    return (socket, request) -> ScriptedServer.send(socket, String.format(format, bearer(request)));
  }

  private static Exchange json(String body) {
    return answer(200, "application/json", body);
  }

  private static Exchange answer(int status, String contentType, String body) {
    return answer(status, contentType, body, "");
  }

  private static Exchange answer(int status, String contentType, String body, String headers) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return (socket, request) -> {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 "
                  + status
                  + " Whatever\r\nContent-Type: "
                  + contentType
                  + "\r\n"
                  + headers
                  + "Content-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
    };
  }

  private static String bearer(Request request) {
    String authorization = request.header("Authorization");
    return authorization == null ? "" : authorization.replace("Bearer ", "");
  }

  // ------------------------------------------------------------------ healthy upstreams

  /** ModelScope: API-Inference under /v1, the OpenAPI under /openapi/v1. */
  private static void modelScope(Socket socket, Request request)
      throws IOException, InterruptedException {
    Case fault = current;
    switch (request.path()) {
      case "/v1/models" ->
          answer(200, "application/json", modelList(List.of(ALPHA, FAULTY, BETA)))
              .answer(socket, request);
      case "/v1/chat/completions" -> {
        String model =
            JsonParser.parseString(request.body()).getAsJsonObject().get("model").getAsString();
        if (fault != null && fault.part() == Part.PROBE && model.equals(FAULTY)) {
          fault.script().answer(socket, request);
        } else {
          healthyProbe(model).answer(socket, request);
        }
      }
      case "/openapi/v1/magicubes/balance" -> {
        if (fault != null && fault.part() == Part.BALANCE) {
          fault.script().answer(socket, request);
        } else {
          answer(200, "application/json", FakeModelScope.BALANCE_250).answer(socket, request);
        }
      }
      case "/openapi/v1/users/me" ->
          answer(200, "application/json", "{\"success\":true,\"data\":{\"name\":\"tester\"}}")
              .answer(socket, request);
      default -> answer(404, "application/json", "{}").answer(socket, request);
    }
  }

  /** 200 with all four quota headers for a healthy model; the faulty one when healthy too. */
  private static Exchange healthyProbe(String model) {
    long[] quota = QUOTAS.getOrDefault(model, new long[] {2000, 1300, 100, 5});
    return answer(
        200,
        "text/event-stream",
        "data: {\"choices\":[{\"delta\":{\"content\":\"h\"}}]}\n\ndata: [DONE]\n\n",
        "modelscope-ratelimit-requests-limit: "
            + quota[0]
            + "\r\nmodelscope-ratelimit-requests-remaining: "
            + quota[1]
            + "\r\nmodelscope-ratelimit-model-requests-limit: "
            + quota[2]
            + "\r\nmodelscope-ratelimit-model-requests-remaining: "
            + quota[3]
            + "\r\n");
  }

  /** A new-api relay with $8 left of $10 and two models. */
  private static void relay(Socket socket, Request request)
      throws IOException, InterruptedException {
    Case fault = current;
    String path = request.path();
    boolean account = path.equals("/api/usage/token/") || path.startsWith("/v1/dashboard/billing/");
    if (fault != null
        && ((fault.part() == Part.RELAY_ACCOUNT && account)
            || (fault.part() == Part.RELAY_MODELS && path.equals("/v1/models")))) {
      fault.script().answer(socket, request);
      return;
    }
    String body =
        switch (path) {
          case "/api/status" ->
              "{\"success\":true,\"data\":{\"quota_per_unit\":500000,"
                  + "\"quota_display_type\":\"USD\"}}";
          case "/api/usage/token/" ->
              "{\"code\":true,\"data\":{\"name\":\"my-token\","
                  + "\"total_granted\":5000000,\"total_used\":1000000,\"total_available\":4000000,"
                  + "\"unlimited_quota\":false,\"expires_at\":0}}";
          case "/v1/models" -> modelList(RELAY_MODELS);
          default -> null;
        };
    if (body == null) {
      answer(404, "application/json", "{\"error\":{\"message\":\"not found\"}}")
          .answer(socket, request);
    } else {
      answer(200, "application/json", body).answer(socket, request);
    }
  }

  private static String modelList(Iterable<String> ids) {
    StringBuilder data = new StringBuilder();
    for (String id : ids) {
      data.append(data.length() == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(id)
          .append("\",\"object\":\"model\"}");
    }
    return "{\"object\":\"list\",\"data\":[" + data + "]}";
  }

  // ------------------------------------------------------------------ the app

  @BeforeAll
  static void start() throws IOException {
    modelScope = new ScriptedServer(UpstreamFaultMatrixTest::modelScope);
    relay = new ScriptedServer(UpstreamFaultMatrixTest::relay);
    Map<String, String> properties = new HashMap<>();
    properties.put("modelscope.api_base_url", "http://127.0.0.1:" + modelScope.port() + "/v1");
    properties.put(
        "modelscope.openapi_base_url", "http://127.0.0.1:" + modelScope.port() + "/openapi/v1");
    properties.put("quota.probe_timeout_ms", Integer.toString(PROBE_TIMEOUT_MS));
    properties.put("quota.query_deadline_ms", Integer.toString(QUERY_DEADLINE_MS));
    properties.put("upstream.allow_http", "true");
    properties.put("upstream.allow_private_addresses", "true");
    app = RunningApp.start(properties);
    askers = Executors.newFixedThreadPool(Door.values().length);
  }

  @AfterAll
  static void stop() throws IOException {
    askers.shutdownNow();
    app.close();
    modelScope.close();
    relay.close();
  }

  // ------------------------------------------------------------------ the tests

  @Test
  void withNothingBrokenEveryPartAnswers() {
    for (Door door : Door.values()) {
      Answer modelScopeAnswer = door.ask(modelScopeQuery());
      assertAccountRead(modelScopeAnswer.account(), Part.BALANCE);
      for (String model : List.of(ALPHA, FAULTY, BETA)) {
        assertEquals("ok", modelScopeAnswer.rows().get(model).get("status").getAsString());
      }
      Answer relayAnswer = door.ask(relayQuery(List.of()));
      assertAccountRead(relayAnswer.account(), Part.RELAY_ACCOUNT);
      assertEquals(RELAY_MODELS, List.copyOf(relayAnswer.rows().keySet()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void oneBrokenPartIsReportedAndTheRestIsIntact(Case fault) {
    ScriptedServer upstream = fault.part().isRelay() ? relay : modelScope;
    try {
      answersWithTheFault(fault, upstream);
    } finally {
      current = null;
      // a script still writing to a client that stopped reading would outlive the case
      upstream.dropConnections();
    }
    // and the process stays healthy: /health, and a normal query right after
    HttpResponse<String> health = HttpCalls.get(app.uri("/health"));
    assertEquals(200, health.statusCode(), health.body());
    Answer after = Door.JSON.ask(query(fault.part()));
    assertAccountRead(after.account(), fault.part().isRelay() ? Part.RELAY_ACCOUNT : Part.BALANCE);
    assertFalse(after.rows().isEmpty(), after.raw());
    after.rows().values().forEach(row -> assertEquals("ok", row.get("status").getAsString()));
  }

  private static void answersWithTheFault(Case fault, ScriptedServer upstream) {
    current = fault;
    try (LogCapture logs = LogCapture.open()) {
      // WHEN the query runs with the fault in place, through both doors at once
      Map<Door, CompletableFuture<Timed>> asked = new EnumMap<>(Door.class);
      for (Door door : Door.values()) {
        asked.put(
            door,
            CompletableFuture.supplyAsync(() -> Timed.ask(door, query(fault.part())), askers));
      }
      for (Door door : Door.values()) {
        Timed timed = asked.get(door).join();
        Answer answer = timed.answer();
        String where = door + " " + answer.raw();

        // THEN it arrives within the query deadline
        assertTrue(
            timed.tookMs() < QUERY_DEADLINE_MS + MARGIN_MS,
            door + " took " + timed.tookMs() + " ms: " + where);
        // the broken part says what went wrong, the others are intact
        assertBrokenPart(fault, answer, where);
        assertIntactParts(fault.part(), answer, where);
        // and nothing leaks into the answer
        assertFalse(answer.raw().contains(KEY), where);
        assertFalse(answer.raw().contains(RELAY_KEY), where);
        assertFalse(STACK_TRACE.matcher(answer.raw()).find(), "stack trace in " + where);
      }
      if (fault.part() == Part.RELAY_MODELS) {
        // with no model named, the account's note says why no model is listed
        Answer unnamed = Door.JSON.ask(relayQuery(List.of()));
        assertAccountRead(unnamed.account(), Part.RELAY_ACCOUNT);
        assertTrue(unnamed.rows().isEmpty(), unnamed.raw());
        assertTrue(
            unnamed.account().get("note").getAsString().contains(fault.says()), unnamed.raw());
      }
      String logged = logs.text();
      assertFalse(logged.contains(KEY), "the key was logged");
      assertFalse(logged.contains(RELAY_KEY), "the relay key was logged");
    }

    // no connection to the upstream is left open: not at the far end, and no socket in the process
    Await.until(
        "the upstream sees every connection closed",
        Duration.ofSeconds(5),
        () -> upstream.open() == 0);
    if (OwnSockets.available()) {
      Await.until(
          "no socket to the upstream left in the process",
          Duration.ofSeconds(5),
          () -> OwnSockets.to(upstream.port()) == 0);
    }
  }

  private static void assertBrokenPart(Case fault, Answer answer, String where) {
    JsonObject broken =
        switch (fault.part()) {
          case PROBE -> answer.rows().get(FAULTY);
          case RELAY_MODELS -> answer.rows().get("gpt-4o");
          case BALANCE, RELAY_ACCOUNT -> answer.account();
        };
    assertNotNull(broken, where);
    assertEquals(fault.status().wireName(), broken.get("status").getAsString(), where);
    JsonElement text = broken.get(fault.status().isSuccess() ? "note" : "error");
    assertTrue(text != null && text.isJsonPrimitive(), "no explanation: " + where);
    assertTrue(text.getAsString().contains(fault.says()), "unclear: " + where);
    if (fault.part() == Part.PROBE || fault.part() == Part.RELAY_MODELS) {
      assertEquals(
          fault.status().isSuccess(), answer.success(), "success says otherwise: " + where);
    }
    if (fault.part() == Part.PROBE) {
      for (String field :
          List.of(
              "request_limit",
              "request_remaining",
              "model_request_limit",
              "model_request_remaining")) {
        assertTrue(broken.get(field).isJsonNull(), "a number for a broken probe: " + where);
      }
    }
    if (fault.part() == Part.BALANCE || fault.part() == Part.RELAY_ACCOUNT) {
      for (String field : List.of("available_balance", "total_balance", "used")) {
        assertTrue(broken.get(field).isJsonNull(), "an amount for a broken balance: " + where);
      }
      assertEquals(0, broken.getAsJsonArray("balances").size(), "a broken balance: " + where);
    }
  }

  private static void assertIntactParts(Part broken, Answer answer, String where) {
    switch (broken) {
      case PROBE -> {
        assertAccountRead(answer.account(), Part.BALANCE);
        assertHealthyRows(answer, where);
      }
      case BALANCE -> {
        assertHealthyRows(answer, where);
        assertEquals("ok", answer.rows().get(FAULTY).get("status").getAsString(), where);
      }
      case RELAY_ACCOUNT -> assertEquals(RELAY_MODELS, List.copyOf(answer.rows().keySet()), where);
      case RELAY_MODELS -> assertAccountRead(answer.account(), Part.RELAY_ACCOUNT);
    }
  }

  private static void assertHealthyRows(Answer answer, String where) {
    for (String model : List.of(ALPHA, BETA)) {
      JsonObject row = answer.rows().get(model);
      assertNotNull(row, model + " missing: " + where);
      assertEquals("ok", row.get("status").getAsString(), where);
      long[] quota = QUOTAS.get(model);
      assertEquals(quota[0], row.get("request_limit").getAsLong(), where);
      assertEquals(quota[1], row.get("request_remaining").getAsLong(), where);
      assertEquals(quota[2], row.get("model_request_limit").getAsLong(), where);
      assertEquals(quota[3], row.get("model_request_remaining").getAsLong(), where);
      assertTrue(row.get("error").isJsonNull(), where);
    }
  }

  private static void assertAccountRead(JsonObject account, Part which) {
    assertEquals("ok", account.get("status").getAsString(), account.toString());
    if (which == Part.BALANCE) {
      assertEquals(250, account.get("available_balance").getAsInt(), account.toString());
      assertEquals("tester", account.get("user").getAsString(), account.toString());
      JsonObject balance = account.getAsJsonArray("balances").get(0).getAsJsonObject();
      assertEquals("account", balance.get("scope").getAsString(), account.toString());
      assertEquals("魔粒", balance.get("unit").getAsString(), account.toString());
    } else {
      assertEquals(
          0,
          account.get("available_balance").getAsBigDecimal().compareTo(new BigDecimal(8)),
          account.toString());
      assertEquals("USD", account.get("unit").getAsString(), account.toString());
      JsonObject key = account.getAsJsonArray("balances").get(0).getAsJsonObject();
      assertEquals("key", key.get("scope").getAsString(), account.toString());
      assertEquals(0, key.get("total").getAsBigDecimal().compareTo(BigDecimal.TEN), key.toString());
    }
  }

  // ------------------------------------------------------------------ asking

  private static String query(Part part) {
    return switch (part) {
      case PROBE, BALANCE -> modelScopeQuery();
      case RELAY_ACCOUNT -> relayQuery(List.of());
      case RELAY_MODELS -> relayQuery(List.of("gpt-4o"));
    };
  }

  private static String modelScopeQuery() {
    return "{\"models\":[\""
        + ALPHA
        + "\",\""
        + FAULTY
        + "\",\""
        + BETA
        + "\"],\"api_key\":\""
        + KEY
        + "\"}";
  }

  private static String relayQuery(List<String> models) {
    return "{\"provider\":\"newapi\",\"base_url\":\"http://127.0.0.1:"
        + relay.port()
        + "\",\"api_key\":\""
        + RELAY_KEY
        + "\",\"models\":\""
        + String.join(",", models)
        + "\"}";
  }

  /**
   * What one door answered, in the same shape for both.
   *
   * @param rows the model rows by model id, in the order they were listed
   */
  record Answer(String raw, JsonObject account, Map<String, JsonObject> rows, boolean success) {}

  /** An answer and how long it took to arrive. */
  record Timed(Answer answer, long tookMs) {
    static Timed ask(Door door, String query) {
      long started = System.nanoTime();
      Answer answer = door.ask(query);
      return new Timed(answer, (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** The two query endpoints. */
  enum Door {
    JSON("/api/balance"),
    STREAM("/api/balance/stream");

    private final String path;

    Door(String path) {
      this.path = path;
    }

    Answer ask(String query) {
      HttpResponse<String> response = HttpCalls.postJson(app.uri(path), query);
      assertEquals(200, response.statusCode(), path + " " + response.body());
      return this == JSON ? fromJson(response.body()) : fromStream(response.body());
    }

    private static Answer fromJson(String body) {
      JsonObject json = JsonParser.parseString(body).getAsJsonObject();
      Map<String, JsonObject> rows = new LinkedHashMap<>();
      json.getAsJsonArray("data")
          .forEach(
              row ->
                  rows.put(
                      row.getAsJsonObject().get("model").getAsString(), row.getAsJsonObject()));
      return new Answer(
          body, json.getAsJsonObject("account"), rows, json.get("success").getAsBoolean());
    }

    /** The account line first, the summary last, one line per row between (pings skipped). */
    private static Answer fromStream(String body) {
      List<JsonObject> lines = new ArrayList<>();
      for (String line : body.split("\n")) {
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        if (!json.get("type").getAsString().equals("ping")) {
          lines.add(json);
        }
      }
      assertEquals("account", lines.get(0).get("type").getAsString(), body);
      JsonObject summary = lines.get(lines.size() - 1);
      assertEquals("summary", summary.get("type").getAsString(), body);
      Map<String, JsonObject> rows = new LinkedHashMap<>();
      lines.subList(1, lines.size() - 1).stream()
          .sorted((a, b) -> Integer.compare(a.get("index").getAsInt(), b.get("index").getAsInt()))
          .forEach(
              row -> {
                assertEquals("model", row.get("type").getAsString(), body);
                rows.put(row.get("model").getAsString(), row);
              });
      return new Answer(body, lines.get(0), rows, summary.get("success").getAsBoolean());
    }
  }
}
