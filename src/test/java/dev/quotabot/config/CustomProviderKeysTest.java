package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.custom.CustomAuth;
import dev.quotabot.quota.custom.CustomProviderSpec;
import dev.quotabot.quota.custom.JsonPointer;
import dev.quotabot.support.LogCapture;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code provider.custom.<id>.*} read at start-up through {@link ConfigLoader}: the file form, the
 * environment form, the defaults, and one line naming the key for each mistake.
 */
final class CustomProviderKeysTest {
  private static final String PASTED_KEY = "sk-PASTEDKEY-1234567890abcdef";

  /** A whole, valid provider {@code acme}. */
  private static Map<String, String> acme() {
    Map<String, String> file = new HashMap<>();
    file.put("provider.custom.acme.name", "Acme AI");
    file.put("provider.custom.acme.base_url", "https://api.acme.example/");
    file.put("provider.custom.acme.path", "/v1/credits");
    file.put("provider.custom.acme.auth", "header:X-Api-Key");
    file.put("provider.custom.acme.unit", "credits");
    file.put("provider.custom.acme.available", "/data/remaining");
    file.put("provider.custom.acme.total", "/data/granted");
    file.put("provider.custom.acme.used", "/data/used");
    file.put("provider.custom.acme.error", "/error/message");
    return file;
  }

  private static Map<String, String> acmeWith(String key, String value) {
    Map<String, String> file = acme();
    file.put(key, value);
    return file;
  }

  private static Map<String, String> acmeWithout(String key) {
    Map<String, String> file = acme();
    file.remove(key);
    return file;
  }

  private static List<CustomProviderSpec> custom(
      Map<String, String> file, Map<String, String> env) {
    return ConfigLoader.fromMaps(file, "bot.properties", env).providers().custom();
  }

  @Test
  void readsEveryKeyOfAProviderFromTheFile() {
    // GIVEN a provider with every key set
    // WHEN loaded
    List<CustomProviderSpec> custom = custom(acme(), Map.of());

    // THEN one spec, the path appended to the base without a double slash
    assertEquals(
        List.of(
            new CustomProviderSpec(
                "acme",
                "Acme AI",
                URI.create("https://api.acme.example/v1/credits"),
                new CustomAuth("X-Api-Key", false),
                "credits",
                JsonPointer.parse("/data/remaining"),
                JsonPointer.parse("/data/granted"),
                JsonPointer.parse("/data/used"),
                JsonPointer.parse("/error/message"))),
        custom);
  }

  @Test
  void onlyNameBaseUrlUnitAndAvailableAreRequired() {
    // GIVEN a provider with the required keys only (and an empty optional one)
    Map<String, String> file =
        Map.of(
            "provider.custom.relay2.name", "Relay Two",
            "provider.custom.relay2.base_url", "https://relay2.example/api/balance",
            "provider.custom.relay2.unit", "USD",
            "provider.custom.relay2.available", "/balance",
            "provider.custom.relay2.total", "");

    // WHEN loaded
    CustomProviderSpec spec = custom(file, Map.of()).get(0);

    // THEN the base_url is asked as it is, with the key as a Bearer token; nothing else is read
    assertEquals(URI.create("https://relay2.example/api/balance"), spec.url());
    assertEquals(CustomAuth.BEARER, spec.auth());
    assertNull(spec.total());
    assertNull(spec.used());
    assertNull(spec.error());
  }

  @Test
  void theEnvironmentFormDefinesAProvider() {
    // GIVEN a provider given only in the environment
    Map<String, String> env =
        Map.of(
            "QUOTABOT_PROVIDER_CUSTOM_ACME2_NAME", "Acme Two",
            "QUOTABOT_PROVIDER_CUSTOM_ACME2_BASE_URL", "https://two.example",
            "QUOTABOT_PROVIDER_CUSTOM_ACME2_PATH", "/balance",
            "QUOTABOT_PROVIDER_CUSTOM_ACME2_AUTH", "raw",
            "QUOTABOT_PROVIDER_CUSTOM_ACME2_UNIT", "CNY",
            "QUOTABOT_PROVIDER_CUSTOM_ACME2_AVAILABLE", "/data/0/left");

    // WHEN loaded
    CustomProviderSpec spec = custom(Map.of(), env).get(0);

    // THEN its id is the variable's id in lower case, and every key was read
    assertEquals("acme2", spec.id());
    assertEquals("Acme Two", spec.name());
    assertEquals(URI.create("https://two.example/balance"), spec.url());
    assertEquals(CustomAuth.RAW, spec.auth());
    assertEquals("CNY", spec.unit());
    assertEquals(JsonPointer.parse("/data/0/left"), spec.available());
  }

  @Test
  void theEnvironmentOverridesTheFileKeyByKey() {
    // GIVEN the file's acme, and its base_url and unit set again in the environment
    Map<String, String> env =
        Map.of(
            "QUOTABOT_PROVIDER_CUSTOM_ACME_BASE_URL", "https://other.example",
            "QUOTABOT_PROVIDER_CUSTOM_ACME_UNIT", "USD");

    // WHEN loaded
    CustomProviderSpec spec = custom(acme(), env).get(0);

    // THEN the environment's values win, the file's others stay
    assertEquals(URI.create("https://other.example/v1/credits"), spec.url());
    assertEquals("USD", spec.unit());
    assertEquals("Acme AI", spec.name());
  }

  @Test
  void providersComeInTheOrderOfTheirIds() {
    // GIVEN zeta in the file and alpha in the environment
    Map<String, String> file = new HashMap<>();
    acme()
        .forEach(
            (key, value) ->
                file.put(key.replace("provider.custom.acme.", "provider.custom.zeta."), value));
    Map<String, String> env =
        Map.of(
            "QUOTABOT_PROVIDER_CUSTOM_ALPHA_NAME", "Alpha",
            "QUOTABOT_PROVIDER_CUSTOM_ALPHA_BASE_URL", "https://alpha.example",
            "QUOTABOT_PROVIDER_CUSTOM_ALPHA_UNIT", "USD",
            "QUOTABOT_PROVIDER_CUSTOM_ALPHA_AVAILABLE", "/left");

    // WHEN loaded
    // THEN alpha, then zeta
    assertEquals(
        List.of("alpha", "zeta"), custom(file, env).stream().map(CustomProviderSpec::id).toList());
  }

  @Test
  void noCustomKeyIsDefinedByDefault() {
    assertEquals(List.of(), custom(Map.of(), Map.of()));
  }

  @Test
  void customKeysAreNotReportedAsUnknown() {
    // GIVEN a file with a custom provider and one misspelt key
    Map<String, String> file = acmeWith("web.prot", "1");

    // WHEN loaded
    String logged;
    try (LogCapture logs = LogCapture.open()) {
      custom(file, Map.of());
      logged = logs.text();
    }

    // THEN only the misspelt key is reported
    assertTrue(logged.contains("[web.prot]"), logged);
    assertFalse(logged.contains("provider.custom"), logged);
  }

  /** A mistake, the key its line must name, and words of the rule it must state. */
  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "an id in capitals",
            Map.of("provider.custom.Acme.name", "Acme"),
            Map.of(),
            "provider.custom.Acme.name",
            "lower-case letters and digits"),
        Arguments.of(
            "an id with an underscore",
            Map.of("provider.custom.my_relay.name", "Mine"),
            Map.of(),
            "provider.custom.my_relay.name",
            "lower-case letters and digits"),
        Arguments.of(
            "no key after the id",
            Map.of("provider.custom.acme", "x"),
            Map.of(),
            "provider.custom.acme",
            "provider.custom.<id>.<key>"),
        Arguments.of(
            "an unknown key",
            acmeWith("provider.custom.acme.currency", "USD"),
            Map.of(),
            "provider.custom.acme.currency",
            "unknown key"),
        Arguments.of(
            "no name",
            acmeWithout("provider.custom.acme.name"),
            Map.of(),
            "provider.custom.acme.name",
            "is missing"),
        Arguments.of(
            "no base_url",
            acmeWithout("provider.custom.acme.base_url"),
            Map.of(),
            "provider.custom.acme.base_url",
            "is missing"),
        Arguments.of(
            "no unit",
            acmeWithout("provider.custom.acme.unit"),
            Map.of(),
            "provider.custom.acme.unit",
            "is missing"),
        Arguments.of(
            "no available pointer",
            acmeWithout("provider.custom.acme.available"),
            Map.of(),
            "provider.custom.acme.available",
            "is missing"),
        Arguments.of(
            "a base_url that is not http",
            acmeWith("provider.custom.acme.base_url", "ftp://api.acme.example"),
            Map.of(),
            "provider.custom.acme.base_url",
            "http:// or https://"),
        Arguments.of(
            "a base_url with a query",
            acmeWith("provider.custom.acme.base_url", "https://api.acme.example?x=1"),
            Map.of(),
            "provider.custom.acme.base_url",
            "no user, query or fragment"),
        Arguments.of(
            "a path without its slash",
            acmeWith("provider.custom.acme.path", "v1/credits"),
            Map.of(),
            "provider.custom.acme.path",
            "must start with /"),
        Arguments.of(
            "a path with a space",
            acmeWith("provider.custom.acme.path", "/v1/my credits"),
            Map.of(),
            "provider.custom.acme.path",
            "no spaces"),
        Arguments.of(
            "an unknown auth",
            acmeWith("provider.custom.acme.auth", "basic"),
            Map.of(),
            "provider.custom.acme.auth",
            "bearer, raw or header:<Name>"),
        Arguments.of(
            "a header auth without a name",
            acmeWith("provider.custom.acme.auth", "header:"),
            Map.of(),
            "provider.custom.acme.auth",
            "must name a header"),
        Arguments.of(
            "a header name with a space",
            acmeWith("provider.custom.acme.auth", "header:X Api Key"),
            Map.of(),
            "provider.custom.acme.auth",
            "must name a header"),
        Arguments.of(
            "a pointer without its slash",
            acmeWith("provider.custom.acme.available", "data.remaining"),
            Map.of(),
            "provider.custom.acme.available",
            "must start with /"),
        Arguments.of(
            "a pointer with a bad escape",
            acmeWith("provider.custom.acme.total", "/data/a~2b"),
            Map.of(),
            "provider.custom.acme.total",
            "not followed by 0 or 1"),
        Arguments.of(
            "a bad error pointer",
            acmeWith("provider.custom.acme.error", "error"),
            Map.of(),
            "provider.custom.acme.error",
            "RFC 6901"),
        Arguments.of(
            "a name with a line break",
            acmeWith("provider.custom.acme.name", "Acme\nAI"),
            Map.of(),
            "provider.custom.acme.name",
            "control characters"),
        Arguments.of(
            "a built-in provider's id",
            Map.of(
                "provider.custom.deepseek.name", "Mine",
                "provider.custom.deepseek.base_url", "https://x.example",
                "provider.custom.deepseek.unit", "USD",
                "provider.custom.deepseek.available", "/x"),
            Map.of(),
            "provider.custom.deepseek.name",
            "built-in"),
        Arguments.of(
            "ModelScope's id",
            Map.of("provider.custom.modelscope.name", "Mine"),
            Map.of(),
            "provider.custom.modelscope.name",
            "built-in"),
        Arguments.of(
            "the relay's id",
            Map.of("provider.custom.newapi.name", "Mine"),
            Map.of(),
            "provider.custom.newapi.name",
            "built-in"),
        Arguments.of(
            "a variable with its id in lower case",
            Map.of(),
            Map.of("QUOTABOT_PROVIDER_CUSTOM_acme_NAME", "Acme"),
            "QUOTABOT_PROVIDER_CUSTOM_acme_NAME",
            "capital letters and digits"),
        Arguments.of(
            "a variable with an unknown key",
            acme(),
            Map.of("QUOTABOT_PROVIDER_CUSTOM_ACME_CURRENCY", "USD"),
            "QUOTABOT_PROVIDER_CUSTOM_ACME_CURRENCY",
            "unknown key"),
        Arguments.of(
            "a bad value from the environment",
            acme(),
            Map.of("QUOTABOT_PROVIDER_CUSTOM_ACME_PATH", "credits"),
            "provider.custom.acme.path",
            "environment QUOTABOT_PROVIDER_CUSTOM_ACME_PATH"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeStopsStartUpWithOneLineNamingTheKey(
      String mistake, Map<String, String> file, Map<String, String> env, String key, String rule) {
    // GIVEN the mistake
    // WHEN loaded
    ConfigException invalid = assertThrows(ConfigException.class, () -> custom(file, env), mistake);

    // THEN one line names the key and the rule
    String message = invalid.getMessage();
    assertTrue(message.startsWith("Invalid configuration: "), message);
    assertTrue(message.contains(key), message);
    assertTrue(message.contains(rule), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void aKeyPastedAsTheAuthIsNotRepeated() {
    // GIVEN the API key itself pasted where the auth form goes
    Map<String, String> file = acmeWith("provider.custom.acme.auth", PASTED_KEY);

    // WHEN loaded
    ConfigException invalid = assertThrows(ConfigException.class, () -> custom(file, Map.of()));

    // THEN the line names the key and the forms, never the value
    assertTrue(invalid.getMessage().contains("provider.custom.acme.auth"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("PASTEDKEY"), invalid.getMessage());
  }

  @Test
  void aKeyPastedAsAPointerIsNotRepeated() {
    // GIVEN the API key pasted where a pointer goes
    Map<String, String> file = acmeWith("provider.custom.acme.used", PASTED_KEY);

    // WHEN loaded
    ConfigException invalid = assertThrows(ConfigException.class, () -> custom(file, Map.of()));

    // THEN never the value
    assertTrue(invalid.getMessage().contains("provider.custom.acme.used"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("PASTEDKEY"), invalid.getMessage());
  }

  @Test
  void aBaseUrlWithCredentialsIsShownWithoutThem() {
    // GIVEN a base_url with a user and password and a key in its query
    Map<String, String> file =
        acmeWith(
            "provider.custom.acme.base_url", "https://me:" + PASTED_KEY + "@api.acme.example?k=1");

    // WHEN loaded
    ConfigException invalid = assertThrows(ConfigException.class, () -> custom(file, Map.of()));

    // THEN the address is shown without its credentials
    assertTrue(
        invalid.getMessage().contains("provider.custom.acme.base_url"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("PASTEDKEY"), invalid.getMessage());
  }
}
