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
          Text.of(
              "quota.base_url_not_taken",
              "relays",
              providerList(Capability.NEEDS_BASE_URL),
              "provider",
              id));
    }
    if (!provider.can(Capability.ADMIN_ACCESS)
        && (input.userId() != null || input.accessToken() != null)) {
      throw new InvalidQueryException(
          Text.of("quota.admin_not_taken", "relays", providerList(Capability.ADMIN_ACCESS)));
    }
    if (!provider.takesModels() && !models.isEmpty()) {
      throw new InvalidQueryException(
          provider.can(Capability.BALANCES)
              ? Text.of("quota.models_not_taken_balance", "name", provider.name(), "provider", id)
              : Text.of("quota.models_not_taken", "name", provider.name(), "provider", id));
    }
    if (provider.can(Capability.PROBES_MODELS)
        && !provider.can(Capability.BALANCES)
        && models.isEmpty()) {
      Text needed =
          provider.defaultModels().isEmpty()
              ? Text.of("quota.models_needed", "name", provider.name())
              : Text.of(
                  "quota.models_needed_example",
                  "name",
                  provider.name(),
                  "model",
                  provider.defaultModels().get(0));
      String console = provider.consoleUrl();
      throw new InvalidQueryException(
          console == null
              ? needed
              : needed.then(Text.of("quota.balance_shown_at", "url", console)));
    }
    if (!provider.can(Capability.NEEDS_BASE_URL)) {
      return new QuotaQuery(key, models, id, null, null);
    }
    if (!isGiven(input.baseUrl())) {
      throw new InvalidQueryException(Text.of("quota.base_url_needed", "provider", id));
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
                    Text.of(
                        "quota.unknown_provider_use",
                        "ids",
                        String.join(
                            ", ", providers.infos().stream().map(ProviderInfo::id).toList()))));
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
          Text.of(
              "quota.key_prefix_shared",
              "prefix",
              owners.prefix(),
              "ids",
              String.join(", ", owners.providers().stream().map(ProviderInfo::id).toList())));
    }
    return providers.defaultProvider().info();
  }

  /** "provider newapi", or "providers a, b" when several can. */
  private Text providerList(Capability capability) {
    List<String> ids = providers.idsThatCan(capability);
    // ids are names, shown as they are; only the word before them is worded per language
    String joined = String.join(", ", ids);
    return ids.size() == 1
        ? Text.of("quota.provider_one", "id", joined)
        : Text.of("quota.provider_many", "ids", joined);
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
    return new InvalidQueryException(Text.of("quota.key_in_models"));
  }

  /** Both or neither: the admin balance needs the user id and the system access token. */
  private static @Nullable AdminAccess admin(QueryInput input) {
    boolean hasUser = isGiven(input.userId());
    boolean hasToken = isGiven(input.accessToken());
    if (!hasUser && !hasToken) {
      return null;
    }
    if (!hasUser || !hasToken) {
      throw new InvalidQueryException(Text.of("quota.admin_needs_both"));
    }
    String userId = input.userId().strip();
    // ASCII digits only: Character.isDigit also accepts other scripts' digits (٤٢, ４２), which
    // cannot be sent in the relay's New-Api-User header
    if (userId.length() > QueryInput.MAX_USER_ID_LENGTH
        || !userId.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidQueryException(Text.of("quota.user_id_not_numeric"));
    }
    ApiKey token = ApiKey.secret(input.accessToken(), "access_token");
    return new AdminAccess(userId, token);
  }
}
