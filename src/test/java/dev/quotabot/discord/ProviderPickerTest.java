package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.support.LogCapture;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.SelectMenu;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import org.junit.jupiter.api.Test;

final class ProviderPickerTest {
  private static final List<ProviderInfo> SIX = providers(6);
  private static final List<ProviderInfo> TWENTY_SEVEN = providers(27);

  @Test
  void listsDetectThenEveryProviderInOneOptionalSelectWhileTheyFit() {
    // GIVEN six providers, the default first, and none chosen
    ProviderPicker picker = new ProviderPicker(SIX);

    // WHEN the select is built
    List<Label> labels = picker.labels(BotText.EN, null);

    // THEN one select holds "Detect from the key" (pre-selected) and every provider, in order
    assertEquals(1, labels.size());
    StringSelectMenu select = labels.get(0).getChild().asStringSelectMenu();
    assertEquals(ProviderPicker.SELECT, select.getCustomId());
    assertEquals(0, select.getMinValues());
    assertEquals(1, select.getMaxValues());
    assertFalse(select.isRequired());
    List<String> values = select.getOptions().stream().map(SelectOption::getValue).toList();
    assertEquals(List.of(":detect", "p0", "p1", "p2", "p3", "p4", "p5"), values);
    assertEquals("Detect from the key", select.getOptions().get(0).getLabel());
    assertEquals(List.of(ProviderPicker.DETECT), defaults(labels));
    assertEquals("Provider", labels.get(0).getLabel());
  }

  @Test
  void splitsTwentySevenProvidersIntoASecondSelectWithTheChosenOnePreselected() {
    // GIVEN 27 providers (28 options with "Detect from the key"), and the last one chosen
    ProviderPicker picker = new ProviderPicker(TWENTY_SEVEN);

    // WHEN the selects are built
    List<Label> labels = picker.labels(BotText.ZH, TWENTY_SEVEN.get(26));

    // THEN the first holds 25 options, "More providers" the other 3, the chosen one pre-selected
    assertEquals(2, picker.selects());
    assertEquals(2, labels.size());
    StringSelectMenu first = labels.get(0).getChild().asStringSelectMenu();
    StringSelectMenu more = labels.get(1).getChild().asStringSelectMenu();
    assertEquals(SelectMenu.OPTIONS_MAX_AMOUNT, first.getOptions().size());
    assertEquals(ProviderPicker.MORE_SELECT, more.getCustomId());
    assertEquals(
        List.of("p24", "p25", "p26"),
        more.getOptions().stream().map(SelectOption::getValue).toList());
    assertEquals("更多服务商", labels.get(1).getLabel());
    assertFalse(more.isRequired());
    assertEquals(0, more.getMinValues());
    assertEquals(List.of("p26"), defaults(labels));
  }

  @Test
  void listsAtMostFortyNineProvidersAndLogsTheCapOnceWhenBuilt() {
    // GIVEN 60 providers: more than two selects hold beside "Detect from the key"
    List<ProviderInfo> sixty = providers(60);
    ProviderPicker picker;
    List<String> lines;
    try (LogCapture logs = LogCapture.open()) {
      // WHEN the picker is built (once, when the bot starts) and its selects shown twice
      picker = new ProviderPicker(sixty);
      picker.labels(BotText.EN, null);
      picker.labels(BotText.EN, sixty.get(0));
      lines =
          logs.lines().stream()
              .filter(line -> line.startsWith(ProviderPicker.class.getName()))
              .toList();
    }

    // THEN the form lists the first 49, 50 options in all, and the cap was logged once
    assertEquals(49, ProviderPicker.PROVIDERS_MAX);
    assertEquals(sixty.subList(0, 49), picker.listed());
    List<Label> labels = picker.labels(BotText.EN, null);
    int options =
        labels.stream()
            .mapToInt(label -> label.getChild().asStringSelectMenu().getOptions().size())
            .sum();
    assertEquals(50, options);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("49 of the 60 providers"), lines.get(0));
  }

  @Test
  void takesTheOneValueSelected() {
    ProviderPicker picker = new ProviderPicker(TWENTY_SEVEN);

    assertEquals(TWENTY_SEVEN.get(3), picked(picker.resolve(null, List.of("p3"), List.of())));
    assertEquals(TWENTY_SEVEN.get(25), picked(picker.resolve("p0", List.of(), List.of("p25"))));
    assertNull(picked(picker.resolve("p0", List.of(":detect"), List.of())));
  }

  @Test
  void takesOfTwoValuesTheOneThatDiffersFromThePreselected() {
    ProviderPicker picker = new ProviderPicker(TWENTY_SEVEN);

    // the pre-selection still stands in the first select; the second was picked
    assertEquals(
        TWENTY_SEVEN.get(25), picked(picker.resolve(null, List.of(":detect"), List.of("p25"))));
    // the pre-selection still stands in the second select; the first was changed
    assertEquals(TWENTY_SEVEN.get(2), picked(picker.resolve("p26", List.of("p2"), List.of("p26"))));
  }

  @Test
  void keepsThePreselectedWhenNothingIsSelected() {
    ProviderPicker picker = new ProviderPicker(SIX);

    assertEquals(SIX.get(4), picked(picker.resolve("p4", List.of(), List.of())));
    assertNull(picked(picker.resolve(null, List.of(), List.of())));
  }

  @Test
  void refusesToGuessBetweenTwoChangedSelects() {
    ProviderPicker picker = new ProviderPicker(TWENTY_SEVEN);

    ProviderPicker.Ambiguous both =
        assertInstanceOf(
            ProviderPicker.Ambiguous.class,
            picker.resolve("p0", List.of(":detect"), List.of("p25")));

    assertNull(both.first());
    assertEquals(TWENTY_SEVEN.get(25), both.second());
  }

  @Test
  void callsAValueNamingNoKnownProviderOutOfDate() {
    ProviderPicker picker = new ProviderPicker(SIX);

    assertInstanceOf(
        ProviderPicker.Unknown.class, picker.resolve(null, List.of("gone"), List.of()));
    assertInstanceOf(ProviderPicker.Unknown.class, picker.resolve(null, List.of(""), List.of()));
    assertInstanceOf(ProviderPicker.Unknown.class, picker.resolve(null, List.of("P1"), List.of()));
    assertInstanceOf(ProviderPicker.Unknown.class, picker.resolve("gone", List.of(), List.of()));
    assertInstanceOf(
        ProviderPicker.Unknown.class, picker.resolve(null, List.of("p1", "p2"), List.of()));
  }

  private static ProviderInfo picked(ProviderPicker.Choice choice) {
    return assertInstanceOf(ProviderPicker.Picked.class, choice).provider();
  }

  private static List<String> defaults(List<Label> labels) {
    return labels.stream()
        .flatMap(label -> label.getChild().asStringSelectMenu().getOptions().stream())
        .filter(SelectOption::isDefault)
        .map(SelectOption::getValue)
        .toList();
  }

  /** {@code count} providers {@code p0}, {@code p1}…, reading balances only. */
  static List<ProviderInfo> providers(int count) {
    List<ProviderInfo> providers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      providers.add(
          new ProviderInfo(
              "p" + i,
              "Provider " + i,
              EnumSet.of(Capability.BALANCES),
              null,
              List.of(),
              "p" + i + "-…"));
    }
    return providers;
  }
}
