package dev.quotabot.quota;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a person typed into a clean list of model ids: every piece is split on commas (ASCII
 * and full-width), whitespace and newlines (Unicode spaces such as the ideographic and no-break
 * space included, and the invisible zero-width space and byte-order mark), trimmed, empties
 * dropped, duplicates removed in order.
 */
public final class ModelList {
  public static final int MAX_NAME_LENGTH = 200;

  private static final int QUOTED_PREFIX = 40;

  /**
   * One separator character, as a regular-expression class that Java and JavaScript (with the
   * {@code u} flag) read alike; {@code GET /api/config} gives it to the page, which splits the
   * models field with it instead of keeping its own copy.
   */
  public static final String SEPARATOR_CLASS = "[,，\\s\\p{Z}\\u200B\\uFEFF]";

  private static final Pattern SEPARATORS = Pattern.compile(SEPARATOR_CLASS + "+");

  /**
   * The start of a pasted key: a ModelScope access token ({@code ms-} and a UUID) or an {@code sk-}
   * key (DeepSeek, SiliconFlow, OpenRouter, Moonshot, relays). Model ids do not look like this:
   * ModelScope's have an owner ({@code Qwen/…}), and nobody names a model {@code sk-} and 20
   * letters and digits.
   */
  private static final Pattern KEY_SHAPED =
      Pattern.compile("(?i)(?:ms-[0-9a-f-]{32}|sk-[a-z0-9_-]{20})");

  private ModelList() {}

  /** True when a raw models value names no model: absent, empty, or only separators. */
  public static boolean namesNoModel(@Nullable String rawModels) {
    return rawModels == null || rawModels.isEmpty() || SEPARATORS.matcher(rawModels).matches();
  }

  /** The items of a raw models value, split as {@link #parse} splits them, but not checked. */
  public static List<String> items(String rawModels) {
    return Arrays.stream(SEPARATORS.split(rawModels)).filter(item -> !item.isEmpty()).toList();
  }

  /**
   * Where the last item of a raw models value starts: just after its last separator, or 0 when it
   * has none.
   */
  public static int lastItemStart(String rawModels) {
    Matcher separator = SEPARATORS.matcher(rawModels);
    int start = 0;
    while (separator.find()) {
      start = separator.end();
    }
    return start;
  }

  /**
   * True when an item of a raw models value looks like a pasted key (whether or not a key was
   * given): it would be sent upstream as a model name and shown back.
   */
  public static boolean holdsKeyShapedItem(@Nullable String rawModels) {
    if (rawModels == null) {
      return false;
    }
    for (String item : SEPARATORS.split(rawModels)) {
      if (looksLikeKey(item)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether one id, as an upstream lists it, is a model a query would accept as it is: a single
   * item (no separator in it), no control or invisible formatting character, not shaped like a key,
   * and at most {@link #MAX_NAME_LENGTH} characters.
   */
  public static boolean acceptable(String id) {
    return !id.isEmpty()
        && id.length() <= MAX_NAME_LENGTH
        && !SEPARATORS.matcher(id).find()
        && id.chars().noneMatch(ModelList::isControlOrFormat)
        && !looksLikeKey(id);
  }

  private static boolean looksLikeKey(String model) {
    return model.indexOf('/') < 0 && KEY_SHAPED.matcher(model).lookingAt();
  }

  /**
   * Parses and checks a model list.
   *
   * @param pieces strings as given (each may hold several models); null or null items count as
   *     nothing
   * @param maxModels the most models one query may name
   * @throws InvalidQueryException if a name is unusable or there are too many
   */
  public static List<String> parse(
      @Nullable Collection<? extends @Nullable String> pieces, int maxModels) {
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
          Text.of("quota.too_many_models", "given", models.size(), "max", maxModels));
    }
    return List.copyOf(new ArrayList<>(models));
  }

  private static String checked(String model) {
    if (model.chars().anyMatch(ModelList::isControlOrFormat)) {
      throw new InvalidQueryException(Text.of("quota.model_invisible_characters"));
    }
    if (looksLikeKey(model)) {
      // never quoted back: it is most likely the caller's own key in the wrong field
      throw new InvalidQueryException(Text.of("quota.models_hold_key"));
    }
    if (model.length() > MAX_NAME_LENGTH) {
      throw new InvalidQueryException(
          Text.of(
              "quota.model_too_long",
              "max",
              MAX_NAME_LENGTH,
              "start",
              UpstreamText.cut(model, QUOTED_PREFIX)));
    }
    return model;
  }

  private static boolean isControlOrFormat(int c) {
    return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
  }
}
