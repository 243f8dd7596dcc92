package dev.quotabot.discord;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a bundle text's named slots ({@code {seconds}}, {@code {provider}}) in one pass, so a value
 * that itself holds braces (a model name someone typed) is never read as a slot. Not {@link
 * java.text.MessageFormat}: its quoting rules swallow every apostrophe ({@code key's}).
 */
final class Slots {
  /** A slot: a lower_snake name in braces. */
  static final Pattern SLOT = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  private Slots() {}

  /**
   * The template with every slot named in {@code values} replaced by its value; a slot it does not
   * name is left as written (a test finds those: {@code BundlesTest}).
   */
  static String fill(String template, Map<String, String> values) {
    if (values.isEmpty() || template.indexOf('{') < 0) {
      return template;
    }
    Matcher slot = SLOT.matcher(template);
    StringBuilder filled = new StringBuilder(template.length() + 32);
    while (slot.find()) {
      String value = values.get(slot.group(1));
      slot.appendReplacement(
          filled, Matcher.quoteReplacement(value == null ? slot.group() : value));
    }
    slot.appendTail(filled);
    return filled.toString();
  }
}
