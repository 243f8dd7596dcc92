package dev.quotabot.discord;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaQueryFactory;
import dev.quotabot.quota.QuotaSettings;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into {@code /quota} (options or modal) into a query. Every value is
 * optional: no models means the configured default list on the command line, but the free
 * balance-only check in the form (whose models field starts out filled with the defaults); {@code
 * balance_only} asks for the balance only whatever the models say; no key means the key must be
 * asked for (in a modal, so it never appears in the command line).
 */
final class QuotaOptions {
  /** The separators {@link dev.quotabot.quota.ModelList} splits on, and nothing else. */
  private static final Pattern ONLY_SEPARATORS = Pattern.compile("[,，\\s\\p{Z}\\u200B\\uFEFF]*");

  private final QuotaQueryFactory queries;
  private final List<String> defaultModels;

  QuotaOptions(QuotaSettings settings) {
    this.queries = new QuotaQueryFactory(settings);
    this.defaultModels = settings.defaultModels();
  }

  /** What the typed values amount to. */
  sealed interface Parsed permits Ready, NeedsKey, Invalid {}

  /**
   * A checked query, ready to run.
   *
   * @param modelsIgnored models were typed, but the balance only was asked for
   */
  record Ready(QuotaQuery query, boolean modelsIgnored) implements Parsed {}

  /** No key was given. */
  record NeedsKey() implements Parsed {}

  /** The values cannot be used; the message says what to fix and never holds the key. */
  record Invalid(String problem) implements Parsed {}

  /**
   * The command line's options.
   *
   * @param rawKey the {@code api_key} value, or null when the option was left out
   * @param rawModels the {@code models} value, or null when the option was left out (then the
   *     default list is checked)
   * @param balanceOnly the {@code balance_only} value: read the balance only, probe no model
   */
  Parsed parse(String rawKey, String rawModels, boolean balanceOnly) {
    if (rawKey == null || rawKey.isBlank()) {
      return new NeedsKey();
    }
    List<String> models =
        balanceOnly ? List.of() : isBlank(rawModels) ? defaultModels : List.of(rawModels);
    try {
      return new Ready(queries.create(rawKey, models), balanceOnly && !isBlank(rawModels));
    } catch (InvalidQueryException invalid) {
      return new Invalid(invalid.getMessage());
    }
  }

  /**
   * The form's fields. Its models field starts out filled with the defaults, so one left empty was
   * emptied on purpose: it asks for the balance only.
   */
  Parsed parseForm(String rawKey, String rawModels) {
    return parse(rawKey, rawModels, isBlank(rawModels));
  }

  /** True when the value names no model at all (absent, empty, or only separators). */
  static boolean isBlank(String rawModels) {
    return rawModels == null || ONLY_SEPARATORS.matcher(rawModels).matches();
  }
}
