package dev.quotabot.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures under {@code src/test/resources/fixtures}, named after the case they stand for. */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture as UTF-8 text, e.g. {@code read("modelscope/400-no-provider.json")}. */
  public static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /**
   * A WireMock answer with the fixture as its body, typed by its ending ({@code .html} as {@code
   * text/html}, {@code .txt} as {@code text/plain}, anything else as {@code application/json}).
   */
  public static ResponseDefinitionBuilder response(int status, String name) {
    String contentType =
        name.endsWith(".html")
            ? "text/html"
            : name.endsWith(".txt") ? "text/plain" : "application/json";
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withBody(read(name));
  }

  /**
   * {@code answer} with the headers of a header fixture added: a file of {@code name: value} lines,
   * where {@code #} starts a comment that names the source ({@code
   * groq/headers-documented.headers}).
   */
  public static ResponseDefinitionBuilder withHeaders(
      ResponseDefinitionBuilder answer, String headersFixture) {
    for (String line : read(headersFixture).split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int colon = entry.indexOf(':');
      answer.withHeader(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
    }
    return answer;
  }
}
