package dev.quotabot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Tests only: an nginx configuration as nested directives. Written here because no maintained Java
 * library reads nginx's syntax; this reads what nginx's own tokenizer does for the shipped file:
 * words, quoted strings, {@code #} comments, {@code ;} and {@code { }} blocks.
 */
public final class NginxConf {
  private NginxConf() {}

  /** One directive: its name, its arguments (quotes removed) and its block, if it has one. */
  public record Directive(String name, List<String> args, Block block) {
    /** The only argument; fails the test if there are more or none. */
    public String arg() {
      if (args.size() != 1) {
        throw new AssertionError(name + " has arguments " + args);
      }
      return args.get(0);
    }
  }

  /** The directives inside one block (the file itself is the outermost block). */
  public record Block(List<Directive> directives) {
    /** Every directive of that name directly in this block. */
    public List<Directive> all(String name) {
      return directives.stream().filter(directive -> directive.name().equals(name)).toList();
    }

    /** The one directive of that name directly in this block; fails the test otherwise. */
    public Directive one(String name) {
      List<Directive> found = all(name);
      if (found.size() != 1) {
        throw new AssertionError(found.size() + " directives named " + name);
      }
      return found.get(0);
    }

    /** The block of the one directive of that name and these arguments. */
    public Block block(String name, String... args) {
      List<Directive> found =
          all(name).stream().filter(directive -> directive.args().equals(List.of(args))).toList();
      if (found.size() != 1 || found.get(0).block() == null) {
        throw new AssertionError("no single block " + name + " " + List.of(args));
      }
      return found.get(0).block();
    }
  }

  public static Block read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  static Block parse(String text) {
    Deque<List<Directive>> open = new ArrayDeque<>();
    open.push(new ArrayList<>());
    Deque<List<String>> pendingHeads = new ArrayDeque<>();
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == ';') {
        open.peek().add(directive(words, null));
        words = new ArrayList<>();
        i++;
      } else if (c == '{') {
        pendingHeads.push(words);
        open.push(new ArrayList<>());
        words = new ArrayList<>();
        i++;
      } else if (c == '}') {
        if (!words.isEmpty() || pendingHeads.isEmpty()) {
          throw new AssertionError("unbalanced } or a directive without ; before it");
        }
        Block block = new Block(List.copyOf(open.pop()));
        open.peek().add(directive(pendingHeads.pop(), block));
        i++;
      } else if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) {
          throw new AssertionError("unterminated quoted string");
        }
        words.add(text.substring(i + 1, end));
        i = end + 1;
      } else {
        int start = i;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && ";{}".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        words.add(text.substring(start, i));
      }
    }
    if (!words.isEmpty() || !pendingHeads.isEmpty()) {
      throw new AssertionError("the file ends inside a directive or a block");
    }
    return new Block(List.copyOf(open.pop()));
  }

  private static Directive directive(List<String> words, Block block) {
    if (words.isEmpty()) {
      throw new AssertionError("an empty directive");
    }
    return new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), block);
  }
}
