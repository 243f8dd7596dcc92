package dev.quotabot.discord;

import dev.quotabot.quota.ProviderInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.SelectMenu;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider select(s) of the {@code /quota} form: a first option "Detect from the key" (the
 * key's prefix picks the provider, else the default one), then every provider the server knows, in
 * the core's order (the default first). A select holds {@value SelectMenu#OPTIONS_MAX_AMOUNT}
 * options; when they do not all fit, a second select "More providers" holds the rest, so the form
 * still has room for the key, the base URL and the models (a modal holds 5 components). Both
 * selects are optional (0 or 1 value each): picking nothing keeps the pre-selected provider.
 *
 * <p>Two selects hold {@value #OPTIONS_MAX} options: "Detect from the key" and {@value
 * #PROVIDERS_MAX} providers. A server with more lists the first {@value #PROVIDERS_MAX} in the form
 * (the others stay reachable with the command's {@code provider} option, and a form opened for one
 * of them keeps it pre-selected), and says so once in the log when the bot starts.
 */
final class ProviderPicker {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderPicker.class);

  /** The first select's custom id. */
  static final String SELECT = "provider";

  /** The second select's custom id, present only when the providers do not fit in one. */
  static final String MORE_SELECT = "provider_more";

  /** The value of "Detect from the key": no provider id has a colon. */
  static final String DETECT = ":detect";

  /** What two selects hold. */
  static final int OPTIONS_MAX = 2 * SelectMenu.OPTIONS_MAX_AMOUNT;

  /** The providers listed at most: the options two selects hold, "Detect from the key" aside. */
  static final int PROVIDERS_MAX = OPTIONS_MAX - 1;

  private final List<ProviderInfo> known;
  private final List<ProviderInfo> listed;

  /**
   * Logs once (this is built once, when the bot starts) when some providers do not fit.
   *
   * @param providers every provider the server knows, the default first
   */
  ProviderPicker(List<ProviderInfo> providers) {
    this.known = List.copyOf(providers);
    this.listed = known.subList(0, Math.min(known.size(), PROVIDERS_MAX));
    if (known.size() > PROVIDERS_MAX) {
      LOG.warn(
          "The /quota form lists {} of the {} providers (two selects hold {} options); the others"
              + " can still be chosen with the command's provider option",
          PROVIDERS_MAX,
          known.size(),
          OPTIONS_MAX);
    }
  }

  /** The providers the form lists, in order. */
  List<ProviderInfo> listed() {
    return listed;
  }

  /** How many selects the form holds: 1 while every option fits in one, else 2. */
  int selects() {
    return listed.size() + 1 <= SelectMenu.OPTIONS_MAX_AMOUNT ? 1 : 2;
  }

  /**
   * The select(s), each in its Label, with {@code preselected} marked as chosen.
   *
   * @param preselected the provider chosen on the command (or in the answer the form comes from);
   *     null for none: "Detect from the key" is then pre-selected
   */
  List<Label> labels(BotText text, @Nullable ProviderInfo preselected) {
    String defaultName =
        known.isEmpty() ? "-" : QuotaEmbed.cut(known.get(0).name(), QuotaEmbed.PROVIDER_NAME_MAX);
    List<SelectOption> options = new ArrayList<>();
    options.add(
        SelectOption.of(text.modalDetectOption(), DETECT)
            .withDescription(
                QuotaEmbed.cut(
                    text.modalDetectDescription(defaultName), SelectOption.DESCRIPTION_MAX_LENGTH))
            .withDefault(preselected == null));
    for (ProviderInfo provider : listed) {
      options.add(
          SelectOption.of(
                  QuotaEmbed.cut(provider.name(), SelectOption.LABEL_MAX_LENGTH), provider.id())
              .withDescription(
                  QuotaEmbed.cut(provider.keyHint(), SelectOption.DESCRIPTION_MAX_LENGTH))
              .withDefault(preselected != null && preselected.id().equals(provider.id())));
    }
    int split = Math.min(options.size(), SelectMenu.OPTIONS_MAX_AMOUNT);
    List<Label> labels = new ArrayList<>();
    labels.add(
        Label.of(
            text.modalProviderLabel(),
            QuotaEmbed.cut(text.modalProviderDescription(), Label.DESCRIPTION_MAX_LENGTH),
            select(SELECT, options.subList(0, split))));
    if (split < options.size()) {
      labels.add(
          Label.of(
              text.modalMoreProvidersLabel(),
              select(MORE_SELECT, options.subList(split, options.size()))));
    }
    return labels;
  }

  private static StringSelectMenu select(String id, List<SelectOption> options) {
    return StringSelectMenu.create(id)
        .addOptions(options)
        .setRequired(false)
        .setRequiredRange(0, 1)
        .build();
  }

  /** What the select(s) of a submitted form say. */
  sealed interface Choice permits Picked, Unknown, Ambiguous {}

  /**
   * One provider, or "Detect from the key".
   *
   * @param provider the provider picked; null for "Detect from the key"
   */
  record Picked(@Nullable ProviderInfo provider) implements Choice {}

  /** A value naming no provider this server knows: the form is out of date. */
  record Unknown() implements Choice {}

  /**
   * Both selects were changed, to two different picks: which one is meant is not guessed.
   *
   * @param first the first select's pick (null: "Detect from the key")
   * @param second the second select's pick
   */
  record Ambiguous(@Nullable ProviderInfo first, @Nullable ProviderInfo second) implements Choice {}

  /**
   * The provider a submitted form asks for: the one value selected; of two, the one that differs
   * from the pre-selected (the other is the pre-selection still standing in its select); none, the
   * pre-selected. A value naming no provider this server knows, or several values in one select
   * (which only a client other than Discord's could send), is {@link Unknown}.
   *
   * @param preselected the id of the provider the form was opened with; null for "Detect from the
   *     key"
   * @param first the first select's values (empty when none, or when the form had no select)
   * @param more the second select's values
   */
  Choice resolve(@Nullable String preselected, List<String> first, List<String> more) {
    if (first.size() > 1 || more.size() > 1) {
      return new Unknown();
    }
    String pre = preselected == null ? DETECT : preselected;
    String one = first.isEmpty() ? null : first.get(0);
    String two = more.isEmpty() ? null : more.get(0);
    if (one != null && two != null) {
      if (one.equals(pre)) {
        return lookUp(two);
      }
      if (two.equals(pre)) {
        return lookUp(one);
      }
      Choice a = lookUp(one);
      Choice b = lookUp(two);
      if (a instanceof Picked pickedA && b instanceof Picked pickedB) {
        return new Ambiguous(pickedA.provider(), pickedB.provider());
      }
      return new Unknown();
    }
    if (one != null) {
      return lookUp(one);
    }
    return lookUp(two != null ? two : pre);
  }

  private Choice lookUp(String value) {
    if (DETECT.equals(value)) {
      return new Picked(null);
    }
    Optional<ProviderInfo> provider =
        known.stream().filter(info -> info.id().equals(value)).findFirst();
    return provider.<Choice>map(Picked::new).orElseGet(Unknown::new);
  }
}
