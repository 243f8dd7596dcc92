package dev.quotabot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard ids as an operator writes them ({@code 0-3}, {@code 0,2,5}, {@code 0-1,4}) and as the
 * product shows them back. Written here because JDA takes a list of ids but parses no such text.
 */
public final class ShardIds {
  /**
   * One item of the list: an id or an inclusive range of ids, each below {@link
   * DiscordShards#MAX_TOTAL} (five digits), so no list expands past that many ids.
   */
  private static final Pattern ITEM = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

  private ShardIds() {}

  /**
   * The ids in ascending order.
   *
   * @throws IllegalArgumentException naming what is wrong: bad syntax, a backwards range, an id
   *     given twice
   */
  public static List<Integer> parse(String text) {
    TreeSet<Integer> ids = new TreeSet<>();
    for (String raw : text.split(",", -1)) {
      String item = raw.strip();
      Matcher matcher = ITEM.matcher(item);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "\"" + item + "\" is not a shard id (0 to 99999) or a range such as 0-3");
      }
      int first = Integer.parseInt(matcher.group(1));
      int last = matcher.group(2) == null ? first : Integer.parseInt(matcher.group(2));
      if (last < first) {
        throw new IllegalArgumentException("the range " + item + " ends before it starts");
      }
      for (int id = first; id <= last; id++) {
        if (!ids.add(id)) {
          throw new IllegalArgumentException("shard " + id + " is listed twice");
        }
      }
    }
    return List.copyOf(ids);
  }

  /** Ascending ids written back compactly: {@code [0,1,2,4]} → {@code 0-2,4}. */
  public static String describe(List<Integer> ascending) {
    List<String> items = new ArrayList<>();
    int i = 0;
    while (i < ascending.size()) {
      int first = ascending.get(i);
      int last = first;
      while (i + 1 < ascending.size() && ascending.get(i + 1) == last + 1) {
        last = ascending.get(++i);
      }
      items.add(first == last ? Integer.toString(first) : first + "-" + last);
      i++;
    }
    return String.join(",", items);
  }
}
