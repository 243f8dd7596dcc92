package dev.quotabot.discord;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaQueryFactory;
import dev.quotabot.quota.QuotaSettings;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into {@code /quota} (options or modal) into a query. Both values are
 * optional: no models means the configured default list; no key means the key must be asked for (in
 * a modal, so it never appears in the command line).
 */
final class QuotaOptions {
  private static final Pattern ONLY_SEPARATORS = Pattern.compile("[,，\\s]*");

  private final QuotaQueryFactory queries;
  private final List<String> defaultModels;

  QuotaOptions(QuotaSettings settings) {
    this.queries = new QuotaQueryFactory(settings);
    this.defaultModels = settings.defaultModels();
  }

  /** What the typed values amount to. */
  sealed interface Parsed permits Ready, NeedsKey, Invalid {}

  /** A checked query, ready to run. */
  record Ready(QuotaQuery query) implements Parsed {}

  /** No key was given. */
  record NeedsKey() implements Parsed {}

  /** The values cannot be used; the message says what to fix and never holds the key. */
  record Invalid(String problem) implements Parsed {}

  /**
   * @param rawKey the {@code api_key} value, or null when the option was left out
   * @param rawModels the {@code models} value, or null when the option was left out
   */
  Parsed parse(String rawKey, String rawModels) {
    if (rawKey == null || rawKey.isBlank()) {
      return new NeedsKey();
    }
    List<String> models = isBlank(rawModels) ? defaultModels : List.of(rawModels);
    try {
      return new Ready(queries.create(rawKey, models));
    } catch (InvalidQueryException invalid) {
      return new Invalid(invalid.getMessage());
    }
  }

  /** True when the value names no model at all (absent, empty, or only separators). */
  static boolean isBlank(String rawModels) {
    return rawModels == null || ONLY_SEPARATORS.matcher(rawModels).matches();
  }
}
