package dev.quotabot.quota;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A sentence for a person, kept as a code and its named values, so that each door words it in its
 * reader's language ({@link #in(Locale)}); the JSON API's {@code error} and {@code note} fields are
 * its English wording ({@link #english()}), as they always were.
 *
 * <p>A code is {@code <area>.<name>}. The area names the package whose bundle words it: {@code
 * quota} is this package's {@code texts.properties}, any other area the sub-package of that name
 * ({@code net.unresolved_host} is in {@code dev/quotabot/quota/net/texts.properties}), with one
 * file per language beside it ({@code texts_zh_CN.properties}…). English is the root file: a
 * language that lacks a text falls back to it, never to the machine's default language.
 *
 * <p>A value is a {@link String} (shown as it is: a name, a model id, an upstream's words), a
 * {@link Number} (digits, no grouping), or another {@code Text} (worded in the same language).
 *
 * @param code the text's code; {@code ""} for {@linkplain #upstream words not ours}, {@code "+"}
 *     for sentences that follow each other
 * @param values the values its slots name, in order
 */
public record Text(String code, Map<String, Object> values) {
  private static final String UPSTREAM = "";
  private static final String SENTENCES = "+";
  private static final String WORDS = "words";
  private static final String PARTS = "parts";
  private static final String ROOT_AREA = "quota";
  private static final Pattern SLOT = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
  private static final ResourceBundle.Control ENGLISH_WHEN_MISSING =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  public Text {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * A text of this package or a sub-package.
   *
   * @param namesAndValues each slot's name followed by its value
   * @throws IllegalArgumentException for a value that is neither a string, a number nor a text, or
   *     an odd number of arguments (a programming error)
   */
  public static Text of(String code, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Text " + code + ": a value without a name");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (!(value instanceof String || value instanceof Number || value instanceof Text)) {
        throw new IllegalArgumentException("Text " + code + ": cannot show " + value);
      }
      values.put((String) namesAndValues[i], value);
    }
    return new Text(code, values);
  }

  /**
   * Words that are not ours (an upstream's own message, an operator's setting): shown as they are,
   * in every language.
   */
  public static Text upstream(String words) {
    return new Text(UPSTREAM, Map.of(WORDS, words));
  }

  /** This text followed by {@code next}, as two sentences. */
  public Text then(Text next) {
    List<Text> parts = new ArrayList<>();
    addParts(this, parts);
    addParts(next, parts);
    return new Text(SENTENCES, Map.of(PARTS, List.copyOf(parts)));
  }

  /** {@code first} followed by {@code next}; {@code next} alone when there is no first. */
  public static Text then(@Nullable Text first, Text next) {
    return first == null ? next : first.then(next);
  }

  private static void addParts(Text text, List<Text> parts) {
    if (SENTENCES.equals(text.code)) {
      for (Object part : (List<?>) text.values.get(PARTS)) {
        parts.add((Text) part);
      }
    } else {
      parts.add(text);
    }
  }

  /** The text in English: what the JSON API shows. */
  public String english() {
    return in(Locale.ROOT);
  }

  /** The text in {@code locale}'s language, or in English where that language lacks it. */
  public String in(Locale locale) {
    if (UPSTREAM.equals(code)) {
      return (String) values.get(WORDS);
    }
    if (SENTENCES.equals(code)) {
      StringBuilder joined = new StringBuilder();
      for (Object part : (List<?>) values.get(PARTS)) {
        if (joined.length() > 0) {
          joined.append(sentenceGap(locale));
        }
        joined.append(((Text) part).in(locale));
      }
      return joined.toString();
    }
    return fill(pattern(locale), slot -> show(values.get(slot), locale));
  }

  /**
   * Fills each {@code {name}} of {@code pattern} with {@code valueOf(name)}; a slot whose value is
   * null stays as it is. Written here rather than with {@link java.text.MessageFormat}, whose quote
   * rules would turn every apostrophe of an English text into a trap for translators.
   */
  public static String fill(String pattern, Function<String, @Nullable String> valueOf) {
    Matcher slot = SLOT.matcher(pattern);
    StringBuilder filled = new StringBuilder();
    while (slot.find()) {
      String value = valueOf.apply(slot.group(1));
      slot.appendReplacement(
          filled, Matcher.quoteReplacement(value == null ? slot.group() : value));
    }
    slot.appendTail(filled);
    return filled.toString();
  }

  /** The names of the slots {@code pattern} has, in order of appearance. */
  public static List<String> slots(String pattern) {
    List<String> names = new ArrayList<>();
    Matcher slot = SLOT.matcher(pattern);
    while (slot.find()) {
      names.add(slot.group(1));
    }
    return names;
  }

  /**
   * Loads {@code baseName}'s bundle for {@code locale}: English (the root file) where the language
   * has none, never the machine's default language.
   */
  public static ResourceBundle bundle(String baseName, Locale locale) {
    return ResourceBundle.getBundle(baseName, locale, ENGLISH_WHEN_MISSING);
  }

  /** Chinese and Japanese sentences follow each other without a space. */
  private static String sentenceGap(Locale locale) {
    String language = locale.getLanguage();
    return language.equals("zh") || language.equals("ja") ? "" : " ";
  }

  private @Nullable String show(@Nullable Object value, Locale locale) {
    if (value == null) {
      return null;
    }
    if (value instanceof Text text) {
      return text.in(locale);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  private String pattern(Locale locale) {
    try {
      return bundle(baseName(code), locale).getString(code);
    } catch (MissingResourceException missing) {
      // a code without a text is a programming error that TextCodesTest catches; show what is known
      return code + " " + values;
    }
  }

  /** {@code net.unresolved_host} → {@code dev.quotabot.quota.net.texts}. */
  static String baseName(String code) {
    int dot = code.indexOf('.');
    String area = dot < 0 ? ROOT_AREA : code.substring(0, dot);
    return ROOT_AREA.equals(area)
        ? "dev.quotabot.quota.texts"
        : "dev.quotabot.quota." + area + ".texts";
  }

  /** The English wording. */
  @Override
  public String toString() {
    return english();
  }
}
