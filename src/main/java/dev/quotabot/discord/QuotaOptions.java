package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QueryInput;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.Text;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a user typed into {@code /quota} (options or modal) into a query. Every value is
 * optional: no models means the provider's default list on the command line (a provider that probes
 * no model has none), but the free balance-only check in the form (whose models field starts out
 * filled with the defaults); {@code balance_only} asks for the balance only whatever the models
 * say, and is refused for a provider that reads no balance but probes models (one that takes no
 * models calls none anyway: its honest answer comes either way); no key means the key must be asked
 * for (in a modal, so it never appears in the command line). No provider chosen means the one the
 * key's prefix names, if exactly one does ({@link QuotaService#providerOfKey}), else the default:
 * its default models are the ones checked. Which provider, base URL and admin fields are allowed is
 * the core's rule ({@link QuotaService#check}); its message is shown as is. The door's own problems
 * are worded in the user's language ({@link BotText}).
 */
final class QuotaOptions {
  /**
   * Stands in for the key when everything else is checked before the form asks for it; it is never
   * sent anywhere.
   */
  private static final String STAND_IN_KEY = "stand-in-key-for-checking-the-other-values";

  private final QuotaService service;

  QuotaOptions(QuotaService service) {
    this.service = service;
  }

  /** Every provider a query may name, the default first. */
  List<ProviderInfo> providers() {
    return service.providers();
  }

  /** The provider the target names (the default one when it names none), if there is one. */
  Optional<ProviderInfo> provider(Target target) {
    return providerNamed(target.provider());
  }

  /** The provider an id as typed names (the default one for null or blank), if there is one. */
  Optional<ProviderInfo> providerNamed(@Nullable String id) {
    return service.provider(id);
  }

  /** The provider the key's prefix names, when exactly one provider declares it. */
  Optional<ProviderInfo> providerOfKey(@Nullable String rawKey) {
    return service.providerOfKey(rawKey);
  }

  /**
   * The provider a query for these values asks: the one chosen; else the one the key's prefix
   * names; else the default. (A prefix several providers share is refused by the core.)
   */
  Optional<ProviderInfo> providerFor(@Nullable String rawKey, Target target) {
    return target.chosen() ? provider(target) : providerOfKey(rawKey).or(() -> provider(target));
  }

  /**
   * Which provider to ask, and for a relay where it is and the optional admin access. Its {@code
   * toString} never shows the access token.
   *
   * @param provider the provider's id as typed; null or blank means the default provider
   * @param baseUrl a relay's address as typed, or null
   * @param userId a relay user id, or null
   * @param accessToken a relay system access token (a secret like the key), or null
   */
  record Target(
      @Nullable String provider,
      @Nullable String baseUrl,
      @Nullable String userId,
      @Nullable String accessToken) {
    static final Target DEFAULT = new Target(null, null, null, null);

    /** Whether a provider was named; if not, the key's prefix or the default decides. */
    boolean chosen() {
      return provider != null && !provider.isBlank();
    }

    /** A provider chosen on the command line: no admin fields there. */
    static Target of(@Nullable String provider, @Nullable String baseUrl) {
      return new Target(provider, baseUrl, null, null);
    }

    @Override
    public String toString() {
      return "Target[provider=" + provider + ", baseUrl=" + baseUrl + "]";
    }
  }

  /** What the typed values amount to. */
  sealed interface Parsed permits Ready, NeedsKey, Invalid {}

  /**
   * A checked query, ready to run.
   *
   * @param modelsIgnored models were typed, but the balance only was asked for
   * @param providerFromKey no provider was chosen: the key's prefix named the one asked
   */
  record Ready(QuotaQuery query, boolean modelsIgnored, boolean providerFromKey)
      implements Parsed {}

  /** No key was given. */
  record NeedsKey() implements Parsed {}

  /**
   * The values cannot be used; the problem says what to fix, in the user's language, and never
   * holds a secret.
   *
   * @param wording the problem in a language
   */
  record Invalid(Function<BotText, String> wording) implements Parsed {
    /** A problem the core found, worded in the user's language. */
    static Invalid said(Text problem) {
      return new Invalid(text -> text.words(problem));
    }

    /** The problem in the user's language. */
    String problem(BotText text) {
      return wording.apply(text);
    }

    /** The problem in English. */
    String problem() {
      return problem(BotText.EN);
    }
  }

  /**
   * The command line's options.
   *
   * @param rawKey the {@code api_key} value, or null when the option was left out (nothing but
   *     invisible characters counts as left out: the form asks for the key)
   * @param rawModels the {@code models} value, or null when the option was left out (then the
   *     provider's default list is checked)
   * @param balanceOnly the {@code balance_only} value: read the balance only, probe no model
   * @param target the provider, and a relay's address
   */
  Parsed parse(
      @Nullable String rawKey, @Nullable String rawModels, boolean balanceOnly, Target target) {
    return parse(rawKey, rawModels, balanceOnly, target, true);
  }

  /**
   * @param balanceOnlyAsked {@code balance_only} was set, rather than a form's models emptied: for
   *     a provider that reads no balance, that option is refused as such
   */
  private Parsed parse(
      @Nullable String rawKey,
      @Nullable String rawModels,
      boolean balanceOnly,
      Target target,
      boolean balanceOnlyAsked) {
    // before anything else, so a pasted key is never shown back: not in the form's models field,
    // not as a model name in an error or a report
    if (ModelList.holdsKeyShapedItem(rawModels)) {
      return new Invalid(BotText::keyInModelsProblem);
    }
    if (QueryInput.keyAbsent(rawKey)) {
      return new NeedsKey();
    }
    Optional<ProviderInfo> provider = providerFor(rawKey, target);
    // a provider that takes no models calls none anyway: balance_only asks for what it does
    if (balanceOnly
        && balanceOnlyAsked
        && provider.isPresent()
        && !provider.get().can(Capability.BALANCES)
        && provider.get().takesModels()) {
      return noBalanceToRead(provider.get());
    }
    boolean fromKey = !target.chosen() && providerOfKey(rawKey).isPresent();
    return create(
        rawKey,
        models(rawModels, balanceOnly, provider),
        target,
        balanceOnly && !isBlank(rawModels),
        fromKey);
  }

  /**
   * Why {@code balance_only} cannot apply to a provider that reads no balance, and what to do
   * instead.
   */
  private static Invalid noBalanceToRead(ProviderInfo provider) {
    return new Invalid(
        text ->
            text.noBalanceProblem(
                provider.name(), !provider.defaultModels().isEmpty(), provider.consoleUrl()));
  }

  /**
   * Checks everything but the key, before the form asks for it, so nobody types a key only to learn
   * that the provider or its address is wrong. A relay's missing address is not a problem here: the
   * form has a field for it.
   *
   * @return the problem, or null when the form may be shown
   */
  @Nullable Invalid problemBeforeForm(
      @Nullable String rawModels, boolean balanceOnly, Target target) {
    boolean formAsksForAddress =
        needsBaseUrl(target) && (target.baseUrl() == null || target.baseUrl().isBlank());
    if (formAsksForAddress) {
      return null;
    }
    Parsed parsed = parse(STAND_IN_KEY, rawModels, balanceOnly, target);
    return parsed instanceof Invalid invalid ? invalid : null;
  }

  /** Whether the target is a relay, which anyone can host: its address must be given. */
  boolean needsBaseUrl(Target target) {
    return provider(target).map(info -> info.can(Capability.NEEDS_BASE_URL)).orElse(false);
  }

  /**
   * The form's fields for any provider. A models field starts out filled with the provider's
   * defaults, so one left empty was emptied on purpose: it asks for the balance only (for a
   * provider that lists the key's models: the balance and those models).
   */
  Parsed parseForm(@Nullable String rawKey, @Nullable String rawModels, Target target) {
    return parse(rawKey, rawModels, isBlank(rawModels), target, false);
  }

  /** The models typed, or the asked provider's defaults when none were. */
  private static List<String> models(
      @Nullable String rawModels, boolean balanceOnly, Optional<ProviderInfo> provider) {
    if (balanceOnly) {
      return List.of();
    }
    if (isBlank(rawModels)) {
      return provider.map(ProviderInfo::defaultModels).orElse(List.of());
    }
    return List.of(rawModels);
  }

  private Parsed create(
      String rawKey,
      List<String> models,
      Target target,
      boolean modelsIgnored,
      boolean providerFromKey) {
    try {
      QuotaQuery query =
          service.check(
              new QueryInput(
                  rawKey,
                  models,
                  target.provider(),
                  target.baseUrl(),
                  blankToNull(target.userId()),
                  blankToNull(target.accessToken())));
      return new Ready(query, modelsIgnored, providerFromKey);
    } catch (InvalidQueryException invalid) {
      return Invalid.said(invalid.text());
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** True when the value names no model at all (absent, empty, or only separators). */
  static boolean isBlank(@Nullable String rawModels) {
    return ModelList.namesNoModel(rawModels);
  }
}
