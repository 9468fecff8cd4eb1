package dev.sfexporter.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads and validates the YAML configuration file. All problems are reported together. */
public final class ConfigLoader {
  private static final Pattern API_VERSION = Pattern.compile("\\d{2,3}\\.0");

  /** Salesforce's figures move no faster; below this a refresh is just spent quota. */
  static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

  private final Function<String, String> env;

  public ConfigLoader(Function<String, String> env) {
    this.env = env;
  }

  public ExporterConfig load(Path file) throws ConfigException {
    String yaml;
    try {
      yaml = BoundedFiles.read(file, BoundedFiles.MAX_CONFIG_BYTES);
    } catch (IOException e) {
      throw new ConfigException(
          "--config.file: cannot read " + file + ": " + ConfigNode.describe(e));
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(yaml, dir == null ? Path.of(".") : dir);
  }

  /** Parses YAML text; relative {@code *_file} paths are taken from {@code baseDir}. */
  public ExporterConfig parse(String yaml, Path baseDir) throws ConfigException {
    List<String> problems = new ArrayList<>();
    ConfigNode root =
        ConfigNode.root(readYaml(yaml), new ConfigNode.Context(problems, env, baseDir));

    String listen = root.string("listen_address").orElse(ExporterConfig.DEFAULT_LISTEN_ADDRESS);
    String apiVersion = apiVersion(root).orElse(ExporterConfig.DEFAULT_API_VERSION);
    Map<String, SourceConfig> sources = Sources.read(root, Sources.DEFAULTS);
    Duration refresh = sources.get(Sources.LIMITS).interval();
    Duration timeout = root.duration("timeout").orElse(ExporterConfig.DEFAULT_TIMEOUT);
    Duration staleness =
        root.duration("max_staleness").orElse(ExporterConfig.DEFAULT_MAX_STALENESS);
    OutboundConfig outbound = OutboundReader.read(root.child("http_client"), root, env);
    if (!root.has("orgs")) {
      root.problem("orgs", "is required: list the orgs to watch (or run with --demo)");
    }
    List<ConfigNode> orgNodes = root.list("orgs");
    if (root.has("orgs") && orgNodes.isEmpty() && problems.isEmpty()) {
      root.problem("orgs", "is empty: list at least one org");
    }
    root.reportUnusedKeys();

    List<OrgConfig> orgs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode node : orgNodes) {
      readOrg(node, apiVersion, sources, timeout, staleness)
          .ifPresent(
              org -> {
                if (!names.add(org.name())) {
                  node.problem(
                      node.field("name"),
                      "\""
                          + org.name()
                          + "\" is used by another org; "
                          + "org names are the org label and must be unique");
                }
                orgs.add(org);
              });
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ExporterConfig(listen, apiVersion, refresh, timeout, staleness, outbound, orgs);
  }

  private Optional<OrgConfig> readOrg(
      ConfigNode node,
      String apiVersion,
      Map<String, SourceConfig> inherited,
      Duration timeout,
      Duration staleness) {
    int before = node.problemCount();
    Optional<String> name = node.requiredString("name");
    Optional<URI> loginUrl =
        node.requiredString("login_url").flatMap(url -> LoginUrls.parse(node, "login_url", url));
    String version = apiVersion(node).orElse(apiVersion);
    Map<String, SourceConfig> sources = Sources.read(node, inherited);
    Duration orgTimeout = node.duration("timeout").orElse(timeout);
    Duration orgStaleness = node.duration("max_staleness").orElse(staleness);
    Optional<ConfigNode> authNode = node.child("auth");
    if (!node.has("auth")) {
      node.problem(
          node.field("auth"),
          "is required: an auth block with a type (" + AuthType.allConfigNames() + ")");
    }
    node.reportUnusedKeys();
    // Read the auth block even when login_url is bad, so its own mistakes show in the same run.
    Optional<AuthConfig> auth = authNode.flatMap(a -> AuthConfigReader.read(a, loginUrl));
    if (node.problemCount() > before || name.isEmpty() || loginUrl.isEmpty() || auth.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new OrgConfig(
            name.get(),
            loginUrl.get(),
            version,
            sources.get(Sources.LIMITS).interval(),
            orgTimeout,
            orgStaleness,
            auth.get(),
            sources));
  }

  static Optional<Duration> refreshInterval(ConfigNode node) {
    return node.duration("refresh_interval")
        .filter(
            interval -> {
              if (interval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
                node.problem(
                    node.field("refresh_interval"),
                    "must be at least 1s (Salesforce's /limits figures are accurate within five"
                        + " minutes; the default 5m is what they support)");
                return false;
              }
              return true;
            });
  }

  private static Optional<String> apiVersion(ConfigNode node) {
    return node.string("api_version")
        .flatMap(
            v -> {
              if (v.equals("auto")) {
                return Optional.of(v);
              }
              String normalized = v.matches("\\d{2,3}") ? v + ".0" : v;
              if (!API_VERSION.matcher(normalized).matches()) {
                node.problem(
                    node.field("api_version"),
                    "\""
                        + v
                        + "\" is not a Salesforce API version; write auto (the default: the"
                        + " newest the org offers) or a version like \"64.0\"");
                return Optional.empty();
              }
              if (Double.parseDouble(normalized) < 31.0) {
                node.problem(
                    node.field("api_version"),
                    "\""
                        + v
                        + "\" is retired (Salesforce answers 410 for versions below 31.0); use"
                        + " auto or a current version");
                return Optional.empty();
              }
              return Optional.of(normalized);
            });
  }

  private static Map<String, Object> readYaml(String yaml) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object document;
    try {
      document = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (MarkedYAMLException e) {
      // Only the position and the problem: the parser's snippet could show a secret.
      Mark mark = e.getProblemMark();
      String where =
          mark == null
              ? ""
              : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new ConfigException("YAML syntax error" + where + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException("YAML error: " + e.getMessage());
    }
    if (document == null) {
      throw new ConfigException("orgs: is required; the configuration file is empty");
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new ConfigException("the configuration file must be a YAML mapping with an orgs list");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> top = (Map<String, Object>) map;
    return top;
  }
}
