package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Parses a request body as RFC 8259 JSON and nothing looser: valid UTF-8, and Gson's strict mode
 * (no comments, single quotes, unquoted names, NaN or trailing data) with its nesting limit. Gson
 * has no check for duplicate names (its tree keeps the last value), so the tree is built here.
 */
final class StrictJson {
  /** How many arrays and objects may be nested inside the body's own object. */
  static final int MAX_DEPTH = 32;

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,19}");
  private static final String TOO_DEEP =
      "The request body is nested more than " + MAX_DEPTH + " levels deep.";

  private StrictJson() {}

  static JsonElement parse(byte[] body) {
    String text = decodeUtf8(body);
    if (text.isBlank()) {
      throw bad(
          "The request body is empty: send a JSON object such as {\"models\":[…],\"api_key\":\"…\"}.");
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      reader.setNestingLimit(MAX_DEPTH + 1);
      JsonElement root = read(reader);
      requireEnd(reader);
      return root;
    } catch (MalformedJsonException e) {
      throw bad(isNestingLimit(e) ? TOO_DEEP : notJson(e));
    } catch (EOFException | IllegalStateException | NumberFormatException e) {
      throw bad(notJson(e));
    } catch (IOException unreadable) {
      throw bad("The request body could not be read as JSON.");
    }
  }

  private static String notJson(Exception e) {
    return "The request body is not valid JSON (" + where(e) + "): send strict JSON (RFC 8259).";
  }

  private static boolean isNestingLimit(MalformedJsonException e) {
    return e.getMessage() != null && e.getMessage().startsWith("Nesting limit");
  }

  /** In strict mode Gson reports trailing data as malformed JSON; name the real problem. */
  private static void requireEnd(JsonReader reader) throws IOException {
    boolean ended;
    try {
      ended = reader.peek() == JsonToken.END_DOCUMENT;
    } catch (MalformedJsonException trailing) {
      ended = false;
    }
    if (!ended) {
      throw bad("The request body has data after the JSON value: send exactly one JSON object.");
    }
  }

  /** Recursion as deep as the reader's nesting limit allows, no deeper. */
  private static JsonElement read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.has(name)) {
            throw bad("The request body names " + quoted(name) + " twice: send each field once.");
          }
          object.add(name, read(reader));
        }
        reader.endObject();
        return object;
      case BEGIN_ARRAY:
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader));
        }
        reader.endArray();
        return array;
      case STRING:
        return new JsonPrimitive(reader.nextString());
      case NUMBER:
        return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(reader.nextBoolean());
      case NULL:
        reader.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new MalformedJsonException("unexpected " + reader.peek());
    }
  }

  private static String decodeUtf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      throw bad("The request body is not valid UTF-8: send JSON encoded as UTF-8.");
    }
  }

  /** Gson's messages say where parsing stopped ("line 1 column 9"); keep only that part. */
  private static String where(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int at = message.indexOf(" at line ");
    if (at >= 0) {
      String rest = message.substring(at + 4).lines().findFirst().orElse("");
      int end = rest.indexOf(" path");
      return end > 0 ? rest.substring(0, end) : rest;
    }
    return e instanceof EOFException ? "it ends too early" : "malformed";
  }

  /**
   * Field names such as {@code api_key} are worth quoting; anything else may be a key pasted in the
   * wrong place, so it is not repeated back.
   */
  private static String quoted(String name) {
    return FIELD_NAME.matcher(name).matches() ? "\"" + name + "\"" : "one field";
  }

  private static HttpProblem bad(String message) {
    return new HttpProblem(400, message);
  }
}
