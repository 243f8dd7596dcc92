package dev.quotabot.quota;

import java.util.Collection;
import java.util.List;

/** Builds a checked {@link QuotaQuery} from what a door received. */
public final class QuotaQueryFactory {
  private final int maxModels;

  public QuotaQueryFactory(QuotaSettings settings) {
    this.maxModels = settings.maxModels();
  }

  /**
   * @param rawKey the key as received (may be null)
   * @param modelPieces strings that each hold one or more model ids; none (or null) asks for the
   *     free balance-only check
   * @throws InvalidQueryException with a message that says what to fix (never the key)
   */
  public QuotaQuery create(String rawKey, Collection<String> modelPieces) {
    List<String> models = ModelList.parse(modelPieces, maxModels);
    ApiKey key = ApiKey.of(rawKey);
    if (models.stream().anyMatch(model -> model.equalsIgnoreCase(key.reveal()))) {
      throw new InvalidQueryException(
          "The API key was also typed into the models list: put it only in \"api_key\", and"
              + " list model ids such as \"Qwen/Qwen3-32B\" in \"models\".");
    }
    return new QuotaQuery(key, models);
  }
}
