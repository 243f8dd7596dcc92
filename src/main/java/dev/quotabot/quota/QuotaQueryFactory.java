package dev.quotabot.quota;

import dev.quotabot.quota.net.BaseUrlRules;
import java.net.URI;
import java.util.List;

/** Builds a checked {@link QuotaQuery} from what a door received. */
public final class QuotaQueryFactory {
  /** The longest relay user id accepted; the Discord form's field shares it. */
  public static final int MAX_USER_ID_LENGTH = 20;

  /** Shorter "keys" could be parts of real model names. */
  private static final int MIN_KEY_LENGTH_TO_SPOT = 8;

  private final int maxModels;
  private final ProviderRegistry providers;
  private final BaseUrlRules baseUrls;

  public QuotaQueryFactory(
      QuotaSettings settings, ProviderRegistry providers, BaseUrlRules baseUrls) {
    this.maxModels = settings.maxModels();
    this.providers = providers;
    this.baseUrls = baseUrls;
  }

  /**
   * A query for any provider.
   *
   * @throws InvalidQueryException with a message that says what to fix (never a secret)
   */
  public QuotaQuery create(QueryInput input) {
    // before parsing: a model list error quotes the start of a too-long name, key included
    if (keyInsideModels(input)) {
      throw keyInModels();
    }
    List<String> models = ModelList.parse(input.modelPieces(), maxModels);
    ApiKey key = ApiKey.of(input.apiKey());
    if (models.stream().anyMatch(model -> model.equalsIgnoreCase(key.reveal()))) {
      throw keyInModels();
    }
    String provider = providerId(input.provider());
    if (provider.equals(ProviderRegistry.MODELSCOPE)) {
      refuseRelayFields(input, "modelscope");
      return new QuotaQuery(key, models);
    }
    BalanceProvider chosen = providers.find(provider).orElseThrow();
    if (!chosen.needsBaseUrl()) {
      refuseRelayFields(input, provider);
      if (!models.isEmpty()) {
        throw new InvalidQueryException(
            chosen.displayName()
                + " reports the account balance only: leave \"models\" empty for provider "
                + provider
                + ".");
      }
      return new QuotaQuery(key, models, provider, null, null);
    }
    if (input.baseUrl() == null || input.baseUrl().isBlank()) {
      throw new InvalidQueryException(
          "provider "
              + provider
              + " needs base_url: the relay's address, such as https://relay.example.");
    }
    URI baseUrl = baseUrls.normalize(input.baseUrl());
    return new QuotaQuery(key, models, provider, baseUrl, admin(input));
  }

  private static boolean keyInsideModels(QueryInput input) {
    String key = input.apiKey() == null ? "" : input.apiKey().strip();
    return key.length() >= MIN_KEY_LENGTH_TO_SPOT
        && input.modelPieces() != null
        && input.modelPieces().stream().anyMatch(piece -> piece != null && piece.contains(key));
  }

  private static InvalidQueryException keyInModels() {
    return new InvalidQueryException(
        "The API key was also typed into the models list: put it only in \"api_key\", and"
            + " list model ids such as \"Qwen/Qwen3-32B\" in \"models\".");
  }

  private String providerId(String raw) {
    String id = ProviderRegistry.normalize(raw);
    if (id.equals(ProviderRegistry.MODELSCOPE) || providers.find(id).isPresent()) {
      return id;
    }
    throw new InvalidQueryException(
        "Unknown provider: use one of " + String.join(", ", providers.ids()) + ".");
  }

  private static void refuseRelayFields(QueryInput input, String provider) {
    if (input.baseUrl() != null && !input.baseUrl().isBlank()) {
      throw new InvalidQueryException(
          "base_url is only for relays (provider newapi); provider "
              + provider
              + " uses its configured address.");
    }
    if (input.userId() != null || input.accessToken() != null) {
      throw new InvalidQueryException(
          "user_id and access_token are only for relays (provider newapi).");
    }
  }

  /** Both or neither: the admin balance needs the user id and the system access token. */
  private static AdminAccess admin(QueryInput input) {
    boolean hasUser = input.userId() != null && !input.userId().isBlank();
    boolean hasToken = input.accessToken() != null && !input.accessToken().isBlank();
    if (!hasUser && !hasToken) {
      return null;
    }
    if (!hasUser || !hasToken) {
      throw new InvalidQueryException(
          "The admin balance needs both user_id and access_token (from the relay's personal"
              + " settings page).");
    }
    String userId = input.userId().strip();
    // ASCII digits only: Character.isDigit also accepts other scripts' digits (٤٢, ４２), which
    // cannot be sent in the relay's New-Api-User header
    if (userId.length() > MAX_USER_ID_LENGTH
        || !userId.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidQueryException("user_id must be the relay's numeric user id.");
    }
    ApiKey token = ApiKey.secret(input.accessToken(), "access_token");
    return new AdminAccess(userId, token);
  }
}
