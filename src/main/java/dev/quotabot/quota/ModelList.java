package dev.quotabot.quota;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a person typed into a clean list of model ids: every piece is split on commas (ASCII
 * and full-width), whitespace and newlines (Unicode spaces such as the ideographic and no-break
 * space included, and the invisible zero-width space and byte-order mark), trimmed, empties
 * dropped, duplicates removed in order.
 */
public final class ModelList {
  public static final int MAX_NAME_LENGTH = 200;

  private static final int QUOTED_PREFIX = 40;
  private static final Pattern SEPARATORS = Pattern.compile("[,，\\s\\p{Z}\\u200B\\uFEFF]+");

  private ModelList() {}

  /**
   * Parses and checks a model list.
   *
   * @param pieces strings as given (each may hold several models); null or null items count as
   *     nothing
   * @param maxModels the most models one query may name
   * @throws InvalidQueryException if a name is unusable or there are too many
   */
  public static List<String> parse(Collection<String> pieces, int maxModels) {
    Set<String> models = new LinkedHashSet<>();
    if (pieces != null) {
      for (String piece : pieces) {
        if (piece == null) {
          continue;
        }
        for (String token : SEPARATORS.split(piece)) {
          if (!token.isEmpty()) {
            models.add(checked(token));
          }
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
    if (model.chars().anyMatch(ModelList::isControlOrFormat)) {
      throw new InvalidQueryException(
          "A model name contains control characters or invisible formatting characters: send"
              + " plain model ids such as \"Qwen/Qwen3-32B\".");
    }
    if (model.length() > MAX_NAME_LENGTH) {
      throw new InvalidQueryException(
          "A model name is longer than "
              + MAX_NAME_LENGTH
              + " characters (it starts with \""
              + prefix(model)
              + "…\"): check the models list.");
    }
    return model;
  }

  private static boolean isControlOrFormat(int c) {
    return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
  }

  /** The first characters of a name, never cutting a surrogate pair in half. */
  private static String prefix(String model) {
    int end = QUOTED_PREFIX;
    if (Character.isHighSurrogate(model.charAt(end - 1))) {
      end--;
    }
    return model.substring(0, end);
  }
}
