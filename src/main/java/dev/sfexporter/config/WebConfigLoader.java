package dev.sfexporter.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a web configuration file in the exporter-toolkit format that node_exporter and friends use:
 * {@code tls_server_config}, {@code basic_auth_users}, {@code http_server_config.headers}.
 */
public final class WebConfigLoader {
  private static final Set<String> ALLOWED_HEADERS =
      Set.of(
          "Strict-Transport-Security",
          "X-Content-Type-Options",
          "X-Frame-Options",
          "X-XSS-Protection",
          "Content-Security-Policy");
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

  private WebConfigLoader() {}

  public static WebConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = BoundedFiles.read(file, BoundedFiles.MAX_CONFIG_BYTES);
    } catch (IOException e) {
      throw new ConfigException(
          "--web.config.file: cannot read " + file + ": " + ConfigNode.describe(e));
    }
    Object document;
    LoaderOptions options = new LoaderOptions();
    // A second entry for a user must not silently replace the first.
    options.setAllowDuplicateKeys(false);
    try {
      document = new Yaml(new SafeConstructor(options)).load(text);
    } catch (DuplicateKeyException e) {
      // Not e.getMessage(): its snippet of the file would show a password hash.
      throw new ConfigException(
          "--web.config.file: "
              + file
              + " line "
              + (e.getProblemMark().getLine() + 1)
              + ": "
              + e.getProblem().replace("found duplicate key", "duplicate key"));
    } catch (YAMLException e) {
      throw new ConfigException("--web.config.file: " + file + " is not valid YAML");
    }
    if (document == null) {
      return WebConfig.PLAIN;
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new ConfigException("--web.config.file: " + file + " must be a YAML mapping");
    }
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Path dir = file.toAbsolutePath().getParent();
    @SuppressWarnings("unchecked")
    ConfigNode root =
        ConfigNode.root(
            (Map<String, Object>) map,
            new ConfigNode.Context(problems, name -> null, dir == null ? Path.of(".") : dir));
    WebConfig.Tls tls =
        root.child("tls_server_config").map(node -> WebTlsReader.read(node, warnings)).orElse(null);
    Map<String, String> users = users(root);
    Map<String, String> headers = new LinkedHashMap<>();
    root.child("http_server_config")
        .ifPresent(
            http -> {
              http.child("headers").ifPresent(h -> headers.putAll(headers(h)));
              if (http.bool("http2").isPresent()) {
                warnings.add(
                    "http_server_config.http2 is not applied: the exporter serves HTTP/1.1");
              }
              http.reportUnusedKeys();
            });
    root.reportUnusedKeys();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new WebConfig(file, tls, users, headers, warnings, WebConfig.Flags.DEFAULT);
  }

  private static Map<String, String> users(ConfigNode root) {
    Map<String, String> users = new LinkedHashMap<>();
    root.child("basic_auth_users")
        .ifPresent(
            node -> {
              for (String user : node.keys()) {
                String hash = node.string(user).orElse("");
                String problem = bcryptProblem(hash);
                if (problem != null) {
                  // Fail closed: a user without a usable hash must never mean "no password".
                  node.problem(
                      node.field(user), problem + "; make one with: htpasswd -nBC 10 " + user);
                } else {
                  users.put(user, hash);
                }
              }
            });
    return users;
  }

  /** Why this is not a bcrypt hash the exporter can check, or null when it is one. */
  static String bcryptProblem(String hash) {
    if (hash.isBlank()) {
      return "has no bcrypt hash (empty)";
    }
    Matcher bcrypt = BCRYPT.matcher(hash);
    if (!bcrypt.matches()) {
      return "is not a bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters of salt and hash)";
    }
    int cost = Integer.parseInt(bcrypt.group(1));
    if (cost < 4 || cost > 31) {
      return "has bcrypt cost " + bcrypt.group(1) + "; bcrypt allows 04 to 31 (10 is usual)";
    }
    return null;
  }

  private static Map<String, String> headers(ConfigNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : node.keys()) {
      if (!ALLOWED_HEADERS.contains(name)) {
        node.problem(
            node.field(name),
            "is not a header that can be set; allowed: "
                + String.join(", ", new java.util.TreeSet<>(ALLOWED_HEADERS)));
        node.string(name);
      } else {
        node.string(name).ifPresent(value -> headers.put(name, value));
      }
    }
    return headers;
  }
}
