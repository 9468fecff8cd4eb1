package dev.sfexporter;

import dev.sfexporter.collect.BuildInfo;
import dev.sfexporter.collect.CallsPerDay;
import dev.sfexporter.config.ConfigException;
import dev.sfexporter.config.ConfigLoader;
import dev.sfexporter.config.Durations;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.WebConfig;
import dev.sfexporter.config.WebConfigLoader;
import dev.sfexporter.demo.DemoOrg;
import dev.sfexporter.http.ListenAddress;
import dev.sfexporter.http.Reloader;
import dev.sfexporter.logging.Logging;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/** Entry point: parse flags, load and check the configuration, then serve until stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Before anything touches java.util.logging: see Logging.SteadyLogManager.
    System.setProperty("java.util.logging.manager", Logging.SteadyLogManager.class.getName());
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command; returns an exit code, or -1 when the exporter is serving (then SIGTERM stops
   * it and the JVM ends).
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine flags;
    try {
      flags = CommandLine.parse(args);
      Logging.configure(flags.logLevel(), flags.logFormat(), err);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(CommandLine.USAGE);
      return 2;
    }
    BuildInfo build = BuildInfo.load();
    if (flags.help()) {
      out.print(CommandLine.USAGE);
      return 0;
    }
    if (flags.version()) {
      out.println("salesforce-exporter " + build.version() + " (Java " + Runtime.version() + ")");
      return 0;
    }
    if (flags.demo() == (flags.configFile() != null)) {
      err.println("error: give exactly one of --config.file=PATH or --demo");
      err.print(CommandLine.USAGE);
      return 2;
    }
    try {
      WebConfig web =
          flags.webConfigFile() == null
              ? WebConfig.PLAIN
              : WebConfigLoader.load(Path.of(flags.webConfigFile()));
      RunOptions options =
          new RunOptions(build, flags.demo(), web.withProbesWithoutAuth(flags.probesWithoutAuth()));
      return flags.demo() ? serveDemo(flags, options) : serveConfigured(flags, options, out, err);
    } catch (ConfigException e) {
      err.println("error: web configuration " + flags.webConfigFile() + " is not valid:");
      e.problems().forEach(p -> err.println("  " + p));
      return 1;
    } catch (Exception e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static int serveConfigured(
      CommandLine flags, RunOptions options, PrintStream out, PrintStream err) throws Exception {
    Path file = Path.of(flags.configFile());
    ConfigLoader loader = new ConfigLoader(System::getenv);
    ExporterConfig config;
    try {
      config = loader.load(file);
    } catch (ConfigException e) {
      err.println("error: configuration " + file + " is not valid:");
      e.problems().forEach(p -> err.println("  " + p));
      return 1;
    }
    if (flags.checkConfig()) {
      try {
        listenAddress(flags, config);
      } catch (IllegalArgumentException e) {
        err.println("error: configuration " + file + " is not valid:");
        err.println("  " + e.getMessage());
        return 1;
      }
      out.println("configuration " + file + " is valid: " + config.orgs().size() + " org(s)");
      config.orgs().forEach(org -> out.println("  " + describe(org)));
      if (flags.webConfigFile() != null) {
        out.println("web configuration " + flags.webConfigFile() + " is valid");
      }
      return 0;
    }
    Lifecycle.serve(
        config,
        listenAddress(flags, config),
        options,
        exporter -> new ConfigReloader(file, loader, exporter),
        () -> {});
    return -1;
  }

  private static int serveDemo(CommandLine flags, RunOptions options) throws Exception {
    DemoOrg demo = DemoOrg.start(Clock.systemUTC());
    ExporterConfig config = demo.config(ExporterConfig.DEFAULT_LISTEN_ADDRESS);
    Lifecycle.serve(
        config,
        listenAddress(flags, config),
        options,
        exporter ->
            () ->
                new Reloader.Outcome(
                    false, "reload is not available in demo mode: there is no configuration file"),
        demo::close);
    return -1;
  }

  private static ListenAddress listenAddress(CommandLine flags, ExporterConfig config) {
    boolean fromFlag = flags.listenAddress() != null;
    try {
      return ListenAddress.parse(fromFlag ? flags.listenAddress() : config.listenAddress());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (fromFlag ? "--web.listen-address" : "listen_address") + ": " + e.getMessage(), e);
    }
  }

  private static String describe(OrgConfig org) {
    return org.name()
        + ": "
        + org.loginUrl()
        + ", auth "
        + org.auth().type().configName()
        + ", API "
        + org.apiVersion()
        + ", refresh every "
        + Durations.format(org.refreshInterval())
        + ", timeout "
        + Durations.format(org.timeout())
        + ", last known values kept "
        + Durations.format(org.maxStaleness())
        + ", about "
        + CallsPerDay.of(org).describe()
        + " calls a day";
  }
}
