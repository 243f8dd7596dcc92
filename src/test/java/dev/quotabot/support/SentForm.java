package dev.quotabot.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A form (modal) the bot opened, as Discord received it in the callback's {@code data}: its custom
 * id, and the Labels (type 18) each around one input, a text input or a select.
 *
 * @param data the callback's {@code data}: {@code custom_id}, {@code title}, {@code components}
 */
public record SentForm(JsonObject data) {

  /** The form's custom id, such as {@code quota} or {@code quota:deepseek}. */
  public String id() {
    return data.get("custom_id").getAsString();
  }

  /** The Labels (and text displays, which have no {@code component}), in order. */
  public JsonArray labels() {
    return data.getAsJsonArray("components");
  }

  /** The custom ids of the inputs, selects included, in order. */
  public List<String> inputIds() {
    List<String> ids = new ArrayList<>();
    for (JsonElement label : labels()) {
      if (!label.getAsJsonObject().has("component")) {
        // a text display: no input
        continue;
      }
      ids.add(label.getAsJsonObject().getAsJsonObject("component").get("custom_id").getAsString());
    }
    return ids;
  }

  /** The Label around the input with this custom id; fails when there is none. */
  public JsonObject label(String customId) {
    for (JsonElement label : labels()) {
      JsonObject input = label.getAsJsonObject().getAsJsonObject("component");
      if (input != null && input.get("custom_id").getAsString().equals(customId)) {
        return label.getAsJsonObject();
      }
    }
    throw new AssertionError("no input " + customId + " in " + data);
  }

  /** The input with this custom id; fails when there is none. */
  public JsonObject input(String customId) {
    return label(customId).getAsJsonObject("component");
  }

  /** A text input's starting value; empty when it has none. */
  public String value(String customId) {
    JsonObject input = input(customId);
    return input.has("value") ? input.get("value").getAsString() : "";
  }

  /** The values picked in advance in the form's string selects (type 3), in order. */
  public List<String> preselected() {
    List<String> values = new ArrayList<>();
    for (JsonElement label : labels()) {
      JsonObject component = label.getAsJsonObject().getAsJsonObject("component");
      if (component.get("type").getAsInt() != 3) {
        continue;
      }
      for (JsonElement option : component.getAsJsonArray("options")) {
        JsonObject o = option.getAsJsonObject();
        if (o.has("default") && o.get("default").getAsBoolean()) {
          values.add(o.get("value").getAsString());
        }
      }
    }
    return values;
  }
}
