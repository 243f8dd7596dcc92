package dev.quotabot.quota.modelscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quotabot.support.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ErrorBodyTest {

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
    assertNull(ErrorBody.message(null));
  }

  private static String message(String body) {
    return ErrorBody.message(body.getBytes(StandardCharsets.UTF_8));
  }
}
