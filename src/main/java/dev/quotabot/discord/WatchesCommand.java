package dev.quotabot.discord;

import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.watch.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /watches}: its definition as registered with Discord, and its handler. No options: it
 * answers privately with the user's watches, the alerts kept while their DMs were closed, and the
 * buttons to check, pause or resume, renew and remove each watch ({@link WatchButtonClicks}). Only
 * the user and the locale are read: it may run in a server the bot is not in.
 */
final class WatchesCommand extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WatchesCommand.class);

  static final String NAME = "watches";

  private final WatchesReply reply;

  WatchesCommand(WatchesReply reply) {
    this.reply = reply;
  }

  /**
   * The listeners {@code /watches} needs: the command and its buttons' clicks, sharing one reply.
   *
   * @param providers every provider, for their names
   * @param cooldown the {@code /quota} cooldown, which Check now waits out too
   * @param pending the answers shutdown waits for
   */
  static List<ListenerAdapter> listeners(
      WatchService watches,
      List<ProviderInfo> providers,
      Cooldown cooldown,
      PendingReplies pending) {
    WatchesReply reply = new WatchesReply(watches, new WatchesMessage(providers), pending);
    return List.of(new WatchesCommand(reply), new WatchButtonClicks(reply, cooldown));
  }

  /**
   * The command as Discord lists it: for both install types and every context, as {@code /quota}
   * (the answer is private, so it may run anywhere); its description localized from the bundles.
   */
  static SlashCommandData definition() {
    return SlashCommands.anywhere(NAME, WatchesText.of(BotText.EN).commandDescription())
        .setLocalizationFunction(new CommandLocalization(Map.of()));
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommands.handle(event, NAME, this::list);
  }

  private void list(SlashCommandInteractionEvent event, BotText text) {
    String ownerId = event.getUser().getId();
    CompletableFuture<Void> delivered = reply.track();
    // the list is read only once Discord took the deferral: kept alerts are taken with it
    event
        .deferReply(true)
        .queue(
            hook -> reply.show(hook, ownerId, text, null, delivered),
            failure -> {
              LOG.warn("/watches was not acknowledged ({})", Replies.describe(failure));
              delivered.complete(null);
            });
  }
}
