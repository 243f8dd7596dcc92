package dev.quotabot.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;

/**
 * A provider as the page and API clients learn it: what it is, what it can do, which request fields
 * it takes, what it proposes. Built from what the provider declares, so a client never needs to
 * know a provider by its id.
 */
final class ProviderJson {
  private ProviderJson() {}

  static JsonObject render(ProviderInfo provider) {
    JsonObject json = new JsonObject();
    json.addProperty("id", provider.id());
    json.addProperty("name", provider.name());
    json.addProperty("needs_base_url", provider.can(Capability.NEEDS_BASE_URL));
    JsonArray capabilities = new JsonArray();
    provider.capabilities().forEach(capability -> capabilities.add(capability.wireName()));
    json.add("capabilities", capabilities);
    JsonArray fields = new JsonArray();
    fields.add("api_key");
    if (provider.can(Capability.NEEDS_BASE_URL)) {
      fields.add("base_url");
    }
    if (provider.takesModels()) {
      fields.add("models");
    }
    if (provider.can(Capability.ADMIN_ACCESS)) {
      fields.add("user_id");
      fields.add("access_token");
    }
    json.add("fields", fields);
    json.addProperty("unit", provider.unit());
    JsonArray models = new JsonArray();
    provider.defaultModels().forEach(models::add);
    json.add("default_models", models);
    json.addProperty("key_hint", provider.keyHint());
    return json;
  }
}
