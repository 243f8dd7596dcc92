package dev.quotabot.quota;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The body of the cheapest chat call a probe can make: one short user message, one output token,
 * streamed, so that the answer's headers come before any token and the call can be closed right
 * after them. APIs name the token cap differently ({@code max_tokens}, {@code
 * max_completion_tokens}); each probe says which.
 */
public final class ChatBody {
  private ChatBody() {}

  /**
   * @param model the model asked
   * @param tokenCap the name of the API's output-token cap
   */
  public static String oneToken(String model, String tokenCap) {
    JsonObject message = new JsonObject();
    message.addProperty("role", "user");
    message.addProperty("content", "hi");
    JsonArray messages = new JsonArray();
    messages.add(message);
    JsonObject body = new JsonObject();
    body.addProperty("model", model);
    body.add("messages", messages);
    body.addProperty(tokenCap, 1);
    body.addProperty("stream", true);
    return body.toString();
  }
}
