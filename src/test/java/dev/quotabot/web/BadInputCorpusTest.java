package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A generated corpus of malformed (and a few valid-but-odd) requests, each sent over real HTTP to
 * both {@code POST /api/balance} and {@code POST /api/balance/stream}: no 5xx, no hang, every
 * refusal a JSON error with a helpful message that never echoes the key, nothing probed upstream
 * for a refused request, and the server still healthy afterwards. The corpus is deterministic (a
 * fixed seed), so a failure names a case that can be replayed.
 */
final class BadInputCorpusTest {
  private static final long SEED = 20_261_124L;
  private static final String KEY = "ms-CORPUS-SECRET-0123456789abcdef";
  private static final String TOKEN = "tok-CORPUS-HIDDEN-9876543210";

  /** Markers that only occur inside the secrets: none may reach an answer or a log line. */
  private static final List<String> SECRET_MARKERS = List.of("CORPUS-SECRET", "CORPUS-HIDDEN");

  private static final String VALID =
      "{\"models\":[\"Qwen/Qwen3-32B\",\"deepseek-ai/DeepSeek-V3\"],\"api_key\":\"" + KEY + "\"}";
  private static final String RELAY =
      "{\"provider\":\"newapi\",\"base_url\":\"http://127.0.0.1:9\",\"user_id\":42,"
          + "\"access_token\":\""
          + TOKEN
          + "\",\"api_key\":\""
          + KEY
          + "\"}";
  private static final String[] ENDPOINTS = {"/api/balance", "/api/balance/stream"};
  private static final Duration NO_HANG = Duration.ofSeconds(10);

  private static FakeModelScope modelScope;
  private static RunningApp app;
  private static LogCapture logs;

  private static final AtomicInteger requests = new AtomicInteger();
  private static final AtomicInteger serverErrors = new AtomicInteger();
  private static final AtomicInteger refused = new AtomicInteger();
  private static final AtomicInteger answeredOk = new AtomicInteger();
  private static final AtomicInteger beforeTheApp = new AtomicInteger();
  private static final AtomicLong maxMillis = new AtomicLong();

  /** What a case may legitimately get back. */
  private enum Expect {
    /** Certainly invalid: a 4xx JSON error from the app. */
    REFUSED,
    /** May be valid after all (a mutation that kept the JSON valid, an emoji model): no 5xx. */
    EITHER,
    /**
     * Refused by Undertow's listener before any handler runs (header limits): it answers 400
     * without a JSON body or closes the connection. Only "no 5xx, no hang" is asserted.
     */
    LISTENER
  }

  private record Case(
      String category,
      String name,
      String method,
      String contentType,
      byte[] body,
      List<String> headers,
      String query,
      Expect expect,
      Integer status) {

    static Case json(String category, String name, String body, Expect expect) {
      return bytes(category, name, body.getBytes(StandardCharsets.UTF_8), expect);
    }

    static Case bytes(String category, String name, byte[] body, Expect expect) {
      return new Case(
          category, name, "POST", "application/json", body, List.of(), "", expect, null);
    }

    Case withStatus(int expected) {
      return new Case(category, name, method, contentType, body, headers, query, expect, expected);
    }
  }

  @BeforeAll
  static void start() {
    logs = LogCapture.open();
    modelScope = FakeModelScope.start(0);
    app = RunningApp.start(modelScope.properties());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      System.out.printf(
          "corpus: %d requests, %d server errors, %d refused by the app, %d answered 200,"
              + " %d closed or answered by Undertow before the app, max %d ms%n",
          requests.get(),
          serverErrors.get(),
          refused.get(),
          answeredOk.get(),
          beforeTheApp.get(),
          maxMillis.get());
      // THEN the server is still healthy after the whole corpus
      HttpResponse<String> health = send(HttpRequest.newBuilder(app.uri("/health")).GET());
      assertEquals(200, health.statusCode(), health.body());
      assertEquals(0, serverErrors.get(), "server errors");
      // THEN no log line holds a secret
      for (String marker : SECRET_MARKERS) {
        assertFalse(logs.text().contains(marker), "a secret reached the log");
      }
    } finally {
      app.close();
      modelScope.close();
      logs.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyMalformedRequestGetsAHelpfulJsonAnswer() {
    List<Case> corpus = corpus();
    Set<String> names = new LinkedHashSet<>();
    corpus.forEach(c -> assertTrue(names.add(c.category() + ": " + c.name()), c.name()));
    assertTrue(corpus.size() * ENDPOINTS.length >= 200, "corpus too small: " + corpus.size());
    return corpus.stream()
        .flatMap(
            c ->
                Stream.of(ENDPOINTS)
                    .map(
                        endpoint ->
                            DynamicTest.dynamicTest(
                                c.category() + ": " + c.name() + " → " + endpoint,
                                () -> check(c, endpoint))));
  }

  // ---------------------------------------------------------------------------------------------
  // The corpus

  static List<Case> corpus() {
    List<Case> all = new ArrayList<>();
    truncations(all);
    mutations(all, new Random(SEED));
    unicode(all);
    wrongTypes(all);
    nesting(all);
    hugeStrings(all);
    manyModels(all);
    duplicateKeys(all);
    contentTypes(all);
    methods(all);
    headers(all);
    return all;
  }

  /** The valid body cut at every position, the relay body at every third: never valid JSON. */
  private static void truncations(List<Case> all) {
    for (int i = 0; i < VALID.length(); i++) {
      all.add(Case.json("truncated", "at " + i, VALID.substring(0, i), Expect.REFUSED));
    }
    for (int i = 1; i < RELAY.length(); i += 3) {
      all.add(Case.json("truncated relay", "at " + i, RELAY.substring(0, i), Expect.REFUSED));
    }
  }

  private static final byte[][] SPLICES = {
    bytes("\""),
    bytes("{"),
    bytes("}"),
    bytes("["),
    bytes("]"),
    bytes(","),
    bytes(":"),
    bytes("\\"),
    {0}, // a raw NUL byte
    bytes("\\u0000"),
    {(byte) 0x80}, // a lone continuation byte
    {(byte) 0xC0, (byte) 0xAF}, // an overlong "/"
    {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // an overlong "/" in three bytes
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // the surrogate U+D800 encoded in UTF-8
    {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // a five-byte sequence
    {(byte) 0xFF},
    {(byte) 0xE2, (byte) 0x82}, // a sequence cut short
    bytes("\uFEFF"), // a byte-order mark
    bytes("\u202E"), // right-to-left override
    bytes("\u200B"), // zero-width space
    bytes("\uD83D\uDE00"), // an emoji
  };

  /** Seeded byte-level damage to the valid body: may leave it valid, so only "no 5xx". */
  private static void mutations(List<Case> all, Random random) {
    byte[] valid = bytes(VALID);
    for (int i = 0; i < 90; i++) {
      int op = random.nextInt(3);
      int at = random.nextInt(valid.length);
      byte[] splice = SPLICES[random.nextInt(SPLICES.length)];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(valid, 0, at);
      String name;
      if (op == 0) {
        out.write(splice, 0, splice.length);
        out.write(valid, at, valid.length - at);
        name = "insert";
      } else if (op == 1) {
        int end = Math.min(valid.length, at + 1 + random.nextInt(4));
        out.write(valid, end, valid.length - end);
        name = "delete " + (end - at);
      } else {
        out.write(splice, 0, splice.length);
        out.write(valid, at + 1, valid.length - at - 1);
        name = "replace";
      }
      String what = op == 1 ? "" : " " + hex(splice);
      all.add(
          Case.bytes(
              "mutated", i + ": " + name + what + " at " + at, out.toByteArray(), Expect.EITHER));
    }
  }

  private static void unicode(List<Case> all) {
    String key = ",\"api_key\":\"" + KEY + "\"}";
    all.add(Case.json("unicode", "BOM before the body", "\uFEFF" + VALID, Expect.EITHER));
    all.add(Case.json("unicode", "emoji model", "{\"models\":[\"😀/🚀\"]" + key, Expect.EITHER));
    all.add(
        Case.json(
            "unicode", "emoji field name", "{\"😀\":1,\"models\":[\"a\"]" + key, Expect.EITHER));
    all.add(
        Case.json(
            "unicode",
            "emoji in the key",
            "{\"models\":[\"a\"],\"api_key\":\"ms-😀-1234\"}",
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "RTL override in model",
            "{\"models\":[\"Qwen/\u202EQwen\"]" + key,
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "RTL override escaped",
            "{\"models\":[\"Qwen/\\u202eQwen\"]" + key,
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "zero-width joiner in model",
            "{\"models\":[\"a\u200Db\"]" + key,
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "zero-width space in model",
            "{\"models\":[\"a\u200Bb\"]" + key,
            Expect.EITHER));
    all.add(
        Case.json(
            "unicode",
            "zero-width space in key",
            "{\"models\":[\"a\"],\"api_key\":\"ms-\u200B" + KEY + "\"}",
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "lone high surrogate escape in model",
            "{\"models\":[\"a\\ud800\"]" + key,
            Expect.EITHER));
    all.add(
        Case.json(
            "unicode",
            "lone low surrogate escape in key",
            "{\"models\":[\"a\"],\"api_key\":\"ms-\\udc00-1234\"}",
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "noncharacters in model",
            "{\"models\":[\"\\uffff\\ufffe\"]" + key,
            Expect.EITHER));
    all.add(
        Case.json(
            "unicode", "escaped NUL in model", "{\"models\":[\"a\\u0000\"]" + key, Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "escaped NUL in key",
            "{\"models\":[\"a\"],\"api_key\":\"" + KEY + "\\u0000\"}",
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode", "raw NUL in model", "{\"models\":[\"a\u0000\"]" + key, Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "raw NUL between tokens",
            "{\"models\":[\"a\"]\u0000" + key,
            Expect.REFUSED));
    all.add(Case.json("unicode", "NUL after the body", VALID + "\u0000", Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "fullwidth key",
            "{\"models\":[\"a\"],\"api_key\":\"ｍｓ－１２３４５６７８\"}",
            Expect.REFUSED));
    all.add(
        Case.json(
            "unicode",
            "escaped field name",
            "{\"\\u0061pi_key\":\"" + KEY + "\",\"models\":[\"a\"]}",
            Expect.EITHER));
    all.add(
        Case.json(
            "unicode",
            "fullwidth commas between models",
            "{\"models\":\"a，b，c\"" + key,
            Expect.EITHER));
    all.add(
        Case.json(
            "unicode",
            "ideographic space in field name",
            "{\"models\u3000\":[\"a\"]" + key,
            Expect.EITHER));
    all.add(
        Case.bytes(
            "unicode", "UTF-16 body", VALID.getBytes(StandardCharsets.UTF_16), Expect.REFUSED));
    all.add(
        Case.bytes(
            "unicode",
            "UTF-32 body",
            VALID.getBytes(java.nio.charset.Charset.forName("UTF-32")),
            Expect.REFUSED));
    all.add(
        Case.bytes(
            "unicode",
            "Latin-1 body",
            "{\"models\":[\"café\"]}".getBytes(StandardCharsets.ISO_8859_1),
            Expect.REFUSED));
    all.add(
        Case.bytes(
            "unicode",
            "CESU-8 emoji",
            concat(
                bytes("{\"models\":[\""),
                new byte[] {
                  (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80
                },
                bytes("\"]" + key)),
            Expect.REFUSED));
  }

  /** Every field given every wrong JSON type. */
  private static void wrongTypes(List<Case> all) {
    String[] fields = {"models", "api_key", "provider", "base_url", "user_id", "access_token"};
    String[] values = {
      "42", "-1.5e308", "1e999", "true", "false", "{}", "{\"a\":\"b\"}", "[1]", "[[]]", "[null]"
    };
    for (String field : fields) {
      for (String value : values) {
        String body =
            "{\"models\":[\"a\"],\"api_key\":\"" + KEY + "\",\"" + field + "\":" + value + "}";
        if (field.equals("models") || field.equals("api_key")) {
          body =
              "{\""
                  + field
                  + "\":"
                  + value
                  + (field.equals("models")
                      ? ",\"api_key\":\"" + KEY + "\"}"
                      : ",\"models\":[\"a\"]}");
        }
        all.add(Case.json("wrong type", field + "=" + value, body, Expect.REFUSED).withStatus(400));
      }
    }
    // numbers with absurd exponents where a number is allowed (user_id)
    for (String number :
        new String[] {
          "1e999999999", "1e-999999999", "1e99999999999", "-0", "0.5", "1" + "0".repeat(5000)
        }) {
      String relay = RELAY.replace("\"user_id\":42", "\"user_id\":" + number);
      all.add(
          Case.json("wrong type", "relay user_id=" + shorten(number), relay, Expect.REFUSED)
              .withStatus(400));
    }
    all.add(Case.json("wrong type", "top-level null", "null", Expect.REFUSED).withStatus(400));
    all.add(Case.json("wrong type", "top-level number", "1", Expect.REFUSED).withStatus(400));
    all.add(Case.json("wrong type", "top-level true", "true", Expect.REFUSED).withStatus(400));
    all.add(Case.json("wrong type", "top-level empty array", "[]", Expect.REFUSED).withStatus(400));
    all.add(Case.json("wrong type", "empty object", "{}", Expect.REFUSED).withStatus(400));
    all.add(Case.json("wrong type", "whitespace only", " \t\r\n ", Expect.REFUSED).withStatus(400));
  }

  private static void nesting(List<Case> all) {
    String key = ",\"api_key\":\"" + KEY + "\"}";
    for (int depth : new int[] {10, 31, 32, 33, 100, 1_000, 10_000, 30_000, 100_000}) {
      String arrays = "[".repeat(depth) + "]".repeat(depth);
      String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      // shallow enough nesting in an unknown field is allowed; deeper is refused (or too big)
      Expect unknown = depth <= StrictJson.MAX_DEPTH ? Expect.EITHER : Expect.REFUSED;
      all.add(
          Case.json(
              "nesting",
              "arrays " + depth + " deep in x",
              "{\"x\":" + arrays + ",\"models\":[\"a\"]" + key,
              unknown));
      all.add(
          Case.json(
              "nesting",
              "objects " + depth + " deep in x",
              "{\"x\":" + objects + ",\"models\":[\"a\"]" + key,
              unknown));
      all.add(
          Case.json(
              "nesting",
              "arrays " + depth + " deep as models",
              "{\"models\":" + arrays + key,
              Expect.REFUSED));
      all.add(
          Case.json(
              "nesting", "unclosed arrays " + depth + " deep", "[".repeat(depth), Expect.REFUSED));
    }
  }

  private static void hugeStrings(List<Case> all) {
    String key = ",\"api_key\":\"" + KEY + "\"}";
    String mb = "m".repeat(1 << 20);
    all.add(
        Case.json("huge", "1 MB model name", "{\"models\":[\"" + mb + "\"]" + key, Expect.REFUSED)
            .withStatus(413));
    all.add(
        Case.json(
                "huge",
                "1 MB key",
                "{\"models\":[\"a\"],\"api_key\":\"" + mb + "\"}",
                Expect.REFUSED)
            .withStatus(413));
    all.add(
        Case.json("huge", "1 MB of whitespace", " ".repeat(1 << 20) + VALID, Expect.REFUSED)
            .withStatus(413));
    String k60 = "x".repeat(60 * 1024);
    all.add(
        Case.json("huge", "60 KB model name", "{\"models\":[\"" + k60 + "\"]" + key, Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "huge",
                "60 KB key",
                "{\"models\":[\"a\"],\"api_key\":\"" + k60 + "\"}",
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json("huge", "60 KB access_token", RELAY.replace(TOKEN, k60), Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "huge",
                "60 KB base_url",
                RELAY.replace("http://127.0.0.1:9", "https://" + k60),
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json("huge", "60 KB provider", "{\"provider\":\"" + k60 + "\"" + key, Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "huge",
                "60 KB field name",
                "{\"" + k60 + "\":1,\"" + k60.substring(1) + "x\":2" + key,
                Expect.REFUSED)
            .withStatus(413));
    all.add(
        Case.json(
                "huge",
                "60 KB duplicate field name",
                "{\"" + "y".repeat(30_000) + "\":1,\"" + "y".repeat(30_000) + "\":2" + key,
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
            "huge",
            "60 KB unknown string",
            "{\"note\":\"" + k60 + "\",\"models\":[\"a\"]" + key,
            Expect.EITHER));
    all.add(
        Case.json(
                "huge",
                "60 KB of escaped NULs in a model",
                "{\"models\":[\"" + "\\u0000".repeat(10_000) + "\"]" + key,
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "huge",
                "60 KB of emoji in a model",
                "{\"models\":[\"" + "😀".repeat(15_000) + "\"]" + key,
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
            "huge",
            "60 KB number",
            "{\"models\":[\"a\"],\"x\":" + "9".repeat(60_000) + key,
            Expect.EITHER));
    all.add(
        Case.json(
                "huge",
                "just over 64 KB",
                "{\"note\":\"" + "x".repeat(64 * 1024) + "\"" + key,
                Expect.REFUSED)
            .withStatus(413));
    all.add(
        Case.json(
                "huge",
                "key pasted into a long model name",
                "{\"models\":[\"" + KEY + "-".repeat(200) + "\"]" + key,
                Expect.REFUSED)
            .withStatus(400));
  }

  private static void manyModels(List<Case> all) {
    String key = ",\"api_key\":\"" + KEY + "\"}";
    List<String> distinct =
        IntStream.range(0, 10_000).mapToObj(i -> Integer.toString(i, 36)).toList();
    all.add(
        Case.json(
                "many models",
                "10 000 distinct in an array",
                "{\"models\":"
                    + distinct.stream()
                        .map(m -> "\"model-" + m + "\"")
                        .collect(Collectors.joining(",", "[", "]"))
                    + key,
                Expect.REFUSED)
            .withStatus(413));
    all.add(
        Case.json(
                "many models",
                "10 000 distinct in one string",
                "{\"models\":\"" + String.join(",", distinct) + "\"" + key,
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "many models",
                "10 000 distinct split by newlines",
                "{\"models\":\"" + String.join("\\n", distinct) + "\"" + key,
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "many models",
                "51 distinct",
                "{\"models\":"
                    + distinct.subList(0, 51).stream()
                        .map(m -> "\"" + m + "\"")
                        .collect(Collectors.joining(",", "[", "]"))
                    + key,
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
            "many models",
            "10 000 copies of one",
            "{\"models\":"
                + Stream.generate(() -> "\"a\"")
                    .limit(10_000)
                    .collect(Collectors.joining(",", "[", "]"))
                + key,
            Expect.EITHER));
    all.add(
        Case.json(
            "many models",
            "10 000 empty strings",
            "{\"models\":"
                + Stream.generate(() -> "\"\"")
                    .limit(10_000)
                    .collect(Collectors.joining(",", "[", "]"))
                + key,
            Expect.EITHER));
    all.add(
        Case.json(
                "many models",
                "10 000 nulls",
                "{\"models\":"
                    + Stream.generate(() -> "null")
                        .limit(10_000)
                        .collect(Collectors.joining(",", "[", "]"))
                    + key,
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
            "many models",
            "10 000 commas",
            "{\"models\":\"" + ",".repeat(10_000) + "\"" + key,
            Expect.EITHER));
  }

  private static void duplicateKeys(List<Case> all) {
    String[] fields = {"models", "api_key", "provider", "base_url", "user_id", "access_token"};
    for (String field : fields) {
      all.add(
          Case.json(
                  "duplicate",
                  field + " twice",
                  VALID.replace("{", "{\"" + field + "\":\"x\",\"" + field + "\":\"y\","),
                  Expect.REFUSED)
              .withStatus(400));
    }
    all.add(
        Case.json(
                "duplicate",
                "api_key twice, same value",
                VALID.replace("}", ",\"api_key\":\"" + KEY + "\"}"),
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "duplicate",
                "api_key twice, one escaped",
                VALID.replace("}", ",\"\\u0061pi_key\":\"" + KEY + "\"}"),
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "duplicate",
                "key as a field name twice",
                "{\"" + KEY + "\":1,\"" + KEY + "\":2}",
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
                "duplicate",
                "in a nested unknown object",
                VALID.replace("{\"models\"", "{\"x\":{\"a\":1,\"a\":2},\"models\""),
                Expect.REFUSED)
            .withStatus(400));
    all.add(
        Case.json(
            "duplicate",
            "different case is not a duplicate",
            VALID.replace("{", "{\"Models\":1,"),
            Expect.EITHER));
  }

  private static void contentTypes(List<Case> all) {
    Map<String, Expect> types = new java.util.LinkedHashMap<>();
    for (String refused :
        new String[] {
          "text/plain",
          "text/json",
          "multipart/form-data; boundary=xyz",
          "application/x-www-form-urlencoded",
          "application/json; charset=latin1",
          "application/json; charset=iso-8859-1",
          "application/json; charset=utf-16",
          "application/json; charset=\"utf-16\"",
          "application/jsonx",
          "application/octet-stream",
          "*/*",
          "application/*",
          "json",
          ";",
          "application/json+xml",
          "text/html; charset=utf-8",
          "application/x-ndjson",
          "application /json",
          "\u00e9/json"
        }) {
      types.put(refused, Expect.REFUSED);
    }
    for (String accepted :
        new String[] {
          "APPLICATION/JSON",
          "application/json;charset=UTF-8",
          "application/json; charset=\"utf-8\"",
          "application/json; foo=bar; charset=utf-8",
          "application/vnd.api+json",
          "application/json-patch+json",
          "application/json;;;"
        }) {
      types.put(accepted, Expect.EITHER);
    }
    types.forEach(
        (type, expect) -> {
          Case c = Case.json("content type", type, VALID, expect);
          if (type.equals("\u00e9/json")) {
            // the JDK client refuses non-ASCII header values; send the Latin-1 bytes' look-alike
            type = "e\u0301/json".replace("\u0301", "");
            c =
                new Case(
                    "content type",
                    "non-ascii look-alike",
                    "POST",
                    "eacute/json",
                    bytes(VALID),
                    List.of(),
                    "",
                    expect,
                    415);
            all.add(c);
            return;
          }
          all.add(
              new Case(
                  c.category(),
                  c.name(),
                  "POST",
                  type,
                  c.body(),
                  List.of(),
                  "",
                  expect,
                  expect == Expect.REFUSED ? 415 : null));
        });
    all.add(
        new Case(
            "content type",
            "missing",
            "POST",
            null,
            bytes(VALID),
            List.of(),
            "",
            Expect.REFUSED,
            415));
    all.add(
        new Case(
            "content type", "empty", "POST", "", bytes(VALID), List.of(), "", Expect.REFUSED, 415));
    all.add(
        new Case(
            "content type",
            "two headers, text first",
            "POST",
            "text/plain",
            bytes(VALID),
            List.of("Content-Type", "application/json"),
            "",
            Expect.REFUSED,
            415));
    all.add(
        new Case(
            "content type",
            "multipart body",
            "POST",
            "multipart/form-data; boundary=b",
            bytes(
                "--b\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n"
                    + KEY
                    + "\r\n--b--\r\n"),
            List.of(),
            "",
            Expect.REFUSED,
            415));
    all.add(
        new Case(
            "content type",
            "form body declared JSON",
            "POST",
            "application/json",
            bytes("api_key=" + KEY + "&models=a"),
            List.of(),
            "",
            Expect.REFUSED,
            400));
  }

  private static void methods(List<Case> all) {
    for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO"}) {
      all.add(
          new Case(
              "method",
              method,
              method,
              "application/json",
              bytes(VALID),
              List.of(),
              "",
              Expect.REFUSED,
              405));
    }
    all.add(
        new Case(
            "method",
            "key in the query string",
            "POST",
            "application/json",
            bytes(VALID),
            List.of(),
            "?api_key=" + KEY,
            Expect.REFUSED,
            400));
    all.add(
        new Case(
            "method",
            "token in the query string",
            "POST",
            "application/json",
            bytes(VALID),
            List.of(),
            "?Access_Token=" + TOKEN,
            Expect.REFUSED,
            400));
  }

  private static void headers(List<Case> all) {
    String noKey = "{\"models\":[\"a\"]}";
    all.add(
        new Case(
            "headers",
            "Authorization Basic",
            "POST",
            "application/json",
            bytes(noKey),
            List.of("Authorization", "Basic " + KEY),
            "",
            Expect.REFUSED,
            400));
    all.add(
        new Case(
            "headers",
            "Authorization Bearer with nothing",
            "POST",
            "application/json",
            bytes(noKey),
            List.of("Authorization", "Bearer"),
            "",
            Expect.REFUSED,
            400));
    all.add(
        new Case(
            "headers",
            "Authorization Bearer 10 KB",
            "POST",
            "application/json",
            bytes(noKey),
            List.of("Authorization", "Bearer " + "k".repeat(10_000)),
            "",
            Expect.REFUSED,
            400));
    all.add(
        new Case(
            "headers",
            "Authorization Bearer key with spaces",
            "POST",
            "application/json",
            bytes(noKey),
            List.of("Authorization", "Bearer ms-CORPUS-SECRET 1234"),
            "",
            Expect.REFUSED,
            400));
    all.add(
        new Case(
            "headers",
            "Authorization twice, body key wins",
            "POST",
            "application/json",
            bytes(VALID),
            List.of("Authorization", "Bearer x", "Authorization", "Bearer y"),
            "",
            Expect.EITHER,
            null));
    all.add(
        new Case(
            "headers",
            "a 20 KB header",
            "POST",
            "application/json",
            bytes(VALID),
            List.of("X-Padding", "p".repeat(20_000)),
            "",
            Expect.EITHER,
            null));
    // Undertow's listener (MAX_HEADER_SIZE 32 KB, at most 200 headers) answers these itself,
    // before any handler of the app runs: a bare 400 or a closed connection, never a 5xx.
    all.add(
        new Case(
            "headers",
            "a 100 KB header",
            "POST",
            "application/json",
            bytes(VALID),
            List.of("X-Padding", "p".repeat(100_000)),
            "",
            Expect.LISTENER,
            null));
    all.add(
        new Case(
            "headers",
            "a 100 KB Authorization",
            "POST",
            "application/json",
            bytes(noKey),
            List.of("Authorization", "Bearer " + "k".repeat(100_000)),
            "",
            Expect.LISTENER,
            null));
    all.add(
        new Case(
            "headers",
            "a 100 KB query string",
            "POST",
            "application/json",
            bytes(VALID),
            List.of(),
            "?q=" + "q".repeat(100_000),
            Expect.LISTENER,
            null));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add("X-Header-" + i);
      many.add("v" + i);
    }
    all.add(
        new Case(
            "headers",
            "500 headers",
            "POST",
            "application/json",
            bytes(VALID),
            many,
            "",
            Expect.LISTENER,
            null));
    List<String> wide = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      wide.add("X-Wide-" + i);
      wide.add("w".repeat(1_000));
    }
    all.add(
        new Case(
            "headers",
            "50 headers of 1 KB",
            "POST",
            "application/json",
            bytes(VALID),
            wide,
            "",
            Expect.LISTENER,
            null));
  }

  // ---------------------------------------------------------------------------------------------
  // Sending and checking

  private static void check(Case c, String endpoint) throws Exception {
    // GIVEN the number of probes the fake upstream has seen so far
    int probesBefore = modelScope.probes().size();

    // WHEN the request is sent
    HttpRequest.Builder request =
        HttpRequest.newBuilder(app.uri(endpoint + c.query()))
            .method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    if (!c.headers().isEmpty()) {
      request.headers(c.headers().toArray(String[]::new));
    }
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = send(request);
    } catch (HttpTimeoutException hang) {
      fail("no answer within " + NO_HANG + ": " + c.name());
      return;
    } catch (IOException closed) {
      requests.incrementAndGet();
      // THEN only the listener's own limits may close the connection instead of answering
      // A body over the limit is answered 413 before it is read and the connection closed; the
      // unread bytes can make the client's TCP stack drop that answer (a reset). Known, left to
      // the report: tolerated here as "closed, not hung", never as a 5xx.
      assertTrue(
          c.expect() == Expect.LISTENER || c.body().length > BoundedRequestBody.MAX_BYTES,
          c.name() + ": connection closed without an answer: " + closed);
      beforeTheApp.incrementAndGet();
      return;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    requests.incrementAndGet();
    maxMillis.accumulateAndGet(millis, Math::max);
    int status = response.statusCode();

    // THEN never a server error
    if (status >= 500) {
      serverErrors.incrementAndGet();
      fail("server error " + status + " for " + c.name() + ": " + response.body());
    }
    // THEN nothing was probed upstream unless the query ran
    if (status != 200) {
      assertEquals(probesBefore, modelScope.probes().size(), "a refused request was probed");
    }
    if (c.expect() == Expect.LISTENER) {
      // Undertow answered (or the request fit after all): no 5xx is all that is promised
      if (status == 400 && !isJson(response)) {
        beforeTheApp.incrementAndGet();
      } else if (status == 200) {
        answeredOk.incrementAndGet();
      } else {
        refused.incrementAndGet();
      }
      return;
    }
    if (c.status() != null) {
      assertEquals(c.status().intValue(), status, response.body());
    }
    if (c.expect() == Expect.REFUSED) {
      assertTrue(
          status >= 400, c.name() + ": expected a refusal, got " + status + ": " + response.body());
    }
    if (status == 200) {
      answeredOk.incrementAndGet();
      assertAnswered(response, endpoint);
    } else {
      refused.incrementAndGet();
      assertProblem(response, c.method());
    }
  }

  /** A query that ran: a JSON report (or NDJSON lines ending in a summary), and no secret. */
  private static void assertAnswered(HttpResponse<String> response, String endpoint) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    assertNoSecret(response.body());
    if (endpoint.endsWith("/stream")) {
      assertTrue(type.startsWith("application/x-ndjson"), type);
      List<String> lines = response.body().lines().toList();
      assertFalse(lines.isEmpty());
      lines.forEach(line -> JsonParser.parseString(line).getAsJsonObject());
      JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
      assertEquals("summary", last.get("type").getAsString(), response.body());
    } else {
      assertTrue(type.startsWith("application/json"), type);
      JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
      assertTrue(body.has("success"), response.body());
    }
  }

  /** A refusal from the app: the common error shape with a short, helpful, secret-free message. */
  private static void assertProblem(HttpResponse<String> response, String method) {
    assertTrue(isJson(response), "not JSON: " + response.headers().map());
    if (method.equals("HEAD")) {
      assertEquals("", response.body());
      return;
    }
    JsonElement parsed = JsonParser.parseString(response.body());
    JsonObject body = parsed.getAsJsonObject();
    assertFalse(body.get("success").getAsBoolean(), response.body());
    String message = body.get("message").getAsString();
    assertFalse(message.isBlank(), "blank message");
    assertTrue(message.length() <= 400, "message too long: " + message.length());
    assertNoSecret(response.body());
    for (String internal :
        List.of("Exception", "java.", "com.google", "io.undertow", "\tat ", ".java:")) {
      assertFalse(response.body().contains(internal), "internals leaked: " + response.body());
    }
  }

  private static void assertNoSecret(String body) {
    assertFalse(body.contains(KEY), "the key was echoed: " + shorten(body));
    assertFalse(body.contains(TOKEN), "the token was echoed: " + shorten(body));
    for (String marker : SECRET_MARKERS) {
      assertFalse(body.contains(marker), "part of a secret was echoed: " + shorten(body));
    }
  }

  private static boolean isJson(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .toLowerCase(Locale.ROOT)
        .startsWith("application/json");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HttpCalls.send(
        request, NO_HANG, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(String.format("%02X", b));
    }
    return text.toString();
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
