package dev.sfexporter;

import dev.sfexporter.collect.CallsPerDay;
import dev.sfexporter.config.Durations;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.http.ListenAddress;
import dev.sfexporter.http.Reloader;
import dev.sfexporter.logging.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs a started exporter as a process: a start-up summary, SIGHUP reloads, SIGTERM (or Ctrl-C)
 * stops it gracefully — in-flight scrapes finish — and a non-daemon thread keeps the JVM up
 * meanwhile.
 */
final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private Lifecycle() {}

  /** Says what each org will cost before it is spent, and warns when that buys nothing. */
  static void logWatching(OrgConfig org, boolean demo) {
    CallsPerDay calls = CallsPerDay.of(org);
    LOG.info(
        "{}",
        LogLine.of("watching org")
            .with("org", org.name())
            .with("login_url", org.loginUrl())
            .with("auth", org.auth().type().configName())
            .with("api_version", org.apiVersion())
            .with("refresh_interval", Durations.format(org.refreshInterval()))
            .with("sources", String.join(",", enabledSources(org)))
            .with("max_staleness", Durations.format(org.maxStaleness()))
            .with("expected_calls_per_day", calls.total())
            .with("calls", calls.describe()));
    if (!demo && org.refreshInterval().compareTo(Duration.ofMinutes(1)) < 0) {
      LOG.warn(
          "{}",
          LogLine.of(
                  "refresh_interval under 1m spends API requests for nothing: Salesforce's"
                      + " /limits figures are accurate within five minutes")
              .with("org", org.name())
              .with("refresh_interval", Durations.format(org.refreshInterval()))
              .with("sources", String.join(",", enabledSources(org)))
              .with("limits_calls_per_day", calls.of("limits")));
    }
  }

  private static java.util.List<String> enabledSources(OrgConfig org) {
    return org.sources().entrySet().stream()
        .filter(e -> e.getValue().enabled())
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  static void serve(
      ExporterConfig config,
      ListenAddress listen,
      RunOptions options,
      Function<Exporter, Reloader> reloaderFor,
      Runnable onStop)
      throws Exception {
    Exporter exporter = Exporter.start(config, listen, options, Clock.systemUTC(), reloaderFor);
    Reloader reloader = exporter.reloader();
    options
        .web()
        .warnings()
        .forEach(w -> LOG.warn("{}", LogLine.of(w).with("file", "--web.config.file")));
    LOG.info(
        "{}",
        LogLine.of("salesforce-exporter started")
            .with("version", options.build().version())
            .with("listen", new ListenAddress(listen.host(), exporter.port()))
            .with("tls", options.web().tls() != null)
            .with("basic_auth", !options.web().users().isEmpty())
            .with("orgs", config.orgs().size())
            .with("demo", options.demo()));
    config.orgs().forEach(org -> logWatching(org, options.demo()));

    // sun.misc.Signal is the JDK's only way to catch SIGHUP; it is supported in jdk.unsupported.
    Signal.handle(
        new Signal("HUP"),
        signal -> {
          Reloader.Outcome outcome = reloader.reload();
          if (!outcome.applied()) {
            LOG.warn(
                "{}", LogLine.of("SIGHUP reload did not apply").with("why", outcome.message()));
          }
        });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("{}", LogLine.of("shutting down; in-flight scrapes may finish"));
                  try {
                    exporter.close();
                  } catch (Exception e) {
                    LOG.warn("{}", LogLine.of("shutdown was not clean").with("error", e));
                  }
                  onStop.run();
                  LOG.info("{}", LogLine.of("stopped"));
                  stopped.countDown();
                },
                "shutdown"));
    Thread keeper =
        new Thread(
            () -> {
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "main-wait");
    keeper.start();
  }
}
