package dev.quotabot.quota;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a person typed into a clean list of model ids: every piece is split on commas (ASCII
 * and full-width), whitespace and newlines, trimmed, empties dropped, duplicates removed in order.
 */
public final class ModelList {
  public static final int MAX_NAME_LENGTH = 200;

  private static final Pattern SEPARATORS = Pattern.compile("[,，\\s]+");

  private ModelList() {}

  /**
   * Parses and checks a model list.
   *
   * @param pieces strings as given (each may hold several models)
   * @param maxModels the most models one query may name
   * @throws InvalidQueryException if a name is unusable or there are too many
   */
  public static List<String> parse(Collection<String> pieces, int maxModels) {
    Set<String> models = new LinkedHashSet<>();
    for (String piece : pieces) {
      for (String token : SEPARATORS.split(piece)) {
        if (!token.isEmpty()) {
          models.add(checked(token));
        }
      }
    }
    if (models.size() > maxModels) {
      throw new InvalidQueryException(
          "Too many models: "
              + models.size()
              + " given, at most "
              + maxModels
              + " per query. Split the list into smaller queries.");
    }
    return List.copyOf(new ArrayList<>(models));
  }

  private static String checked(String model) {
    if (model.length() > MAX_NAME_LENGTH) {
      throw new InvalidQueryException(
          "A model name is longer than "
              + MAX_NAME_LENGTH
              + " characters (it starts with \""
              + model.substring(0, 40)
              + "…\"): check the models list.");
    }
    if (model.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidQueryException(
          "A model name contains control characters: send plain model ids such as"
              + " \"Qwen/Qwen3-32B\".");
    }
    return model;
  }
}
