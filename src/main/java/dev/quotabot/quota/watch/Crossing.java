package dev.quotabot.quota.watch;

import org.jspecify.annotations.Nullable;

/**
 * The alert rule: a level alerts once when a check first finds what is left at or below it, and
 * again only after a check found it above (recovered). A check that crosses several levels at once
 * alerts once, naming the deepest (the lowest value) it crossed.
 *
 * @param alertedLevel the watch's alerted level after this check
 * @param alert the level to tell the owner about; null when nothing new was crossed
 */
record Crossing(int alertedLevel, @Nullable Threshold alert) {

  /**
   * @param thresholds the watch's levels
   * @param alertedLevel the deepest level already alerted (-1 for none)
   * @param reading what this check read
   */
  static Crossing of(Thresholds thresholds, int alertedLevel, Reading reading) {
    if (!thresholds.appliesTo(reading)) {
      // the upstream stopped reporting a total: nothing can be measured, nothing is forgotten
      return new Crossing(alertedLevel, null);
    }
    int deepest = thresholds.deepestCrossed(reading);
    if (deepest > alertedLevel) {
      return new Crossing(deepest, thresholds.levels().get(deepest));
    }
    // equal: already told; lower: recovered above a level, which may alert again later
    return new Crossing(deepest, null);
  }
}
