package dev.quotabot.quota.net;

import com.google.gson.JsonObject;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An answered call as a provider's endpoint reads it: the status, the body as a JSON object when it
 * is one, and the provider's own words, cleaned. The balance, plan and key-check endpoints all
 * judge an answer from these three and word a refused key the same way, so they are read here once.
 *
 * @param status the HTTP status
 * @param root the body as a JSON object, or null when it is not one
 * @param words the provider's words (its JSON error message, or for an error status a short
 *     plain-text body; never an HTML page), cleaned of the key; null when there are none
 */
public record EndpointAnswer(int status, @Nullable JsonObject root, @Nullable String words) {
  /** Plain-text bodies longer than this are pages, not messages. */
  private static final int MAX_PLAIN_WORDS = 1024;

  /** Reads an answered call ({@link UpstreamResponse#answered()}); {@code key} is cleaned out. */
  public static EndpointAnswer of(UpstreamResponse answer, ApiKey key) {
    JsonObject root = LenientJson.object(answer.body());
    int status = answer.status();
    return new EndpointAnswer(
        status, root, UpstreamText.clean(errorText(root, answer.body(), status), key));
  }

  /**
   * The words as the end of a sentence: {@code ": <words>"}, or {@code "."} without any (a slot
   * value: each language ends a sentence its own way).
   */
  public Text said() {
    return words == null
        ? Text.of("net.said_nothing")
        : Text.of("net.said", "words", Text.upstream(words));
  }

  /** Whether the provider refused the key: 401 or 403. */
  public boolean refusesKey() {
    return status == 401 || status == 403;
  }

  /** The text for a refused key: {@code <name> rejected the key (HTTP 401): <words>}. */
  public Text rejected(String name) {
    return Text.of("net.rejected_key", "upstream", name, "status", status, "said", said());
  }

  /**
   * The JSON error message, or for an error status a short plain-text body (SiliconFlow answers
   * {@code Invalid token}); never an HTML page, whose markup would be noise in a chat answer.
   */
  private static @Nullable String errorText(@Nullable JsonObject root, byte[] body, int status) {
    if (root != null) {
      return LenientJson.errorMessage(root);
    }
    if (status == 200 || body.length == 0 || body.length > MAX_PLAIN_WORDS) {
      return null;
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    boolean markup = text.contains("<") || text.startsWith("{") || text.startsWith("[");
    return markup ? null : text;
  }
}
