package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import org.jspecify.annotations.Nullable;

/**
 * The buttons under an answer: "Check again" always; "Balance only (free)" and "Probe models" for a
 * provider that probes models (the first only where there is a balance to read; the second says
 * what probing costs when the provider declares it). Each opens the {@code /quota} form again,
 * filled in from what the answer was for, with the key empty.
 *
 * <p>A button's custom id is {@code quota:<action>:<token>}: the token stands for the answer in
 * {@link Rechecks}, so nothing the user typed, and never a secret, is in it.
 */
final class AnswerButtons {
  private static final String PREFIX = "quota:";
  private static final String SEPARATOR = ":";

  /** What a button asks for. */
  enum Action {
    /** The same check again. */
    AGAIN,
    /** The free balance-only check. */
    BALANCE,
    /** Probe the models of the answer (the provider's defaults after a balance-only one). */
    PROBE;

    private String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    private static Optional<Action> fromWire(String name) {
      for (Action action : values()) {
        if (action.wireName().equals(name)) {
          return Optional.of(action);
        }
      }
      return Optional.empty();
    }
  }

  /** A button that was clicked: what it asks for and the answer's token. */
  record Click(Action action, String token) {}

  private final Rechecks rechecks;

  AnswerButtons(Rechecks rechecks) {
    this.rechecks = rechecks;
  }

  /**
   * Remembers what the answer was for and returns the buttons for it.
   *
   * @param ownerId the user who asked; only they may use the buttons
   */
  ActionRow row(BotText text, ProviderInfo provider, long ownerId, QuotaQuery query) {
    String models = QuotaModal.prefill(query.models());
    boolean balanceOnly = query.models().isEmpty();
    String baseUrl = query.baseUrl() == null ? null : query.baseUrl().toString();
    String token =
        rechecks.remember(new Recheck(ownerId, provider.id(), baseUrl, models, balanceOnly));
    List<Button> buttons = new ArrayList<>();
    buttons.add(Button.primary(customId(Action.AGAIN, token), label(text.againButton())));
    if (provider.can(Capability.PROBES_MODELS)) {
      if (provider.can(Capability.BALANCES)) {
        buttons.add(
            Button.secondary(customId(Action.BALANCE, token), label(text.balanceOnlyButton())));
      }
      String probed = probedModels(provider, models, balanceOnly);
      buttons.add(
          Button.secondary(
              customId(Action.PROBE, token),
              label(probeLabel(text, provider.probeCost(), probed))));
    }
    return ActionRow.of(buttons);
  }

  /**
   * The models the Probe button's form starts with: the answer's, or the provider's defaults after
   * a balance-only answer.
   */
  static String probedModels(ProviderInfo provider, String answerModels, boolean balanceOnly) {
    return balanceOnly ? QuotaModal.prefill(provider.defaultModels()) : answerModels;
  }

  /** "Probe 3 models (≤ 3 魔粒)": the cost for the models the form will start with. */
  static String probeLabel(BotText text, @Nullable ProbeCost cost, String models) {
    int count = models.isEmpty() ? 0 : new LinkedHashSet<>(ModelList.items(models)).size();
    if (cost == null || count == 0) {
      return text.probeButton(count, null, null);
    }
    return text.probeButton(
        count,
        QuotaEmbed.amount(cost.forModels(count)),
        QuotaEmbed.cut(cost.unit(), QuotaEmbed.UNIT_MAX));
  }

  private static String label(String text) {
    return QuotaEmbed.cut(text, Button.LABEL_MAX_LENGTH);
  }

  /** {@code quota:again:<token>}. */
  static String customId(Action action, String token) {
    return PREFIX + action.wireName() + SEPARATOR + token;
  }

  /** The click a custom id stands for; empty for one this bot never made. */
  static Optional<Click> parse(@Nullable String customId) {
    if (customId == null || !customId.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = customId.substring(PREFIX.length());
    int separator = rest.indexOf(SEPARATOR);
    if (separator < 0) {
      return Optional.empty();
    }
    String token = rest.substring(separator + 1);
    if (!Rechecks.isToken(token)) {
      return Optional.empty();
    }
    return Action.fromWire(rest.substring(0, separator)).map(action -> new Click(action, token));
  }
}
