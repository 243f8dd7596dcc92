package dev.quotabot.discord;

import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchState;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import org.jspecify.annotations.Nullable;

/**
 * The buttons under one watch in {@code /watches}: its fingerprint (a disabled button that names
 * the row: Discord puts every row under all the embeds), then Check now, Pause or Resume, Renew and
 * Remove.
 *
 * <p>A custom id is {@code watches:<action>:<watchId>}. The id is the store's number, not a secret
 * and nothing the user typed: whose watch it is, the service checks on every click.
 */
final class WatchButtons {
  static final String PREFIX = "watches:";

  private static final Pattern CUSTOM_ID =
      Pattern.compile("watches:([a-z]{1,10}):([1-9]\\d{0,17})");

  /** What a button asks for. */
  enum Action {
    /** The row's name: disabled, never clicked (a stale client may still send it: a refresh). */
    NAME,
    CHECK,
    PAUSE,
    RESUME,
    RENEW,
    REMOVE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Action> fromWire(String name) {
      for (Action action : values()) {
        if (action.wireName().equals(name)) {
          return Optional.of(action);
        }
      }
      return Optional.empty();
    }
  }

  /** A click: what it asks for and which watch. */
  record Click(Action action, long watchId) {}

  private WatchButtons() {}

  /** The row of buttons for one watch. */
  static ActionRow row(Watch watch, WatchesText text) {
    long id = watch.id();
    boolean checked = watch.state() == WatchState.ACTIVE;
    return ActionRow.of(
        Button.secondary(customId(Action.NAME, id), label(watch.fingerprint())).asDisabled(),
        Button.primary(customId(Action.CHECK, id), label("🔄 " + text.checkButton())),
        checked
            ? Button.secondary(customId(Action.PAUSE, id), label("⏸️ " + text.pauseButton()))
            : Button.success(customId(Action.RESUME, id), label("▶️ " + text.resumeButton())),
        Button.secondary(customId(Action.RENEW, id), label("🗓️ " + text.renewButton())),
        Button.danger(customId(Action.REMOVE, id), label("🗑️ " + text.removeButton())));
  }

  private static String label(String text) {
    return QuotaEmbed.cut(text, Button.LABEL_MAX_LENGTH);
  }

  /** {@code watches:pause:42}. */
  static String customId(Action action, long watchId) {
    return PREFIX + action.wireName() + ":" + watchId;
  }

  /** Whether the custom id is one of these buttons' (a current one or not). */
  static boolean owns(@Nullable String customId) {
    return customId != null && customId.startsWith(PREFIX);
  }

  /** The click a custom id stands for; empty for one this bot never made. */
  static Optional<Click> parse(@Nullable String customId) {
    if (customId == null) {
      return Optional.empty();
    }
    Matcher matcher = CUSTOM_ID.matcher(customId);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long id = Long.parseLong(matcher.group(2));
    return Action.fromWire(matcher.group(1)).map(action -> new Click(action, id));
  }
}
