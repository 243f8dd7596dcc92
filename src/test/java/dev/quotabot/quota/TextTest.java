package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The texts under test live in src/test/resources/dev/quotabot/quota/sample. */
final class TextTest {
  private static final Locale CHINESE = Locale.forLanguageTag("zh-CN");

  @Test
  void fillsNamedSlotsInEnglish() {
    Text text = Text.of("sample.unresolved", "host", "api.example", "upstream", "Example");

    assertEquals("The host name api.example of Example could not be resolved.", text.english());
  }

  @Test
  void wordsTheSameTextInTheReadersLanguage() {
    Text text = Text.of("sample.unresolved", "host", "api.example", "upstream", "Example");

    assertEquals("无法解析 Example 的主机名 api.example。", text.in(CHINESE));
  }

  @Test
  void fallsBackToEnglishForATextTheLanguageLacks() {
    assertEquals("Only in English.", Text.of("sample.only_english").in(CHINESE));
  }

  @Test
  void neverFallsBackToTheMachinesDefaultLanguage() {
    Locale before = Locale.getDefault();
    Locale.setDefault(CHINESE);
    try {
      assertEquals("Within 5 ms.", Text.of("sample.within", "ms", 5).in(Locale.FRENCH));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void wordsANestedTextInTheSameLanguage() {
    Text text = Text.of("sample.nested", "why", Text.of("sample.within", "ms", 300));

    assertEquals("失败：300 毫秒内。", text.in(CHINESE));
  }

  @Test
  void showsDecimalsWithoutExponent() {
    assertEquals(
        "Within 0.0000001 ms.", Text.of("sample.within", "ms", new BigDecimal("1E-7")).english());
  }

  @Test
  void showsUpstreamWordsAsTheyAreInEveryLanguage() {
    Text words = Text.upstream("Invalid token {x}");

    assertEquals("Invalid token {x}", words.in(CHINESE));
  }

  @Test
  void joinsSentencesWithASpaceInEnglishAndNoneInChinese() {
    Text two = Text.of("sample.within", "ms", 1).then(Text.of("sample.within", "ms", 2));

    assertEquals("Within 1 ms. Within 2 ms.", two.english());
    assertEquals("1 毫秒内。2 毫秒内。", two.in(CHINESE));
  }

  @Test
  void joiningFlattensSoEqualSentencesAreEqualTexts() {
    Text a = Text.of("sample.within", "ms", 1);
    Text b = Text.of("sample.within", "ms", 2);
    Text c = Text.of("sample.within", "ms", 3);

    assertEquals(a.then(b.then(c)), a.then(b).then(c));
  }

  @Test
  void leavesASlotWithoutAValueAsItIs() {
    assertEquals(
        "The host name {host} of Example could not be resolved.",
        Text.of("sample.unresolved", "upstream", "Example").english());
  }

  @Test
  void refusesAValueItCannotShow() {
    assertThrows(IllegalArgumentException.class, () -> Text.of("sample.within", "ms", List.of()));
  }

  @Test
  void namesTheSlotsOfAPattern() {
    assertEquals(
        List.of("host", "upstream"), Text.slots("{host} of {upstream}, {host}").subList(0, 2));
  }
}
