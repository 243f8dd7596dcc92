package dev.quotabot.store;

import dev.quotabot.quota.watch.Reading;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.quota.watch.Thresholds;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How values are written to columns and read back, the same way in SQLite and PostgreSQL: times as
 * epoch milliseconds, amounts as exact decimal text, levels and models in a simple text form.
 */
final class Columns {
  private static final String PERCENT = "%";
  private static final String LEVEL_SEPARATOR = ",";
  private static final String MODEL_SEPARATOR = "\n";

  private Columns() {}

  static void setInstant(PreparedStatement statement, int index, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value.toEpochMilli());
    }
  }

  static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  static Instant requiredInstant(ResultSet row, String column) throws SQLException {
    return Instant.ofEpochMilli(row.getLong(column));
  }

  static void setAmount(PreparedStatement statement, int index, @Nullable BigDecimal value)
      throws SQLException {
    // text, not NUMERIC: SQLite would store a double and lose the exact amount
    statement.setString(index, value == null ? null : value.toPlainString());
  }

  static @Nullable BigDecimal amount(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : new BigDecimal(text);
  }

  /**
   * Binds a reading (or four nulls) to four parameters from {@code index}: at, available, total,
   * unit.
   */
  static void setReading(PreparedStatement statement, int index, @Nullable Reading reading)
      throws SQLException {
    setInstant(statement, index, reading == null ? null : reading.at());
    setAmount(statement, index + 1, reading == null ? null : reading.available());
    setAmount(statement, index + 2, reading == null ? null : reading.total());
    statement.setString(index + 3, reading == null ? null : reading.unit());
  }

  /**
   * The reading in four columns named {@code prefix} + at, available, total, unit; null if none.
   */
  static @Nullable Reading reading(ResultSet row, String prefix) throws SQLException {
    Instant at = instant(row, prefix + "at");
    BigDecimal available = amount(row, prefix + "available");
    String unit = row.getString(prefix + "unit");
    if (at == null || available == null || unit == null) {
      return null;
    }
    return new Reading(at, available, amount(row, prefix + "total"), unit);
  }

  /** A level as stored: {@code 20%} or {@code 5}, its decimal exactly as it came. */
  static String level(Threshold level) {
    return level.value().toPlainString() + (level.kind() == Threshold.Kind.PERCENT ? PERCENT : "");
  }

  static Threshold level(String stored) {
    String text = stored.strip();
    if (text.endsWith(PERCENT)) {
      return new Threshold(
          Threshold.Kind.PERCENT, new BigDecimal(text.substring(0, text.length() - 1).strip()));
    }
    return new Threshold(Threshold.Kind.AMOUNT, new BigDecimal(text));
  }

  static String thresholds(Thresholds thresholds) {
    return String.join(LEVEL_SEPARATOR, thresholds.levels().stream().map(Columns::level).toList());
  }

  static Thresholds thresholds(String stored) {
    List<Threshold> levels = new ArrayList<>();
    for (String level : stored.split(LEVEL_SEPARATOR)) {
      if (!level.isBlank()) {
        levels.add(level(level));
      }
    }
    return new Thresholds(levels);
  }

  static String models(List<String> models) {
    // a model id never holds a line break: the query splits models on whitespace
    return String.join(MODEL_SEPARATOR, models);
  }

  static List<String> models(String stored) {
    return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(MODEL_SEPARATOR));
  }
}
