package dev.quotabot.quota.console;

import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;

/**
 * Mistral: no key can read the balance or the credits (the admin console shows them); the key is
 * checked with {@code GET {base}/v1/models} and a Bearer key
 * (https://docs.mistral.ai/api/endpoint/models, "List Models"). Mistral's keys have no documented
 * prefix, so none is declared.
 */
public final class MistralProvider extends KeyCheckProvider {
  static final String ID = "mistral";
  static final String NAME = "Mistral";

  /**
   * Workspace billing in Mistral's admin console, where payments are activated and credits shown
   * (https://docs.n8n.io/integrations/builtin/credentials/mistral/: "Workspace > Billing").
   */
  static final String CONSOLE = "https://admin.mistral.ai/organization/billing";

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param baseUrl e.g. {@code https://api.mistral.ai} (a trailing {@code /v1} is dropped)
   */
  public MistralProvider(UpstreamHttp http, URI baseUrl) {
    super(ID, NAME, "…", List.of(), CONSOLE, http, Urls.under(baseUrl, "v1/models", "/v1"));
  }
}
