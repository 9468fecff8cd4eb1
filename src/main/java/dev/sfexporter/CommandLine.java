package dev.sfexporter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The flags, node_exporter style: {@code --name=value} or {@code --name value}. */
record CommandLine(
    String configFile,
    String listenAddress,
    String webConfigFile,
    boolean probesWithoutAuth,
    boolean enableLifecycle,
    int maxRequests,
    boolean demo,
    boolean checkConfig,
    boolean version,
    boolean help,
    String logLevel,
    String logFormat) {

  static final String USAGE =
      """
      Usage: java -jar salesforce-exporter.jar [flags]

        --config.file=PATH          YAML configuration (required unless --demo)
        --web.listen-address=ADDR   where to serve /metrics (default :9917, or listen_address)
        --web.config.file=PATH      TLS and basic auth, in the Prometheus exporter-toolkit format
        --web.probes-without-auth   /-/healthy and /-/ready answer without basic auth
        --web.enable-lifecycle      allow POST /-/reload (SIGHUP reloads either way)
        --web.max-requests=N        concurrent /metrics requests, more get 503 (default 40,
                                    0 = no limit)
        --demo                      watch a simulated org; no configuration or credentials
        --check-config              validate --config.file, print the result, exit 0 or 1
        --log.level=LEVEL           debug, info (default), warn, error
        --log.format=FORMAT         logfmt (default) or json
        --version                   print the version and exit
        --help                      print this help and exit
      """;

  private static final Set<String> VALUED =
      Set.of(
          "config.file",
          "web.listen-address",
          "web.config.file",
          "web.max-requests",
          "log.level",
          "log.format");
  private static final Set<String> SWITCHES =
      Set.of(
          "demo",
          "check-config",
          "version",
          "help",
          "web.probes-without-auth",
          "web.enable-lifecycle");

  /**
   * @throws IllegalArgumentException naming the flag that is wrong
   */
  static CommandLine parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h")) {
        arg = "--help";
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument \"" + arg + "\"; flags start with --");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (VALUED.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          value = args[++i];
        }
      } else if (SWITCHES.contains(name)) {
        if (value != null) {
          throw new IllegalArgumentException("--" + name + " takes no value");
        }
        value = "true";
      } else {
        throw new IllegalArgumentException("unknown flag --" + name);
      }
      values.put(name, value);
    }
    return new CommandLine(
        values.get("config.file"),
        values.get("web.listen-address"),
        values.get("web.config.file"),
        values.containsKey("web.probes-without-auth"),
        values.containsKey("web.enable-lifecycle"),
        maxRequests(values.getOrDefault("web.max-requests", "40")),
        values.containsKey("demo"),
        values.containsKey("check-config"),
        values.containsKey("version"),
        values.containsKey("help"),
        values.getOrDefault("log.level", "info"),
        values.getOrDefault("log.format", "logfmt"));
  }

  private static int maxRequests(String text) {
    try {
      int max = Integer.parseInt(text.strip());
      if (max >= 0) {
        return max;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--web.max-requests must be a whole number, 0 (no limit) or more, not \"" + text + "\"");
  }
}
