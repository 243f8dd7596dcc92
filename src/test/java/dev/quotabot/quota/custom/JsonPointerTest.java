package dev.quotabot.quota.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonPointer} against the examples of RFC 6901 §5 and the cases a balance answer brings.
 */
final class JsonPointerTest {
  // RFC 6901 §5 (https://www.rfc-editor.org/rfc/rfc6901#section-5), verbatim
  private static final JsonElement RFC_DOCUMENT =
      JsonParser.parseString(
          """
          {
            "foo": ["bar", "baz"],
            "": 0,
            "a/b": 1,
            "c%d": 2,
            "e^f": 3,
            "g|h": 4,
            "i\\\\j": 5,
            "k\\"l": 6,
            " ": 7,
            "m~n": 8
          }
          """);

  private static JsonElement at(String pointer) {
    return JsonPointer.parse(pointer).find(RFC_DOCUMENT);
  }

  @Test
  void theEmptyPointerIsTheWholeDocument() {
    assertEquals(RFC_DOCUMENT, at(""));
  }

  @Test
  void readsEachExampleOfTheRfc() {
    assertEquals(JsonParser.parseString("[\"bar\",\"baz\"]"), at("/foo"));
    assertEquals("bar", at("/foo/0").getAsString());
    assertEquals(0, at("/").getAsInt());
    assertEquals(1, at("/a~1b").getAsInt());
    assertEquals(2, at("/c%d").getAsInt());
    assertEquals(3, at("/e^f").getAsInt());
    assertEquals(4, at("/g|h").getAsInt());
    assertEquals(5, at("/i\\j").getAsInt());
    assertEquals(6, at("/k\"l").getAsInt());
    assertEquals(7, at("/ ").getAsInt());
    assertEquals(8, at("/m~0n").getAsInt());
  }

  @Test
  void unescapesTildeOneBeforeTildeZeroNever() {
    // GIVEN members named "~1" and "/" (RFC 6901 §4: "~01" is "~1", not "/")
    JsonElement document = JsonParser.parseString("{\"~1\":\"tilde-one\",\"/\":\"slash\"}");

    // THEN each escape is read once, left to right
    assertEquals("tilde-one", JsonPointer.parse("/~01").find(document).getAsString());
    assertEquals("slash", JsonPointer.parse("/~1").find(document).getAsString());
  }

  @Test
  void readsArrayIndicesAndNestedMembers() {
    JsonElement document =
        JsonParser.parseString("{\"data\":{\"wallets\":[{\"left\":\"1.5\"},{\"left\":2}]}}");

    assertEquals("1.5", JsonPointer.parse("/data/wallets/0/left").find(document).getAsString());
    assertEquals(2, JsonPointer.parse("/data/wallets/1/left").find(document).getAsInt());
  }

  @Test
  void findsNothingWhereTheDocumentHasNothing() {
    JsonElement document = JsonParser.parseString("{\"data\":{\"list\":[1,2]},\"n\":3}");

    assertNull(JsonPointer.parse("/missing").find(document));
    assertNull(JsonPointer.parse("/data/list/2").find(document), "past the end");
    assertNull(JsonPointer.parse("/data/list/-").find(document), "the element after the last");
    assertNull(JsonPointer.parse("/data/list/01").find(document), "a leading zero");
    assertNull(JsonPointer.parse("/data/list/x").find(document), "not an index");
    assertNull(JsonPointer.parse("/n/deeper").find(document), "below a number");
    assertNull(JsonPointer.parse("/data/List").find(document), "names are case-sensitive");
  }

  @Test
  void refusesAPointerNotStartingWithASlash() {
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> JsonPointer.parse("data/balance"));

    assertEquals("must start with /", wrong.getMessage());
  }

  @Test
  void refusesATildeThatIsNotAnEscape() {
    for (String pointer : new String[] {"/a~2b", "/a~", "/~x"}) {
      IllegalArgumentException wrong =
          assertThrows(IllegalArgumentException.class, () -> JsonPointer.parse(pointer));

      assertEquals(true, wrong.getMessage().contains("not followed by 0 or 1"), wrong.getMessage());
    }
  }

  @Test
  void showsItselfAsWritten() {
    assertEquals("/a~1b/0", JsonPointer.parse("/a~1b/0").toString());
  }
}
