package dev.sfexporter;

import dev.sfexporter.collect.BuildInfo;
import dev.sfexporter.config.ConfigException;
import dev.sfexporter.config.ConfigLoader;
import dev.sfexporter.config.Durations;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.demo.DemoOrg;
import dev.sfexporter.http.ListenAddress;
import dev.sfexporter.logging.LogLine;
import dev.sfexporter.logging.Logging;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: parse flags, load the configuration, serve until stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command; returns an exit code, or -1 when the exporter is serving (then a shutdown
   * hook stops it and the JVM ends when the process is told to).
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
      out.println("salesforce-exporter " + build.version() + " (default Salesforce API "
          + build.defaultApiVersion() + ", Java " + Runtime.version() + ")");
      return 0;
    }
    if (flags.demo() == (flags.configFile() != null)) {
      err.println("error: give exactly one of --config.file=PATH or --demo");
      err.print(CommandLine.USAGE);
      return 2;
    }
    try {
      return flags.demo() ? serveDemo(flags, build) : serveConfigured(flags, build, out, err);
    } catch (Exception e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static int serveConfigured(CommandLine flags, BuildInfo build, PrintStream out,
      PrintStream err) throws Exception {
    ConfigLoader loader = new ConfigLoader(System::getenv, build.defaultApiVersion());
    ExporterConfig config;
    try {
      config = loader.load(Path.of(flags.configFile()));
    } catch (ConfigException e) {
      err.println("error: configuration " + flags.configFile() + " is not valid:");
      e.problems().forEach(p -> err.println("  " + p));
      return 1;
    }
    if (flags.checkConfig()) {
      out.println("configuration " + flags.configFile() + " is valid: " + config.orgs().size()
          + " org(s)");
      config.orgs().forEach(org -> out.println("  " + describe(org)));
      return 0;
    }
    serve(config, flags, build, false, () -> {});
    return -1;
  }

  private static int serveDemo(CommandLine flags, BuildInfo build) throws Exception {
    DemoOrg demo = DemoOrg.start(Clock.systemUTC());
    ExporterConfig config = demo.config(ExporterConfig.DEFAULT_LISTEN_ADDRESS, build.defaultApiVersion());
    serve(config, flags, build, true, demo::close);
    return -1;
  }

  private static void serve(ExporterConfig config, CommandLine flags, BuildInfo build,
      boolean demo, Runnable onStop) throws Exception {
    Logger log = LoggerFactory.getLogger(Main.class);
    String address = flags.listenAddress() != null ? flags.listenAddress() : config.listenAddress();
    ListenAddress listen;
    try {
      listen = ListenAddress.parse(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException((flags.listenAddress() != null ? "--web.listen-address"
          : "listen_address") + ": " + e.getMessage(), e);
    }
    Exporter exporter = Exporter.start(config, listen, build, demo, Clock.systemUTC());
    log.info("{}", LogLine.of("salesforce-exporter started").with("version", build.version())
        .with("listen", new ListenAddress(listen.host(), exporter.port()))
        .with("orgs", config.orgs().size()).with("demo", demo));
    config.orgs().forEach(org -> log.info("{}", LogLine.of("watching org").with("org", org.name())
        .with("login_url", org.loginUrl()).with("auth", org.auth().type().configName())
        .with("api_version", org.apiVersion())
        .with("refresh_interval", Durations.format(org.refreshInterval()))));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("{}", LogLine.of("shutting down"));
      try {
        exporter.close();
      } catch (Exception e) {
        log.warn("{}", LogLine.of("shutdown was not clean").with("error", e));
      }
      onStop.run();
      stopped.countDown();
    }, "shutdown"));
    // Server threads are daemons: this non-daemon thread keeps the JVM up until shutdown.
    Thread keeper = new Thread(() -> {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "main-wait");
    keeper.start();
  }

  private static String describe(OrgConfig org) {
    return org.name() + ": " + org.loginUrl() + ", auth " + org.auth().type().configName()
        + ", API " + org.apiVersion() + ", refresh every " + Durations.format(org.refreshInterval())
        + ", timeout " + Durations.format(org.timeout());
  }
}
