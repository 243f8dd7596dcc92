package dev.quotabot.quota.watch;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.Text;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A watch's alert levels, highest first ({@code 20%, 5%}): all percents or all amounts.
 *
 * @param levels at least one, at most {@link #MAX_LEVELS}, strictly decreasing
 */
public record Thresholds(List<Threshold> levels) {
  public static final int MAX_LEVELS = 5;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final int MAX_SHOWN = 20;
  private static final Pattern SEPARATORS = Pattern.compile("[,，、;；\\s]+");
  private static final Pattern SPACE_BEFORE_PERCENT = Pattern.compile("\\s+%");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:\\d{1,12}(?:\\.\\d{0,8})?|\\.\\d{1,8})");

  public Thresholds {
    levels = List.copyOf(levels);
  }

  /** Used when the user sets none. */
  public static final String DEFAULT = "20%, 5%";

  /**
   * Reads levels as typed: {@code 20%, 5%}, {@code 5}, {@code 10 5 1} (commas, {@code ，} or spaces
   * between them); null or blank is {@link #DEFAULT}. Full-width forms ({@code ２０％}) read as their
   * ASCII ones.
   *
   * @throws InvalidQueryException saying what to fix (mixed kinds, a percent over 100, zero,
   *     repeated levels, too many, not a number)
   */
  public static Thresholds parse(@Nullable String raw) {
    String typed = raw == null || raw.isBlank() ? DEFAULT : raw;
    // NFKC turns ２０％ and ， into 20% and ,; "20 %" is one level, not "20" and "%"
    String plain =
        SPACE_BEFORE_PERCENT
            .matcher(Normalizer.normalize(typed, Normalizer.Form.NFKC))
            .replaceAll("%");
    List<Threshold> levels = new ArrayList<>();
    for (String piece : SEPARATORS.split(plain)) {
      if (!piece.isEmpty()) {
        levels.add(level(piece));
      }
    }
    if (levels.isEmpty()) {
      // only separators: as if nothing were typed
      return parse(DEFAULT);
    }
    if (levels.stream().map(Threshold::kind).distinct().count() > 1) {
      throw new InvalidQueryException(Text.of("watch.thresholds_mixed"));
    }
    List<Threshold> sorted =
        levels.stream().sorted(Comparator.comparing(Threshold::value).reversed()).toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).value().compareTo(sorted.get(i - 1).value()) == 0) {
        throw new InvalidQueryException(
            Text.of("watch.thresholds_repeated", "level", sorted.get(i).toString()));
      }
    }
    if (sorted.size() > MAX_LEVELS) {
      throw new InvalidQueryException(
          Text.of("watch.thresholds_too_many", "count", sorted.size(), "max", MAX_LEVELS));
    }
    return new Thresholds(sorted);
  }

  private static Threshold level(String piece) {
    boolean percent = piece.endsWith("%");
    String number = percent ? piece.substring(0, piece.length() - 1) : piece;
    if (!NUMBER.matcher(number).matches()) {
      throw new InvalidQueryException(
          Text.of("watch.thresholds_not_a_number", "piece", shown(piece)));
    }
    BigDecimal value = new BigDecimal(number).stripTrailingZeros();
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    if (percent && (value.signum() <= 0 || value.compareTo(HUNDRED) > 0)) {
      throw new InvalidQueryException(Text.of("watch.thresholds_percent_range", "piece", piece));
    }
    if (!percent && value.signum() <= 0) {
      throw new InvalidQueryException(Text.of("watch.thresholds_amount_positive", "piece", piece));
    }
    return new Threshold(percent ? Threshold.Kind.PERCENT : Threshold.Kind.AMOUNT, value);
  }

  /** A piece as the user typed it, cut short: it goes back into a one-line answer. */
  private static String shown(String piece) {
    return piece.length() <= MAX_SHOWN ? piece : piece.substring(0, MAX_SHOWN) + "…";
  }

  /** Whether every level can be measured on this reading (a percent needs a total). */
  public boolean appliesTo(Reading reading) {
    return kind() == Threshold.Kind.AMOUNT || reading.percent() != null;
  }

  /** The index of the deepest level this reading is at or below; -1 for none. */
  public int deepestCrossed(Reading reading) {
    BigDecimal value = kind() == Threshold.Kind.PERCENT ? reading.percent() : reading.available();
    if (value == null) {
      return -1;
    }
    int deepest = -1;
    for (int i = 0; i < levels.size(); i++) {
      if (value.compareTo(levels.get(i).value()) <= 0) {
        deepest = i;
      }
    }
    return deepest;
  }

  /** Whether these are percents or amounts (all levels are one kind). */
  public Threshold.Kind kind() {
    return levels.isEmpty() ? Threshold.Kind.AMOUNT : levels.get(0).kind();
  }

  /** The levels as a user types them: {@code 20%, 5%}. */
  @Override
  public String toString() {
    return String.join(", ", levels.stream().map(Threshold::toString).toList());
  }
}
