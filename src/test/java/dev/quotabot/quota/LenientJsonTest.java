package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quotabot.support.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LenientJson#errorMessage}: the one reader of upstream error messages. */
final class LenientJsonTest {

  @Test
  void readsTheErrorsShape() {
    // GIVEN ModelScope's {"errors":{"message":…}}
    // WHEN / THEN its message is found
    assertEquals(
        "Model id : Org/Missing-Model , has no provider supported",
        message(Fixtures.read("modelscope/400-no-provider.json")));
  }

  @Test
  void readsTheErrorShape() {
    // GIVEN ModelScope's {"error":{"message":…,"code":…}}
    // WHEN / THEN its message is found
    assertEquals(
        "magicube balance exhausted",
        message(Fixtures.read("modelscope/402-balance-exhausted.json")));
  }

  @Test
  void readsRelayShapes() {
    // GIVEN the shapes relays use
    // WHEN / THEN their message is found
    assertEquals("quota used up", message("{\"message\":\"quota used up\"}"));
    assertEquals("bad token", message("{\"msg\":\"bad token\"}"));
    assertEquals("plain", message("{\"error\":\"plain\"}"));
  }

  @Test
  void skipsABlankMessage() {
    // GIVEN bodies whose first message is blank
    // WHEN / THEN the next place with words is used
    assertEquals(
        "quota used up", message("{\"error\":{\"message\":\" \"},\"message\":\"quota used up\"}"));
    assertEquals("bad token", message("{\"message\":\"\",\"msg\":\"bad token\"}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "<html>502</html>",
        "{\"errors\":{\"message\":",
        "[\"not an object\"]",
        "{\"error\":{\"code\":42}}",
        "{\"error\":{\"message\":{\"nested\":true}}}"
      })
  void findsNothingInAnythingElse(String body) {
    // GIVEN a body without a usable message
    // WHEN / THEN null (the row explains the status itself)
    assertNull(message(body));
  }

  @Test
  void survivesDeepNesting() {
    // GIVEN a hostile body nested thousands of levels deep
    String deep = "{\"a\":".repeat(4_000) + "1" + "}".repeat(4_000);

    // WHEN / THEN no exception escapes
    assertNull(message(deep));
  }

  @Test
  void nullBodyIsNoMessage() {
    assertNull(LenientJson.errorMessage(LenientJson.object(null)));
  }

  private static String message(String body) {
    return LenientJson.errorMessage(LenientJson.object(body.getBytes(StandardCharsets.UTF_8)));
  }
}
