package dev.quotabot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Tests only: the top-level compose.yaml as Docker Compose sees it, with its {@code <<} merge keys
 * applied (YAML 1.2, which snakeyaml-engine reads, has no merge keys; Compose applies them).
 */
public final class ComposeFile {
  public static final Path PATH = Path.of("compose.yaml");
  private static final String MERGE = "<<";

  private final Map<String, Object> root;

  private ComposeFile(Map<String, Object> root) {
    this.root = root;
  }

  public static ComposeFile read() {
    try {
      Object loaded =
          new Load(LoadSettings.builder().setLabel(PATH.toString()).build())
              .loadFromString(Files.readString(PATH, StandardCharsets.UTF_8));
      return new ComposeFile(map(merged(loaded), "the file"));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** The services by name. */
  public Map<String, Map<String, Object>> services() {
    Map<String, Object> services = map(root.get("services"), "services");
    Map<String, Map<String, Object>> byName = new TreeMap<>();
    services.forEach((name, service) -> byName.put(name, map(service, name)));
    return byName;
  }

  public Map<String, Object> service(String name) {
    Map<String, Object> service = services().get(name);
    if (service == null) {
      throw new AssertionError("compose.yaml has no service " + name);
    }
    return service;
  }

  /** The services built from this repository's Dockerfile: the product's replicas. */
  public Map<String, Map<String, Object>> replicas() {
    return services().entrySet().stream()
        .filter(entry -> entry.getValue().containsKey("build"))
        .collect(
            Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  /** A service's environment as written (a list of {@code KEY=value} or a mapping). */
  public static Map<String, String> environment(Map<String, Object> service) {
    Object environment = service.getOrDefault("environment", Map.of());
    Map<String, String> variables = new TreeMap<>();
    if (environment instanceof List<?> list) {
      for (Object item : list) {
        String[] pair = String.valueOf(item).split("=", 2);
        variables.put(pair[0], pair.length == 2 ? pair[1] : "");
      }
    } else {
      map(environment, "environment")
          .forEach((name, value) -> variables.put(name, value == null ? "" : value.toString()));
    }
    return variables;
  }

  /** Applies Compose's merge keys: the merged mapping's entries, then this mapping's own. */
  private static Object merged(Object node) {
    if (node instanceof Map<?, ?> mapping) {
      Map<String, Object> result = new LinkedHashMap<>();
      Object base = mapping.get(MERGE);
      if (base != null) {
        for (Object each : base instanceof List<?> list ? list : List.of(base)) {
          result.putAll(map(merged(each), MERGE));
        }
      }
      mapping.forEach(
          (key, value) -> {
            if (!MERGE.equals(key)) {
              result.put(String.valueOf(key), merged(value));
            }
          });
      return result;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(ComposeFile::merged).toList();
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object node, String what) {
    if (!(node instanceof Map<?, ?>)) {
      throw new AssertionError(what + " is not a mapping: " + node);
    }
    return (Map<String, Object>) node;
  }
}
