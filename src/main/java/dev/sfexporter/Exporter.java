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
    this.refreshThreads = new RefreshThreads();
    this.http =
        new SalesforceHttp(
            "salesforce-exporter/" + build.version(),
            connectionsFor(config),
            config.timeout(),
            config.outbound(),
            refreshThreads.executor());
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
   * Enough connections for every org's calls at once (a token request and a call, or two sources'
   * calls), so that a cold start waits for Salesforce and not for a connection. They cost memory
   * only while in use: idle ones are closed after 30 s.
   */
  private static int connectionsFor(ExporterConfig config) {
    return 2 * config.orgs().size() + 8;
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
