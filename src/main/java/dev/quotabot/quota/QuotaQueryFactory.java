package dev.quotabot.quota;

import dev.quotabot.quota.net.BaseUrlRules;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds a checked {@link QuotaQuery} from what a door received. Which fields a provider takes
 * follows from what it declares it can do, never from its id.
 */
final class QuotaQueryFactory {
  /** Shorter "keys" could be parts of real model names. */
  private static final int MIN_KEY_LENGTH_TO_SPOT = 8;

  private final int maxModels;
  private final ProviderRegistry providers;
  private final BaseUrlRules baseUrls;

  QuotaQueryFactory(QuotaSettings settings, ProviderRegistry providers, BaseUrlRules baseUrls) {
    this.maxModels = settings.maxModels();
    this.providers = providers;
    this.baseUrls = baseUrls;
  }

  /**
   * @throws InvalidQueryException with a message that says what to fix (never a secret)
   */
  QuotaQuery create(QueryInput input) {
    // before parsing: a model list error quotes the start of a too-long name, key included
    if (keyInsideModels(input)) {
      throw keyInModels();
    }
    List<String> models = ModelList.parse(input.modelPieces(), maxModels);
    ApiKey key = ApiKey.of(input.apiKey());
    if (models.stream().anyMatch(model -> model.equalsIgnoreCase(key.reveal()))) {
      throw keyInModels();
    }
    ProviderInfo provider =
        isGiven(input.provider()) ? provider(input.provider()) : providerOfKey(key);
    String id = provider.id();
    if (!provider.can(Capability.NEEDS_BASE_URL) && isGiven(input.baseUrl())) {
      throw new InvalidQueryException(
          "base_url is only for relays ("
              + providerList(Capability.NEEDS_BASE_URL)
              + "); provider "
              + id
              + " uses its configured address.");
    }
    if (!provider.can(Capability.ADMIN_ACCESS)
        && (input.userId() != null || input.accessToken() != null)) {
      throw new InvalidQueryException(
          "user_id and access_token are only for relays ("
              + providerList(Capability.ADMIN_ACCESS)
              + ").");
    }
    if (!provider.takesModels() && !models.isEmpty()) {
      throw new InvalidQueryException(
          provider.name()
              + (provider.can(Capability.BALANCES)
                  ? " reports the account balance only"
                  : " reads nothing per model")
              + ": leave \"models\" empty for provider "
              + id
              + ".");
    }
    if (provider.can(Capability.PROBES_MODELS)
        && !provider.can(Capability.BALANCES)
        && models.isEmpty()) {
      throw new InvalidQueryException(
          provider.name()
              + " tells what is left only in the answer to a call, per model: name at least one"
              + " model in \"models\""
              + (provider.defaultModels().isEmpty()
                  ? "."
                  : " (for example " + provider.defaultModels().get(0) + ").")
              + (provider.consoleUrl() == null
                  ? ""
                  : " Its balance is shown at " + provider.consoleUrl() + "."));
    }
    if (!provider.can(Capability.NEEDS_BASE_URL)) {
      return new QuotaQuery(key, models, id, null, null);
    }
    if (!isGiven(input.baseUrl())) {
      throw new InvalidQueryException(
          "provider "
              + id
              + " needs base_url: the relay's address, such as https://relay.example.");
    }
    URI baseUrl = baseUrls.normalize(input.baseUrl());
    return new QuotaQuery(key, models, id, baseUrl, admin(input));
  }

  private ProviderInfo provider(@Nullable String raw) {
    String id = providers.normalize(raw);
    return providers
        .find(id)
        .map(Provider::info)
        .orElseThrow(
            () ->
                new InvalidQueryException(
                    "Unknown provider: use one of "
                        + String.join(
                            ", ", providers.infos().stream().map(ProviderInfo::id).toList())
                        + "."));
  }

  /**
   * The provider a query names none for: the one the key's prefix belongs to ({@code gsk_} is
   * Groq's), else the default provider. A prefix several providers use ({@code sk-}) is not
   * guessed: the key is never sent to a provider the asker did not choose.
   */
  private ProviderInfo providerOfKey(ApiKey key) {
    ProviderRegistry.KeyOwners owners = providers.ownersOf(key.reveal());
    if (owners.providers().size() == 1) {
      return owners.providers().get(0);
    }
    if (owners.providers().size() > 1) {
      throw new InvalidQueryException(
          "Keys that start with "
              + owners.prefix()
              + " belong to several providers ("
              + String.join(", ", owners.providers().stream().map(ProviderInfo::id).toList())
              + "): say which one with \"provider\".");
    }
    return providers.defaultProvider().info();
  }

  /** "provider newapi", or "providers a, b" when several can. */
  private String providerList(Capability capability) {
    List<String> ids = providers.idsThatCan(capability);
    return (ids.size() == 1 ? "provider " : "providers ") + String.join(", ", ids);
  }

  private static boolean isGiven(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  private static boolean keyInsideModels(QueryInput input) {
    String raw = input.apiKey();
    Collection<? extends @Nullable String> pieces = input.modelPieces();
    // trimmed as the key itself will be: a key pasted with a zero-width space is still spotted
    String key = raw == null ? "" : ApiKey.trimInvisible(raw);
    return key.length() >= MIN_KEY_LENGTH_TO_SPOT
        && pieces != null
        && pieces.stream().anyMatch(piece -> piece != null && piece.contains(key));
  }

  private static InvalidQueryException keyInModels() {
    return new InvalidQueryException(
        "The API key was also typed into the models list: put it only in \"api_key\", and"
            + " list model ids such as \"Qwen/Qwen3-32B\" in \"models\".");
  }

  /** Both or neither: the admin balance needs the user id and the system access token. */
  private static @Nullable AdminAccess admin(QueryInput input) {
    boolean hasUser = isGiven(input.userId());
    boolean hasToken = isGiven(input.accessToken());
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
    if (userId.length() > QueryInput.MAX_USER_ID_LENGTH
        || !userId.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidQueryException("user_id must be the relay's numeric user id.");
    }
    ApiKey token = ApiKey.secret(input.accessToken(), "access_token");
    return new AdminAccess(userId, token);
  }
}
