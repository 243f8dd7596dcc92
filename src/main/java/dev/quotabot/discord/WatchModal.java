package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QueryInput;
import dev.quotabot.quota.watch.Threshold;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchCreated;
import dev.quotabot.quota.watch.WatchPlan;
import dev.quotabot.quota.watch.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.components.ModalTopLevelComponent;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageEditAction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The form {@code /watch} opens for the secret part of a watch: the key, and a relay's address for
 * a provider that needs one. Before anything is typed it states what is kept (the key, encrypted
 * with AES-256-GCM), for how long (the operator's lifetime, renewable), how to delete it ({@code
 * /watches} → Remove, {@code /forget-me}) and what each check costs. Its id is {@code
 * watch:<token>}: the token stands for the checked plan ({@link WatchPlans}), never for anything
 * secret. Submitting it runs the first check and answers privately with the report and the watch.
 */
final class WatchModal extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WatchModal.class);

  static final String ID_PREFIX = "watch:";
  static final String KEY_INPUT = "api_key";
  static final String BASE_URL_INPUT = "base_url";

  /** Discord's limit on a text display's content. */
  static final int TEXT_DISPLAY_MAX = 4000;

  private final WatchService service;
  private final WatchPlans plans;
  private final Cooldown cooldown;
  private final PendingReplies pending;

  WatchModal(WatchService service, WatchPlans plans, Cooldown cooldown, PendingReplies pending) {
    this.service = service;
    this.plans = plans;
    this.cooldown = cooldown;
    this.pending = pending;
  }

  /** Whether a form's id is one of these forms' (other forms' handlers leave it alone). */
  static boolean owns(@Nullable String modalId) {
    return modalId != null && modalId.startsWith(ID_PREFIX);
  }

  /** The form for a checked plan, remembered under a new token. */
  Modal build(BotText text, long ownerId, WatchPlan plan) {
    return form(text, plan, plans.remember(ownerId, plan), service.limits().lifetime());
  }

  /**
   * The form: what is kept and how to delete it, the key, and the base URL for a provider that
   * needs one.
   *
   * @param token what the form's id carries (see {@link WatchPlans})
   * @param lifetime how long a watch lives unless renewed
   */
  static Modal form(BotText text, WatchPlan plan, String token, Duration lifetime) {
    ProviderInfo provider = plan.provider();
    String name = QuotaEmbed.cut(provider.name(), QuotaEmbed.PROVIDER_NAME_MAX);
    List<ModalTopLevelComponent> fields = new ArrayList<>();
    fields.add(
        TextDisplay.of(
            QuotaEmbed.cut(
                text.say(
                    "watch.modal.stored",
                    "days",
                    lifetime.toDays(),
                    "cost",
                    costOfCheck(text, plan)),
                TEXT_DISPLAY_MAX)));
    fields.add(
        Label.of(
            QuotaEmbed.cut(text.say("watch.modal.key.label"), Label.LABEL_MAX_LENGTH),
            QuotaEmbed.cut(
                text.say(
                    "watch.modal.key.description",
                    "provider",
                    name,
                    "hint",
                    QuotaEmbed.cut(provider.keyHint(), QuotaEmbed.UNIT_MAX)),
                Label.DESCRIPTION_MAX_LENGTH),
            TextInput.create(KEY_INPUT, TextInputStyle.SHORT)
                .setRequired(true)
                .setRequiredRange(1, QueryInput.MAX_KEY_LENGTH)
                .build()));
    if (provider.can(Capability.NEEDS_BASE_URL)) {
      fields.add(
          Label.of(
              QuotaEmbed.cut(text.say("watch.modal.base_url.label"), Label.LABEL_MAX_LENGTH),
              QuotaEmbed.cut(
                  text.say("watch.modal.base_url.description"), Label.DESCRIPTION_MAX_LENGTH),
              TextInput.create(BASE_URL_INPUT, TextInputStyle.SHORT)
                  .setRequired(true)
                  .setRequiredRange(1, QuotaModal.BASE_URL_MAX_LENGTH)
                  .setPlaceholder("https://relay.example")
                  .build()));
    }
    return Modal.create(
            ID_PREFIX + token,
            QuotaEmbed.cut(text.say("watch.modal.title", "provider", name), Modal.MAX_TITLE_LENGTH))
        .addComponents(fields)
        .build();
  }

  /**
   * What one check costs: free without models; else what probing them costs at most (or counts
   * against the rate limits), as the provider declares it.
   */
  static String costOfCheck(BotText text, WatchPlan plan) {
    int models = plan.settings().models().size();
    if (models == 0) {
      return text.say("watch.cost.free");
    }
    ProbeCost cost = plan.provider().probeCost();
    if (cost == null) {
      return text.say("watch.cost.unknown", "models", models);
    }
    String unit = QuotaEmbed.cut(cost.unit(), QuotaEmbed.UNIT_MAX);
    return text.say(
        cost.kind() == ProbeCost.Kind.SPENDS ? "watch.cost.spends" : "watch.cost.counts",
        "total",
        QuotaEmbed.amount(cost.forModels(models)),
        "unit",
        unit,
        "models",
        models,
        "per",
        QuotaEmbed.amount(cost.perModel()));
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    if (!owns(event.getModalId())) {
      return;
    }
    BotText text = BotText.of(event.getUserLocale());
    Replies.guarded(event, text, "/watch form", () -> submitted(event, text));
  }

  private void submitted(ModalInteractionEvent event, BotText text) {
    long ownerId = event.getUser().getIdLong();
    String token = event.getModalId().substring(ID_PREFIX.length());
    Optional<WatchPlan> plan = plans.take(token, ownerId);
    if (plan.isEmpty()) {
      Replies.ephemeral(event, text.say("watch.form_expired"));
      return;
    }
    String key = valueOf(event, KEY_INPUT);
    if (key == null || key.isBlank()) {
      // Discord requires the field; only another client could send the form without it
      Replies.ephemeral(event, QuotaModal.keyMissing(text, plan.get().provider()));
      return;
    }
    String baseUrl =
        plan.get().provider().can(Capability.NEEDS_BASE_URL)
            ? valueOf(event, BASE_URL_INPUT)
            : null;
    Duration wait = cooldown.tryStart(ownerId);
    if (!wait.isZero()) {
      Replies.ephemeral(event, text.cooldown(Cooldown.roundUpSeconds(wait)));
      return;
    }
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    pending.track(delivered);
    event
        .deferReply(true)
        .queue(
            hook -> create(hook, text, ownerId, plan.get(), key, baseUrl, delivered),
            failure -> {
              LOG.warn("The /watch form was not acknowledged ({})", Replies.describe(failure));
              cooldown.release(ownerId);
              delivered.complete(null);
            });
  }

  private void create(
      InteractionHook hook,
      BotText text,
      long ownerId,
      WatchPlan plan,
      String key,
      @Nullable String baseUrl,
      CompletableFuture<Void> delivered) {
    CompletableFuture<WatchCreated> created;
    try {
      created = service.create(Long.toUnsignedString(ownerId), plan, key, baseUrl);
    } catch (RuntimeException failed) {
      created = CompletableFuture.failedFuture(failed);
    }
    created.whenComplete(
        (done, failure) -> {
          try {
            answer(hook, text, done, failure)
                .setAllowedMentions(Replies.NO_MENTIONS)
                .queue(
                    sent -> delivered.complete(null),
                    editFailed -> {
                      LOG.warn(
                          "Could not deliver the /watch answer ({})", Replies.describe(editFailed));
                      delivered.complete(null);
                    });
          } catch (RuntimeException editRefused) {
            LOG.error("Could not send the /watch answer: {}", editRefused.getClass().getName());
            delivered.complete(null);
          }
        });
  }

  private static WebhookMessageEditAction<Message> answer(
      InteractionHook hook,
      BotText text,
      @Nullable WatchCreated created,
      @Nullable Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof InvalidQueryException refused) {
      String words = text.words(refused.text());
      return hook.editOriginal(Replies.refusal(text, words == null ? "" : words));
    }
    if (cause != null || created == null) {
      LOG.error(
          "/watch failed unexpectedly: {}",
          cause == null ? "no watch" : cause.getClass().getName());
      return hook.editOriginal(text.failedUnexpectedly());
    }
    String summary = summary(text, created.watch());
    try {
      MessageEmbed report = QuotaEmbed.render(created.report(), text, false);
      return hook.editOriginal(summary).setEmbeds(report);
    } catch (RuntimeException renderFailed) {
      // the watch exists: saying so matters more than the first check's details
      LOG.error("/watch report failed: {}", renderFailed.getClass().getName());
      return hook.editOriginal(summary);
    }
  }

  /**
   * The watch as made: its fingerprint, provider, levels, interval, next check and expiry, and how
   * to remove it.
   */
  static String summary(BotText text, Watch watch) {
    String unit =
        watch.lastReading() == null
            ? ""
            : QuotaEmbed.plain(watch.lastReading().unit(), QuotaEmbed.UNIT_MAX);
    List<String> levels = new ArrayList<>();
    for (Threshold level : watch.settings().thresholds().levels()) {
      levels.add(
          level.kind() == Threshold.Kind.PERCENT || unit.isEmpty()
              ? level.toString()
              : level + " " + unit);
    }
    return QuotaEmbed.cut(
        text.say(
            "watch.created",
            "key",
            "`" + watch.fingerprint().replace('`', 'ˋ') + "`",
            "levels",
            String.join(", ", levels),
            "minutes",
            watch.settings().interval().toMinutes(),
            "next",
            watch.nextCheckAt().getEpochSecond(),
            "expires",
            watch.expiresAt().getEpochSecond()),
        Message.MAX_CONTENT_LENGTH);
  }

  private static @Nullable String valueOf(ModalInteractionEvent event, String id) {
    ModalMapping mapping = event.getValue(id);
    return mapping == null || mapping.getType() != Component.Type.TEXT_INPUT
        ? null
        : mapping.getAsString();
  }
}
