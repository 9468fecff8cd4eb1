package dev.sfexporter;

import dev.sfexporter.collect.ApiCallCounters;
import dev.sfexporter.collect.BuildInfo;
import dev.sfexporter.collect.RefreshThreads;
import dev.sfexporter.collect.SalesforceCollector;
import dev.sfexporter.collect.WatchedOrgs;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.http.ExporterServer;
import dev.sfexporter.http.ListenAddress;
import dev.sfexporter.http.PerOrgScrapes;
import dev.sfexporter.http.Reloader;
import dev.sfexporter.salesforce.SalesforceHttp;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.function.Function;

/** One running exporter: the Salesforce side, the collector and the HTTP server, wired. */
public final class Exporter implements AutoCloseable {
  private final SalesforceHttp http;
  private final RefreshThreads refreshThreads;
  private final WatchedOrgs orgs;
  private final ExporterServer server;
  private final Reloader reloader;
  private volatile ExporterConfig config;
  private volatile boolean ready;

  private Exporter(
      ExporterConfig config,
      ListenAddress listen,
      RunOptions options,
      Clock clock,
      Function<Exporter, Reloader> reloaderFor) {
    BuildInfo build = options.build();
    this.config = config;
    this.http =
        new SalesforceHttp(
            "salesforce-exporter/" + build.version(),
            connectionsFor(config),
            config.timeout(),
            config.outbound());
    this.refreshThreads = new RefreshThreads();
    ApiCallCounters counters = new ApiCallCounters(clock);
    this.orgs = new WatchedOrgs(http, counters, clock, refreshThreads);
    orgs.apply(config.orgs());

    SalesforceCollector collector =
        new SalesforceCollector(orgs, counters, build, () -> this.config.timeout());
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    registry.register(collector);
    PrometheusRegistry perOrg = new PrometheusRegistry();
    perOrg.register(collector);
    this.reloader = reloaderFor.apply(this);
    this.server =
        new ExporterServer(
            listen,
            options.web(),
            registry,
            new PerOrgScrapes(perOrg, orgs::names),
            collector,
            new StatusView(build.version(), options.demo(), orgs, counters, clock),
            () -> ready,
            reloader);
  }

  /**
   * One connection per refresh thread (a thread makes one call at a time), and some for the calls
   * of a refresh that a scrape gave up on, whatever the number of orgs.
   */
  private static int connectionsFor(ExporterConfig config) {
    return Math.min(2 * config.orgs().size(), RefreshThreads.QUICK + RefreshThreads.DOWNLOADS) + 8;
  }

  /**
   * Starts serving; throws when the port cannot be bound.
   *
   * @param reloader what {@code POST /-/reload} does, given the started exporter
   */
  public static Exporter start(
      ExporterConfig config,
      ListenAddress listen,
      RunOptions options,
      Clock clock,
      Function<Exporter, Reloader> reloader)
      throws Exception {
    Exporter exporter = new Exporter(config, listen, options, clock, reloader);
    try {
      exporter.server.start();
    } catch (Exception e) {
      exporter.close();
      throw e;
    }
    exporter.ready = true;
    return exporter;
  }

  public int port() {
    return server.port();
  }

  /** What SIGHUP and {@code POST /-/reload} call. */
  public Reloader reloader() {
    return reloader;
  }

  public ExporterConfig config() {
    return config;
  }

  /** Puts a new, already validated configuration in force. */
  public synchronized void apply(ExporterConfig next) {
    http.resize(connectionsFor(next));
    orgs.apply(next.orgs());
    config = next;
  }

  @Override
  public void close() throws Exception {
    ready = false;
    try {
      server.close();
    } finally {
      refreshThreads.close();
      http.close();
    }
  }
}
