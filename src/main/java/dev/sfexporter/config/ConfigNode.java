package dev.sfexporter.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One YAML mapping with its path in the file (e.g. {@code orgs[1].auth}). Reading a key marks it
 * used; {@link #reportUnusedKeys()} turns typos into errors instead of silently ignoring them.
 * Every problem goes to the shared list, so one run reports all mistakes at once.
 */
final class ConfigNode {
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final String path;
  private final Map<String, Object> values;
  private final Set<String> used = new LinkedHashSet<>();
  private final Context context;

  /** What every node of one file shares. */
  record Context(List<String> problems, Function<String, String> env, Path baseDir) {}

  private ConfigNode(String path, Map<String, Object> values, Context context) {
    this.path = path;
    this.values = values;
    this.context = context;
  }

  static ConfigNode root(Map<String, Object> values, Context context) {
    return new ConfigNode("", values, context);
  }

  String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String field, String message) {
    context.problems().add(field + ": " + message);
  }

  int problemCount() {
    return context.problems().size();
  }

  /** The keys of this mapping, for mappings whose keys are data (user names, header names). */
  List<String> keys() {
    return List.copyOf(values.keySet());
  }

  /** Marks a key as known without reading it (settings accepted but not applied). */
  void accept(String key) {
    used.add(key);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  Optional<String> string(String key) {
    used.add(key);
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof List) {
      problem(
          field(key),
          "must be a single value, not a " + (value instanceof Map ? "mapping" : "list"));
      return Optional.empty();
    }
    return Optional.ofNullable(interpolate(field(key), value.toString()));
  }

  Optional<String> requiredString(String key) {
    Optional<String> value = string(key);
    if (value.isEmpty() && !values.containsKey(key)) {
      problem(field(key), "is required");
    } else if (value.isPresent() && value.get().isBlank()) {
      problem(field(key), "must not be empty");
      return Optional.empty();
    }
    return value;
  }

  Optional<Duration> duration(String key) {
    return string(key)
        .flatMap(
            text -> {
              try {
                Duration parsed = Durations.parse(text);
                if (parsed.isZero()) {
                  problem(field(key), "must be longer than 0s");
                  return Optional.empty();
                }
                return Optional.of(parsed);
              } catch (IllegalArgumentException e) {
                problem(field(key), e.getMessage());
                return Optional.empty();
              }
            });
  }

  Optional<Boolean> bool(String key) {
    used.add(key);
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    problem(field(key), "must be true or false, not \"" + value + "\"");
    return Optional.empty();
  }

  /**
   * A secret given inline as {@code key} (may use {@code ${ENV}}) or read from {@code key_file}.
   * Setting both is a mistake: which one wins would be a guess.
   */
  Optional<Secret> secret(String key) {
    String fileKey = key + "_file";
    Optional<String> inline = string(key);
    Optional<String> file = string(fileKey);
    if (inline.isPresent() && file.isPresent()) {
      problem(field(key), "set either " + key + " or " + fileKey + ", not both");
      return Optional.empty();
    }
    if (file.isPresent()) {
      return readFile(fileKey, file.get()).map(content -> new Secret(content.strip()));
    }
    return inline.filter(v -> !v.isEmpty()).map(Secret::new);
  }

  Optional<Secret> requiredSecret(String key) {
    Optional<Secret> secret = secret(key);
    if (secret.isEmpty() && !has(key + "_file")) {
      problem(field(key), "is required (or " + key + "_file)");
    }
    return secret;
  }

  /** Reads a file named in the config; a relative path is taken from the config file's folder. */
  Optional<String> readFile(String key, String name) {
    Path file = context.baseDir().resolve(name);
    try {
      return Optional.of(BoundedFiles.read(file, BoundedFiles.MAX_SECRET_BYTES));
    } catch (IOException e) {
      problem(field(key), "cannot read " + file + ": " + describe(e));
      return Optional.empty();
    }
  }

  /**
   * Reads a file named in the config and parses its text; a parse refusal
   * (IllegalArgumentException) becomes a problem naming the field and the file.
   */
  <T> Optional<T> readFileAs(String key, String name, Function<String, T> parse) {
    return readFile(key, name)
        .flatMap(
            text -> {
              try {
                return Optional.of(parse.apply(text));
              } catch (IllegalArgumentException e) {
                problem(field(key) + " (" + resolvePath(name) + ")", e.getMessage());
                return Optional.empty();
              }
            });
  }

  Path resolvePath(String name) {
    return context.baseDir().resolve(name);
  }

  Optional<ConfigNode> child(String key) {
    used.add(key);
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      problem(field(key), "must be a mapping of keys to values");
      return Optional.empty();
    }
    return Optional.of(new ConfigNode(field(key), stringKeys(field(key), map), context));
  }

  /** A list of plain values, e.g. object names. */
  List<String> strings(String key) {
    used.add(key);
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      problem(field(key), "must be a list, e.g. [Account, Contact]");
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item == null
          || item instanceof Map
          || item instanceof List
          || item.toString().isBlank()) {
        problem(field(key) + "[" + i + "]", "must be a name");
      } else {
        result.add(item.toString().strip());
      }
    }
    return result;
  }

  List<ConfigNode> list(String key) {
    used.add(key);
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      problem(field(key), "must be a list");
      return List.of();
    }
    List<ConfigNode> nodes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = field(key) + "[" + i + "]";
      if (items.get(i) instanceof Map<?, ?> map) {
        nodes.add(new ConfigNode(itemPath, stringKeys(itemPath, map), context));
      } else {
        problem(itemPath, "must be a mapping of keys to values");
      }
    }
    return nodes;
  }

  /** Every key nobody asked for is a typo or a key of another auth type. */
  void reportUnusedKeys(String why) {
    for (String key : values.keySet()) {
      if (!used.contains(key)) {
        problem(field(key), "unknown key" + why + "; expected one of: " + String.join(", ", used));
      }
    }
  }

  void reportUnusedKeys() {
    reportUnusedKeys("");
  }

  private Map<String, Object> stringKeys(String at, Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (k instanceof String s) {
            result.put(s, v);
          } else {
            problem(at, "key " + k + " must be a string");
          }
        });
    return result;
  }

  private String interpolate(String field, String text) {
    Matcher reference = ENV_REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (reference.find()) {
      String name = reference.group(1);
      String value = context.env().apply(name);
      if (value == null) {
        problem(field, "environment variable " + name + " is not set");
        value = "";
      }
      reference.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    reference.appendTail(out);
    return out.toString();
  }

  static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return switch (kind) {
      case "NoSuchFileException" -> "no such file";
      case "AccessDeniedException" -> "permission denied";
      default -> e.getMessage() == null ? kind : e.getMessage();
    };
  }
}
