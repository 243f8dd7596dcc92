package dev.quotabot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Text;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resource bundle family under {@code src/main/resources} (a root {@code name.properties},
 * English, and its {@code name_zh_CN}, {@code name_zh_TW}, {@code name_ja}, {@code name_ko}) is
 * complete: each language has every key English has, no key English lacks, and the same named slots
 * ({@code {seconds}}) in each text; every file is valid UTF-8 (else Java would read it as
 * ISO-8859-1). The bot's and the core's bundles alike.
 */
final class BundlesTest {
  private static final Path RESOURCES = Path.of("src", "main", "resources");

  /** The languages every family must have, besides English. */
  private static final List<String> LOCALES = List.of("zh_CN", "zh_TW", "ja", "ko");

  private static final Pattern LOCALE_SUFFIX =
      Pattern.compile("(.+)_(" + String.join("|", LOCALES) + "|[a-z]{2}(?:_[A-Z]{2})?)");
  private static final Pattern SLOT = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  @Test
  void everyBundleHasEveryLanguageWithTheSameKeysAndSlots() {
    // GIVEN every bundle family the product ships
    Map<Path, Map<String, Properties>> families = families(RESOURCES);

    // THEN there is at least the bot's, and none lacks a language, a key or a slot
    assertTrue(
        families.keySet().stream().anyMatch(root -> root.endsWith(Path.of("discord", "bot"))),
        families.keySet().toString());
    assertEquals(List.of(), problems(families));
  }

  @Test
  void noTranslationHoldsAnEnglishPhrase() {
    // GIVEN every translation the product ships
    Map<Path, Map<String, Properties>> families = families(RESOURCES);

    // THEN none of them left three English words in a row, once what is never translated is
    // taken out: slots, links, code, settings and paths, and the product names kept as they are
    List<String> english = new ArrayList<>();
    families.forEach(
        (root, languages) ->
            languages.forEach(
                (language, texts) -> {
                  if (language.isEmpty() || texts == null) {
                    return;
                  }
                  for (String key : texts.stringPropertyNames()) {
                    Matcher phrase = ENGLISH_PHRASE.matcher(untranslatable(texts.getProperty(key)));
                    if (phrase.find()) {
                      english.add(
                          root.getFileName() + "_" + language + " " + key + ": " + phrase.group());
                    }
                  }
                }));
    assertEquals(List.of(), english);
  }

  @Test
  void anEnglishPhraseLeftInATranslationIsFound() {
    assertTrue(ENGLISH_PHRASE.matcher(untranslatable("余额 could not be read")).find());
    assertFalse(ENGLISH_PHRASE.matcher(untranslatable("无法连接 {upstream}（HTTP {status}）")).find());
  }

  /** A text without what stays as it is in every language. */
  private static String untranslatable(String text) {
    String left = SLOT.matcher(text).replaceAll(" ");
    left = left.replaceAll("https?://\\S+|`[^`]*`|\\S*[._/<>:]\\S*", " ");
    for (String name : PRODUCT_NAMES) {
      left = left.replace(name, " ");
    }
    return left;
  }

  /** Three Latin words in a row. */
  private static final Pattern ENGLISH_PHRASE =
      Pattern.compile("[A-Za-z']+(?:[ ,]+[A-Za-z']+){2,}");

  /** Names that are the same in every language. */
  private static final List<String> PRODUCT_NAMES = List.of("GLM Coding Plan");

  @Test
  void findsAMissingLanguageAMissingKeyAnExtraKeyAndADifferentSlot(@TempDir Path resources)
      throws IOException {
    // GIVEN a family whose Japanese lacks a key, has one English lacks, and drops a slot, and
    // which has no Korean
    Path dir = Files.createDirectories(resources.resolve("x"));
    Files.writeString(dir.resolve("texts.properties"), "a=Hello {name}\nb=Bye\n");
    Files.writeString(dir.resolve("texts_zh_CN.properties"), "a=你好 {name}\nb=再见\n");
    Files.writeString(dir.resolve("texts_zh_TW.properties"), "a=你好 {name}\nb=再見\n");
    Files.writeString(dir.resolve("texts_ja.properties"), "a=こんにちは\nc=余計\n");

    // WHEN it is checked
    List<String> problems = problems(families(resources));

    // THEN each is named
    String all = String.join("\n", problems);
    assertEquals(4, problems.size(), all);
    assertTrue(all.contains("texts_ko.properties is missing"), all);
    assertTrue(all.contains("texts_ja.properties lacks b"), all);
    assertTrue(all.contains("texts_ja.properties has c, which English lacks"), all);
    assertTrue(all.contains("texts_ja.properties: a has slots [] where English has [name]"), all);
  }

  @Test
  void findsALanguageWithoutEnglishAndAFileThatIsNotUtf8(@TempDir Path resources)
      throws IOException {
    Files.writeString(resources.resolve("lonely_ja.properties"), "a=一人\n");
    Files.write(resources.resolve("latin.properties"), new byte[] {'a', '=', (byte) 0xE9});

    List<String> problems = problems(families(resources));

    String all = String.join("\n", problems);
    assertTrue(all.contains("lonely_ja.properties has no English root"), all);
    assertTrue(all.contains("latin.properties is not UTF-8"), all);
    assertFalse(problems.isEmpty());
  }

  /**
   * The families under a folder: each root's path without {@code .properties}, and its files by
   * language ({@code ""} for English, the root).
   */
  private static Map<Path, Map<String, Properties>> families(Path resources) {
    Map<Path, Map<String, Properties>> families = new TreeMap<>();
    try (Stream<Path> files = Files.walk(resources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - ".properties".length());
        Matcher localized = LOCALE_SUFFIX.matcher(stem);
        boolean isLocale = localized.matches();
        Path root = file.resolveSibling(isLocale ? localized.group(1) : stem);
        families
            .computeIfAbsent(root, r -> new TreeMap<>())
            .put(isLocale ? localized.group(2) : "", read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return families;
  }

  /** A file's texts; null when it is not valid UTF-8. */
  private static Properties read(Path file) throws IOException {
    Properties texts = new Properties();
    try {
      String content =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
      texts.load(new StringReader(content));
    } catch (CharacterCodingException notUtf8) {
      texts.setProperty(NOT_UTF8, "");
    }
    return texts;
  }

  /** Marks a file that could not be decoded (no real key holds a space). */
  private static final String NOT_UTF8 = "not utf-8";

  private static List<String> problems(Map<Path, Map<String, Properties>> families) {
    List<String> problems = new ArrayList<>();
    families.forEach(
        (root, languages) -> {
          Properties english = languages.get("");
          String base = root.getFileName().toString();
          languages.forEach(
              (locale, texts) -> {
                if (texts.containsKey(NOT_UTF8)) {
                  problems.add(fileName(base, locale) + " is not UTF-8");
                }
              });
          if (english == null) {
            languages
                .keySet()
                .forEach(l -> problems.add(fileName(base, l) + " has no English root"));
            return;
          }
          Set<String> locales = new TreeSet<>(LOCALES);
          locales.addAll(languages.keySet());
          locales.remove("");
          for (String locale : locales) {
            Properties texts = languages.get(locale);
            if (texts == null) {
              problems.add(root.resolveSibling(fileName(base, locale)) + " is missing");
              continue;
            }
            compare(fileName(base, locale), english, texts, problems);
          }
        });
    return problems;
  }

  private static void compare(
      String file, Properties english, Properties texts, List<String> problems) {
    Set<String> keys = new TreeSet<>(english.stringPropertyNames());
    keys.remove(NOT_UTF8);
    for (String key : keys) {
      if (!texts.containsKey(key)) {
        problems.add(file + " lacks " + key);
      } else if (!slots(english.getProperty(key)).equals(slots(texts.getProperty(key)))) {
        problems.add(
            file
                + ": "
                + key
                + " has slots "
                + slots(texts.getProperty(key))
                + " where English has "
                + slots(english.getProperty(key)));
      }
    }
    for (String key : new TreeSet<>(texts.stringPropertyNames())) {
      if (!keys.contains(key) && !NOT_UTF8.equals(key)) {
        problems.add(file + " has " + key + ", which English lacks");
      }
    }
  }

  /** The slots a text names, each once: what a translation must keep, in any order. */
  private static Set<String> slots(String text) {
    return new TreeSet<>(Text.slots(text));
  }

  private static String fileName(String base, String locale) {
    return base + (locale.isEmpty() ? "" : "_" + locale) + ".properties";
  }
}
