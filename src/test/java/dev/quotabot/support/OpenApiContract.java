package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The product's OpenAPI document ({@code GET /openapi.json}) as a contract that real answers are
 * checked against with a JSON Schema validator (networknt, OpenAPI 3.1 dialect, formats asserted).
 *
 * <p>The published document leaves objects open, so that a client keeps working while the API
 * grows. Checked here, every object is closed: {@code unevaluatedProperties: false} is added where
 * an object schema is used (beside each {@code $ref} not inside an {@code allOf}, and on each
 * inline object with {@code properties}), so a field the code writes but the document does not name
 * fails the check, as does a field the document requires and the code leaves out.
 */
public final class OpenApiContract {
  /** Where the document sits on the class path: the very bytes the server sends. */
  public static final String RESOURCE = "/dev/quotabot/web/openapi.json";

  /** The IRI the validator knows the (closed) document by; never fetched. */
  private static final String BASE = "https://quota-bot.test/openapi.json";

  private final JsonObject document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private OpenApiContract(JsonObject document) {
    this.document = document;
    JsonObject closed = document.deepCopy();
    close(closed.get("paths"), false);
    close(closed.get("components"), false);
    String text = new GsonBuilder().disableHtmlEscaping().create().toJson(closed);
    registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(),
            builder ->
                builder
                    .schemas(Map.of(BASE, text))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  /** The document on the class path. */
  public static OpenApiContract load() {
    return new OpenApiContract(JsonParser.parseString(resourceText()).getAsJsonObject());
  }

  /** The document's text, as the server must send it. */
  public static String resourceText() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** The document as published (open objects). */
  public JsonObject document() {
    return document;
  }

  /**
   * Asserts that {@code response} is what the document says {@code method path} answers with its
   * status and content type: the status is documented, and the body matches that response's schema.
   * Returns the parsed body.
   */
  public JsonElement assertAnswer(String method, String path, HttpResponse<String> response) {
    String mediaType = mediaType(response);
    String pointer = responseSchemaPointer(method, path, response.statusCode(), mediaType);
    assertValid(pointer, response.body(), method + " " + path + " " + response.statusCode());
    return JsonParser.parseString(response.body());
  }

  /**
   * Asserts that each line of an NDJSON answer matches the documented line schema of {@code method
   * path} (a 200 of {@code application/x-ndjson}); returns the lines parsed.
   */
  public List<JsonObject> assertNdjson(String method, String path, HttpResponse<String> response) {
    String mediaType = mediaType(response);
    String pointer = responseSchemaPointer(method, path, response.statusCode(), mediaType);
    List<String> lines = response.body().lines().filter(line -> !line.isBlank()).toList();
    assertTrue(!lines.isEmpty(), "no line in " + method + " " + path);
    for (int i = 0; i < lines.size(); i++) {
      assertValid(pointer, lines.get(i), method + " " + path + " line " + i);
    }
    return lines.stream().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
  }

  /** Asserts that {@code body} is a request body the document accepts for {@code method path}. */
  public void assertRequest(String method, String path, String body) {
    String operation = operationPointer(method, path);
    JsonElement declared = at(operation + "/requestBody");
    assertTrue(declared != null, "no request body for " + method + " " + path);
    JsonObject requestBody = resolve(declared).getAsJsonObject();
    String base = refOr(operation + "/requestBody", declared);
    assertTrue(
        requestBody.getAsJsonObject("content").has("application/json"),
        "no JSON request body for " + method + " " + path);
    assertValid(
        base + "/content/application~1json/schema", body, "request of " + method + " " + path);
  }

  /**
   * Asserts that {@code json} matches the schema at {@code pointer} (a JSON pointer, {@code #/…}).
   */
  public void assertValid(String pointer, String json, String what) {
    Schema schema =
        schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + p)));
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    if (!errors.isEmpty()) {
      fail(
          what
              + " does not match "
              + pointer
              + " of /openapi.json:\n  "
              + String.join("\n  ", errors.stream().map(Error::toString).toList())
              + "\n"
              + json);
    }
  }

  /** The JSON pointer of the schema of that answer; fails when the document does not have it. */
  public String responseSchemaPointer(String method, String path, int status, String mediaType) {
    String operation = operationPointer(method, path);
    JsonObject responses = at(operation + "/responses").getAsJsonObject();
    String code = Integer.toString(status);
    if (!responses.has(code)) {
      fail(method + " " + path + " answered " + status + ", which /openapi.json does not list");
    }
    String response = refOr(operation + "/responses/" + escape(code), responses.get(code));
    JsonObject content = at(response).getAsJsonObject().getAsJsonObject("content");
    if (content == null || !content.has(mediaType)) {
      fail(
          method + " " + path + " " + status + " answered " + mediaType + ", not in /openapi.json");
    }
    return response + "/content/" + escape(mediaType) + "/schema";
  }

  private String operationPointer(String method, String path) {
    String pointer = "#/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
    if (at(pointer) == null) {
      fail(method + " " + path + " is not in /openapi.json");
    }
    return pointer;
  }

  /** The element at a {@code #/…} pointer of the published document, or null. */
  public JsonElement at(String pointer) {
    JsonElement node = document;
    for (String token : pointer.substring(2).split("/", -1)) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (node == null || !node.isJsonObject()) {
        return null;
      }
      node = node.getAsJsonObject().get(key);
    }
    return node;
  }

  /** The target of a {@code {"$ref":…}} object, or the element itself. */
  public JsonElement resolve(JsonElement element) {
    String ref = refOr(null, element);
    return ref == null ? element : at(ref);
  }

  private static String refOr(String pointer, JsonElement element) {
    if (element.isJsonObject() && element.getAsJsonObject().has("$ref")) {
      return element.getAsJsonObject().get("$ref").getAsString();
    }
    return pointer;
  }

  /** A JSON pointer token for a key. */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String mediaType(HttpResponse<String> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Closes every object schema under {@code node} where it is used, in place. {@code inAllOf}: the
   * node is a member of an {@code allOf}, whose object is closed by the schema holding the {@code
   * allOf} (closing a member would refuse its siblings' fields).
   */
  private static void close(JsonElement node, boolean inAllOf) {
    if (node == null) {
      return;
    }
    if (node.isJsonArray()) {
      for (JsonElement item : node.getAsJsonArray()) {
        close(item, inAllOf);
      }
      return;
    }
    if (!node.isJsonObject()) {
      return;
    }
    JsonObject object = node.getAsJsonObject();
    for (Entry<String, JsonElement> entry : object.entrySet()) {
      switch (entry.getKey()) {
        case "allOf" -> close(entry.getValue(), true);
        case "schemas" -> closeEach(entry.getValue());
        case "examples", "example", "enum", "const", "required" -> {
          // values, not schemas
        }
        default -> close(entry.getValue(), false);
      }
    }
    boolean schemaRef =
        object.has("$ref") && object.get("$ref").getAsString().startsWith("#/components/schemas/");
    if (!inAllOf && (schemaRef || object.has("properties") && object.has("type"))) {
      object.addProperty("unevaluatedProperties", false);
    }
  }

  /**
   * The component schemas: each is closed where it is used, not where it is defined (a line schema
   * adds fields to a shared one), but what it holds is closed as usual.
   */
  private static void closeEach(JsonElement schemas) {
    for (Entry<String, JsonElement> schema : schemas.getAsJsonObject().entrySet()) {
      JsonObject definition = schema.getValue().getAsJsonObject();
      for (Entry<String, JsonElement> entry : definition.entrySet()) {
        switch (entry.getKey()) {
          case "allOf" -> close(entry.getValue(), true);
          case "examples", "enum", "const", "required" -> {}
          default -> close(entry.getValue(), false);
        }
      }
    }
  }

  /** Every example in the document with the pointer of the schema it illustrates. */
  public List<Map.Entry<String, JsonElement>> examples() {
    List<Map.Entry<String, JsonElement>> found = new ArrayList<>();
    JsonObject components = document.getAsJsonObject("components");
    for (Entry<String, JsonElement> schema : components.getAsJsonObject("schemas").entrySet()) {
      JsonArray examples = schema.getValue().getAsJsonObject().getAsJsonArray("examples");
      if (examples != null) {
        String pointer = "#/components/schemas/" + escape(schema.getKey());
        examples.forEach(example -> found.add(Map.entry(pointer, example)));
      }
    }
    mediaExamples("#/components/responses", components.getAsJsonObject("responses"), found);
    for (Entry<String, JsonElement> path : document.getAsJsonObject("paths").entrySet()) {
      for (Entry<String, JsonElement> operation : path.getValue().getAsJsonObject().entrySet()) {
        String base = "#/paths/" + escape(path.getKey()) + "/" + operation.getKey();
        JsonObject op = operation.getValue().getAsJsonObject();
        if (op.has("requestBody")) {
          mediaExamples(base, wrap("requestBody", op.get("requestBody")), found);
        }
        mediaExamples(base + "/responses", op.getAsJsonObject("responses"), found);
      }
    }
    return found;
  }

  private static JsonObject wrap(String key, JsonElement value) {
    JsonObject wrapper = new JsonObject();
    wrapper.add(key, value);
    return wrapper;
  }

  /** The examples of each media type of each entry (a response, a request body) of {@code map}. */
  private static void mediaExamples(
      String base, JsonObject map, List<Map.Entry<String, JsonElement>> found) {
    for (Entry<String, JsonElement> entry : map.entrySet()) {
      JsonObject content = entry.getValue().getAsJsonObject().getAsJsonObject("content");
      if (content == null) {
        continue;
      }
      for (Entry<String, JsonElement> media : content.entrySet()) {
        String schema =
            base + "/" + escape(entry.getKey()) + "/content/" + escape(media.getKey()) + "/schema";
        JsonObject type = media.getValue().getAsJsonObject();
        if (type.has("example")) {
          found.add(Map.entry(schema, type.get("example")));
        }
        if (type.has("examples")) {
          for (Entry<String, JsonElement> example : type.getAsJsonObject("examples").entrySet()) {
            found.add(Map.entry(schema, example.getValue().getAsJsonObject().get("value")));
          }
        }
      }
    }
  }
}
