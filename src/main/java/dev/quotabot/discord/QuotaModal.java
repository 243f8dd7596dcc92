package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QueryInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import org.jspecify.annotations.Nullable;

/**
 * The form {@code /quota} shows when no key was given, so the key is typed into a private form
 * rather than the command line; submitting it runs the same query.
 *
 * <p>The form holds a provider picker ({@link ProviderPicker}: every provider the server knows,
 * after "Detect from the key", in one select or two), the key, the base URL (optional: only relays
 * and self-hosted sites take one, its description says so) and the models. The models field starts
 * out with the models typed, or else the pre-selected provider's defaults (the default provider's
 * when none was chosen), so submitting it untouched checks what the command would; emptied, it asks
 * for the free balance-only check where the provider reads a balance. Its description follows what
 * the pre-selected provider declares: what a probe costs (at most so much per model, and for the
 * models it starts with), before anything is sent. The pre-selected provider is the one chosen on
 * the command (or in the answer the form is opened from); none chosen pre-selects "Detect from the
 * key": the key's prefix picks the provider ({@link QuotaOptions#providerFor}), so a key is only
 * ever sent to the provider it names or the one picked.
 *
 * <p>A provider that reads a wallet with an optional admin user id and access token ({@link
 * Capability#ADMIN_ACCESS}) needs two more fields, which do not fit beside the select(s) (Discord's
 * 5 components): when the provider chosen on the command declares it, the form is that provider's
 * own, without a picker: the key, the address of a provider that needs one (required, pre-filled
 * with what was typed), the models of a provider that probes them or looks for them in the key's
 * list, and the user id and access token. Which form is shown follows capabilities, never the id.
 *
 * <p>The form's id is {@code quota:<provider id>} when a provider was chosen, the bare {@code
 * quota} when none was; nothing typed is carried in it, and never a secret. On submit the select(s)
 * decide ({@link ProviderPicker#resolve}); a models field left exactly as it started with the
 * pre-selected provider's defaults, while another provider is asked (picked, or named by the key's
 * prefix), means that provider's own defaults. An id or a picked value naming no provider this bot
 * knows is answered as out of date. A form without select (one opened by an older version) keeps
 * its provider.
 */
final class QuotaModal extends ListenerAdapter {
  static final String ID = "quota";
  static final String KEY_INPUT = "api_key";
  static final String MODELS_INPUT = "models";
  static final String BASE_URL_INPUT = "base_url";
  static final String USER_ID_INPUT = "user_id";
  static final String ACCESS_TOKEN_INPUT = "access_token";
  static final int MODELS_MAX_LENGTH = TextInput.MAX_VALUE_LENGTH;
  static final int BASE_URL_MAX_LENGTH = 300;
  static final int USER_ID_MAX_LENGTH = QueryInput.MAX_USER_ID_LENGTH;

  private static final String ID_SEPARATOR = ":";

  private final QuotaOptions options;
  private final QuotaReply reply;
  private final ProviderPicker picker;

  /** Built once, when the bot starts: the picker logs then if some providers do not fit. */
  QuotaModal(QuotaOptions options, QuotaReply reply) {
    this.options = options;
    this.reply = reply;
    this.picker = new ProviderPicker(options.providers());
  }

  /**
   * The form for what the command named: the picker with the chosen provider pre-selected (its own
   * form for one with {@link Capability#ADMIN_ACCESS}), or, when none was chosen, the picker with
   * "Detect from the key" pre-selected under the bare id.
   *
   * @throws java.util.NoSuchElementException for a provider the checks before the form refused
   */
  Modal forCommand(
      BotText text, QuotaOptions.Target target, @Nullable String modelsTyped, boolean balanceOnly) {
    ProviderInfo provider = options.provider(target).orElseThrow();
    return target.chosen()
        ? build(text, provider, modelsTyped, balanceOnly, target.baseUrl())
        : picking(text, provider, null, ID, modelsTyped, balanceOnly, target.baseUrl());
  }

  /**
   * The form for {@code provider}, chosen: the picker with it pre-selected, or its own form when it
   * declares {@link Capability#ADMIN_ACCESS} (two more fields, which do not fit beside a picker).
   * The seam other code opens pre-filled forms through (the answer's buttons).
   *
   * @param modelsTyped the models typed on the command line, or null
   * @param balanceOnly the user asked for the balance only: the models field starts out empty
   * @param baseUrlTyped the address typed on the command line, or null
   */
  Modal build(
      BotText text,
      ProviderInfo provider,
      @Nullable String modelsTyped,
      boolean balanceOnly,
      @Nullable String baseUrlTyped) {
    return provider.can(Capability.ADMIN_ACCESS)
        ? build(text, provider, idOf(provider), modelsTyped, balanceOnly, baseUrlTyped)
        : picking(text, provider, provider, idOf(provider), modelsTyped, balanceOnly, baseUrlTyped);
  }

  /**
   * The form with a provider picker: the select(s), the key, the optional base URL, the models.
   *
   * @param form the pre-selected provider, or the default one for "Detect from the key": its
   *     defaults, key hint and probe cost start the form
   * @param preselected the provider pre-selected in the picker; null for "Detect from the key"
   */
  private Modal picking(
      BotText text,
      ProviderInfo form,
      @Nullable ProviderInfo preselected,
      String id,
      @Nullable String modelsTyped,
      boolean balanceOnly,
      @Nullable String baseUrlTyped) {
    String keyHint = QuotaEmbed.cut(form.keyHint(), TextInput.MAX_PLACEHOLDER_LENGTH);
    List<Label> fields = new ArrayList<>(picker.labels(text, preselected));
    fields.add(
        Label.of(
            text.modalKeyLabel(),
            QuotaEmbed.cut(text.modalPickerKeyDescription(), Label.DESCRIPTION_MAX_LENGTH),
            keyInput(keyHint)));
    String typedUrl = baseUrlTyped == null ? "" : baseUrlTyped.strip();
    TextInput.Builder baseUrl =
        TextInput.create(BASE_URL_INPUT, TextInputStyle.SHORT)
            .setRequired(false)
            .setMaxLength(BASE_URL_MAX_LENGTH)
            .setPlaceholder("https://relay.example");
    if (!typedUrl.isEmpty() && typedUrl.length() <= BASE_URL_MAX_LENGTH) {
      baseUrl.setValue(typedUrl);
    }
    fields.add(
        Label.of(
            text.modalOptionalBaseUrlLabel(),
            QuotaEmbed.cut(text.modalOptionalBaseUrlDescription(), Label.DESCRIPTION_MAX_LENGTH),
            baseUrl.build()));
    String typed = balanceOnly || !usable(modelsTyped) ? "" : modelsTyped;
    if (form.can(Capability.PROBES_MODELS)) {
      String unit = form.unit() == null ? null : QuotaEmbed.cut(form.unit(), QuotaEmbed.UNIT_MAX);
      String prefill = balanceOnly || usable(modelsTyped) ? typed : prefill(form.defaultModels());
      // optional even for a provider without balances: another provider may be picked
      fields.add(probedModels(text, form, unit, prefill, false));
    } else if (form.can(Capability.LISTS_KEY_MODELS)) {
      fields.add(
          Label.of(
              text.modalModelsLabel(),
              text.modalKeyModelsDescription(),
              modelsInput(text.modalKeyModelsPlaceholder(), typed)));
    } else {
      fields.add(
          Label.of(
              text.modalModelsLabel(),
              QuotaEmbed.cut(text.modalPickerModelsDescription(), Label.DESCRIPTION_MAX_LENGTH),
              modelsInput(text.modalRequiredModelsPlaceholder(), typed)));
    }
    return Modal.create(id, QuotaEmbed.cut(text.modalPickerTitle(), Modal.MAX_TITLE_LENGTH))
        .addComponents(fields)
        .build();
  }

  private Modal build(
      BotText text,
      ProviderInfo provider,
      String id,
      @Nullable String modelsTyped,
      boolean balanceOnly,
      @Nullable String baseUrlTyped) {
    String name = QuotaEmbed.cut(provider.name(), QuotaEmbed.PROVIDER_NAME_MAX);
    String keyHint = QuotaEmbed.cut(provider.keyHint(), TextInput.MAX_PLACEHOLDER_LENGTH);
    List<Label> fields = new ArrayList<>();
    fields.add(
        Label.of(
            text.modalKeyLabel(),
            QuotaEmbed.cut(text.modalKeyDescription(name, keyHint), Label.DESCRIPTION_MAX_LENGTH),
            keyInput(keyHint)));
    if (provider.can(Capability.NEEDS_BASE_URL)) {
      String typedUrl = baseUrlTyped == null ? "" : baseUrlTyped.strip();
      TextInput.Builder baseUrl =
          TextInput.create(BASE_URL_INPUT, TextInputStyle.SHORT)
              .setRequired(true)
              .setRequiredRange(1, BASE_URL_MAX_LENGTH)
              .setPlaceholder("https://relay.example");
      if (!typedUrl.isEmpty() && typedUrl.length() <= BASE_URL_MAX_LENGTH) {
        baseUrl.setValue(typedUrl);
      }
      fields.add(
          Label.of(text.modalBaseUrlLabel(), text.modalBaseUrlDescription(), baseUrl.build()));
    }
    if (provider.can(Capability.PROBES_MODELS)) {
      String unit =
          provider.unit() == null ? null : QuotaEmbed.cut(provider.unit(), QuotaEmbed.UNIT_MAX);
      String prefill =
          balanceOnly ? "" : usable(modelsTyped) ? modelsTyped : prefill(provider.defaultModels());
      fields.add(probedModels(text, provider, unit, prefill, true));
    } else if (provider.can(Capability.LISTS_KEY_MODELS)) {
      String prefill = balanceOnly || !usable(modelsTyped) ? "" : modelsTyped;
      fields.add(
          Label.of(
              text.modalModelsLabel(),
              text.modalKeyModelsDescription(),
              modelsInput(text.modalKeyModelsPlaceholder(), prefill)));
    }
    if (provider.can(Capability.ADMIN_ACCESS)) {
      fields.add(
          Label.of(
              text.modalUserIdLabel(),
              text.modalUserIdDescription(),
              TextInput.create(USER_ID_INPUT, TextInputStyle.SHORT)
                  .setRequired(false)
                  .setMaxLength(USER_ID_MAX_LENGTH)
                  .build()));
      fields.add(
          Label.of(
              text.modalAccessTokenLabel(),
              text.modalAccessTokenDescription(),
              TextInput.create(ACCESS_TOKEN_INPUT, TextInputStyle.SHORT)
                  .setRequired(false)
                  .setMaxLength(QueryInput.MAX_KEY_LENGTH)
                  .build()));
    }
    String title =
        provider.can(Capability.PROBES_MODELS)
            ? text.modalTitle(name)
            : provider.can(Capability.BALANCES) || provider.takesModels()
                ? text.modalBalanceTitle(name)
                : text.modalAccountTitle(name);
    return Modal.create(id, QuotaEmbed.cut(title, Modal.MAX_TITLE_LENGTH))
        .addComponents(fields)
        .build();
  }

  /**
   * The models field of a provider that probes them. It says what checking costs when the provider
   * declares it, and that an emptied field reads the balance for free where there is a balance to
   * read; for a provider without one, at least one model is required in its own form.
   *
   * @param own the provider's own form: a provider without balances requires a model there
   */
  private static Label probedModels(
      BotText text, ProviderInfo provider, @Nullable String unit, String prefill, boolean own) {
    boolean balances = provider.can(Capability.BALANCES);
    String cost = costDescription(text, provider.probeCost(), prefill);
    String description;
    if (cost == null) {
      description =
          balances ? text.modalModelsDescription(unit) : text.modalRequiredModelsDescription();
    } else {
      String withFree = balances ? cost + text.modalFreeBalanceSuffix(unit) : cost;
      // the cost matters more: the placeholder also says what an empty field does
      description = withFree.length() <= Label.DESCRIPTION_MAX_LENGTH ? withFree : cost;
    }
    TextInput input =
        balances
            ? modelsInput(text.modalModelsPlaceholder(unit), prefill)
            : own
                ? requiredModelsInput(text.modalRequiredModelsPlaceholder(), prefill)
                : modelsInput(text.modalRequiredModelsPlaceholder(), prefill);
    return Label.of(
        balances ? text.modalModelsLabel() : text.modalRequiredModelsLabel(),
        QuotaEmbed.cut(description, Label.DESCRIPTION_MAX_LENGTH),
        input);
  }

  /**
   * What probing costs, said before anything is sent: at most so much per model (and for the models
   * the field starts with, when there are several) for a probe that spends; so much of the rate
   * limits for one that counts. Null when the provider declares no cost.
   */
  static @Nullable String costDescription(BotText text, @Nullable ProbeCost cost, String prefill) {
    if (cost == null) {
      return null;
    }
    String unit = QuotaEmbed.cut(cost.unit(), QuotaEmbed.UNIT_MAX);
    String perModel = QuotaEmbed.amount(cost.perModel());
    if (cost.kind() == ProbeCost.Kind.COUNTS) {
      return text.modalCountsDescription(perModel, unit);
    }
    int models = prefill.isEmpty() ? 0 : new LinkedHashSet<>(ModelList.items(prefill)).size();
    return text.modalSpendsDescription(
        perModel, unit, models, QuotaEmbed.amount(cost.forModels(models)));
  }

  /** The form's id: {@code quota:<provider id>}. */
  static String idOf(ProviderInfo provider) {
    return ID + ID_SEPARATOR + provider.id();
  }

  private static TextInput keyInput(String placeholder) {
    return TextInput.create(KEY_INPUT, TextInputStyle.SHORT)
        .setRequired(true)
        .setRequiredRange(1, QueryInput.MAX_KEY_LENGTH)
        .setPlaceholder(placeholder)
        .build();
  }

  private static TextInput requiredModelsInput(String placeholder, String prefill) {
    TextInput.Builder models =
        TextInput.create(MODELS_INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(true)
            .setRequiredRange(1, MODELS_MAX_LENGTH)
            .setPlaceholder(placeholder);
    if (!prefill.isEmpty()) {
      models.setValue(prefill);
    }
    return models.build();
  }

  private static TextInput modelsInput(String placeholder, String prefill) {
    TextInput.Builder models =
        TextInput.create(MODELS_INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(false)
            .setMaxLength(MODELS_MAX_LENGTH)
            .setPlaceholder(placeholder);
    if (!prefill.isEmpty()) {
      models.setValue(prefill);
    }
    return models.build();
  }

  /**
   * Every form submitted to the bot is answered. The bot shows no other form, so one whose id (or
   * picked provider) names no provider it knows comes from an older (or newer) version of it: the
   * user is told to run {@code /quota} again rather than left with Discord's "something went
   * wrong".
   */
  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    String modalId = event.getModalId();
    if (WatchModal.owns(modalId)) {
      // the /watch form has its own handler
      return;
    }
    BotText text = BotText.of(event.getUserLocale());
    Optional<ProviderInfo> provider = providerOf(modalId);
    if (provider.isEmpty()) {
      Replies.ephemeral(event, text.formOutdated());
      return;
    }
    Replies.guarded(
        event,
        text,
        "/quota form",
        () -> {
          Function<String, List<String>> selected = id -> selectedIn(event, id);
          Optional<QuotaOptions.Parsed> parsed =
              parse(text, modalId, id -> valueOf(event, id), selected);
          if (parsed.isEmpty()) {
            Replies.ephemeral(event, text.formOutdated());
            return;
          }
          ProviderInfo named = askedFor(modalId, provider.get(), selected);
          reply.answer(
              event, parsed.get(), text, () -> Replies.ephemeral(event, keyMissing(text, named)));
        });
  }

  /**
   * What a submitted form without select asks for (a text-only client, a form of an older version);
   * empty for a form whose id names no provider this bot knows.
   *
   * @param field a field's value by its id, null for a field that was not sent
   */
  Optional<QuotaOptions.Parsed> parse(
      @Nullable String modalId, Function<String, @Nullable String> field) {
    return parse(BotText.EN, modalId, field, id -> List.of());
  }

  /**
   * What a submitted form asks for; empty for a form whose id, or picked provider, names no
   * provider this bot knows.
   *
   * @param text the language of a refusal this form itself makes (two providers picked)
   * @param field a text field's value by its id, null for a field that was not sent
   * @param selected a select's values by its id, empty for a select that was not sent
   */
  Optional<QuotaOptions.Parsed> parse(
      BotText text,
      @Nullable String modalId,
      Function<String, @Nullable String> field,
      Function<String, List<String>> selected) {
    Optional<ProviderInfo> provider = providerOf(modalId);
    if (provider.isEmpty()) {
      return Optional.empty();
    }
    ProviderInfo form = provider.get();
    boolean chosen = !ID.equals(modalId);
    if (chosen && form.can(Capability.ADMIN_ACCESS)) {
      return Optional.of(parse(form, true, field));
    }
    ProviderPicker.Choice choice = choice(modalId, form, selected);
    if (choice instanceof ProviderPicker.Picked picked) {
      return Optional.of(parsePicked(form, picked.provider(), field));
    }
    if (choice instanceof ProviderPicker.Ambiguous both) {
      return Optional.of(
          new QuotaOptions.Invalid(
              words ->
                  words.modalTwoProviders(
                      pickName(words, both.first()), pickName(words, both.second()))));
    }
    return Optional.empty();
  }

  private ProviderPicker.Choice choice(
      @Nullable String modalId, ProviderInfo form, Function<String, List<String>> selected) {
    return picker.resolve(
        ID.equals(modalId) ? null : form.id(),
        selected.apply(ProviderPicker.SELECT),
        selected.apply(ProviderPicker.MORE_SELECT));
  }

  /** The provider a form asks for a key of: the one picked, else the form's. */
  private ProviderInfo askedFor(
      String modalId, ProviderInfo form, Function<String, List<String>> selected) {
    if (!ID.equals(modalId) && form.can(Capability.ADMIN_ACCESS)) {
      return form;
    }
    return choice(modalId, form, selected) instanceof ProviderPicker.Picked picked
            && picked.provider() != null
        ? picked.provider()
        : form;
  }

  private static String pickName(BotText text, @Nullable ProviderInfo picked) {
    return picked == null
        ? text.modalDetectOption()
        : QuotaEmbed.cut(picked.name(), QuotaEmbed.PROVIDER_NAME_MAX);
  }

  /** The answer to a form submitted without a key (Discord should not let that happen). */
  static String keyMissing(BotText text, ProviderInfo provider) {
    return text.keyMissing(
        QuotaEmbed.plain(provider.name(), QuotaEmbed.PROVIDER_NAME_MAX),
        QuotaEmbed.plain(provider.keyHint(), QuotaEmbed.UNIT_MAX));
  }

  /**
   * What a submitted form of a chosen provider asks for, no other provider picked. Only the fields
   * its form holds ({@link #build}) are read: a value for any other (which only a client other than
   * Discord's could send) is ignored, so the answer never depends on a field the user could not
   * see.
   *
   * @param provider the provider its id names ({@link #providerOf})
   * @param field a field's value by its id, null for a field that was not sent
   */
  QuotaOptions.Parsed parse(ProviderInfo provider, Function<String, @Nullable String> field) {
    return provider.can(Capability.ADMIN_ACCESS)
        ? parse(provider, true, field)
        : parsePicked(provider, provider, field);
  }

  /**
   * A provider's own form ({@link Capability#ADMIN_ACCESS}), or a bare-id form without select.
   *
   * @param provider the provider whose form it is
   * @param chosen the provider was chosen ({@code quota:<id>}); if not (the bare {@code quota}),
   *     the key's prefix picks the provider, and a models field still holding the form's defaults
   *     means the picked provider's own defaults (another provider's models are not its own)
   */
  private QuotaOptions.Parsed parse(
      ProviderInfo provider, boolean chosen, Function<String, @Nullable String> field) {
    boolean admin = provider.can(Capability.ADMIN_ACCESS);
    QuotaOptions.Target target =
        new QuotaOptions.Target(
            chosen ? provider.id() : null,
            provider.can(Capability.NEEDS_BASE_URL) ? field.apply(BASE_URL_INPUT) : null,
            admin ? field.apply(USER_ID_INPUT) : null,
            admin ? field.apply(ACCESS_TOKEN_INPUT) : null);
    String key = field.apply(KEY_INPUT);
    String models = provider.takesModels() ? field.apply(MODELS_INPUT) : null;
    if (!chosen && untouched(models, provider) && keyNamesAnother(key, provider)) {
      return options.parse(key, null, false, target);
    }
    return options.parseForm(key, models, target);
  }

  /**
   * The form with a picker: the key, the base URL and the models, for the provider picked (for
   * "Detect from the key": the one the key's prefix names, else the default). A models field still
   * holding exactly the form's starting defaults, while another provider is asked, means that
   * provider's own defaults. An empty field is always the free balance-only check, also one that
   * started empty (a pre-selected provider without defaults): the picked provider's probe cost was
   * never shown, so nothing is spent on models nobody typed. The admin fields are not read: this
   * form has none.
   *
   * @param form the provider the form was opened with (the default one for the bare id)
   * @param picked the provider picked; null for "Detect from the key"
   */
  private QuotaOptions.Parsed parsePicked(
      ProviderInfo form, @Nullable ProviderInfo picked, Function<String, @Nullable String> field) {
    String baseUrl = field.apply(BASE_URL_INPUT);
    QuotaOptions.Target target =
        new QuotaOptions.Target(
            picked == null ? null : picked.id(),
            baseUrl == null || baseUrl.isBlank() ? null : baseUrl,
            null,
            null);
    String key = field.apply(KEY_INPUT);
    ProviderInfo asked = options.providerFor(key, target).orElse(form);
    String typed = field.apply(MODELS_INPUT);
    if (!asked.id().equals(form.id()) && untouched(typed, form)) {
      return options.parse(key, null, false, target);
    }
    return options.parseForm(key, asked.takesModels() ? typed : null, target);
  }

  /** Whether the models field still holds exactly the defaults it started with. */
  private static boolean untouched(@Nullable String models, ProviderInfo provider) {
    String prefill = prefill(provider.defaultModels());
    return models != null
        && !prefill.isEmpty()
        && ModelList.items(models).equals(ModelList.items(prefill));
  }

  private boolean keyNamesAnother(@Nullable String key, ProviderInfo provider) {
    return options
        .providerOfKey(key)
        .filter(owner -> !owner.id().equals(provider.id()))
        .isPresent();
  }

  /**
   * The provider a form id names: the one after the separator ({@code quota:deepseek}), the default
   * one for the bare {@code quota} of older versions; empty for a provider this bot does not know
   * (any more) and for a form that is not this one.
   */
  Optional<ProviderInfo> providerOf(@Nullable String modalId) {
    if (ID.equals(modalId)) {
      return options.providerNamed(null);
    }
    String prefix = ID + ID_SEPARATOR;
    if (modalId == null || !modalId.startsWith(prefix) || modalId.length() == prefix.length()) {
      return Optional.empty();
    }
    String id = modalId.substring(prefix.length());
    // a blank id would name the default provider; a form never carries one
    return id.isBlank() ? Optional.empty() : options.providerNamed(id);
  }

  private static boolean usable(@Nullable String modelsTyped) {
    return !QuotaOptions.isBlank(modelsTyped) && modelsTyped.length() <= MODELS_MAX_LENGTH;
  }

  /**
   * The default list as the field shows it, one id per line. Ids that would overflow the field are
   * left out (the field shows what will be checked); none fit only with an absurd configuration.
   */
  static String prefill(List<String> defaultModels) {
    StringBuilder value = new StringBuilder();
    for (String model : defaultModels) {
      int needed = value.length() + (value.length() == 0 ? 0 : 1) + model.length();
      if (needed > MODELS_MAX_LENGTH) {
        break;
      }
      if (value.length() > 0) {
        value.append('\n');
      }
      value.append(model);
    }
    return value.toString();
  }

  private static @Nullable String valueOf(ModalInteractionEvent event, String id) {
    ModalMapping mapping = event.getValue(id);
    return mapping == null || mapping.getType() != Component.Type.TEXT_INPUT
        ? null
        : mapping.getAsString();
  }

  /** A string select's values; none for a select that was not sent (or is not one). */
  private static List<String> selectedIn(ModalInteractionEvent event, String id) {
    ModalMapping mapping = event.getValue(id);
    return mapping == null || mapping.getType() != Component.Type.STRING_SELECT
        ? List.of()
        : mapping.getAsStringList();
  }
}
