package dev.sfexporter;

import dev.sfexporter.collect.ApiCallCounters;
import dev.sfexporter.collect.BuildInfo;
import dev.sfexporter.collect.SalesforceCollector;
import dev.sfexporter.collect.WatchedOrgs;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.http.ExporterServer;
import dev.sfexporter.http.ListenAddress;
import dev.sfexporter.http.Reloader;
import dev.sfexporter.salesforce.SalesforceHttp;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** One running exporter: the Salesforce side, the collector and the HTTP server, wired. */
public final class Exporter implements AutoCloseable {
  private final SalesforceHttp http;
  private final ExecutorService refreshThreads;
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
    this.refreshThreads = Executors.newCachedThreadPool(daemonThreads("refresh-"));
    ApiCallCounters counters = new ApiCallCounters(clock);
    this.orgs = new WatchedOrgs(http, counters, clock, refreshThreads);
    orgs.apply(config.orgs());

    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    registry.register(new SalesforceCollector(orgs, counters, build, () -> this.config.timeout()));
    this.reloader = reloaderFor.apply(this);
    this.server =
        new ExporterServer(
            listen,
            options.web(),
            registry,
            new StatusView(build.version(), options.demo(), orgs, counters, clock),
            () -> ready,
            reloader);
  }

  /** Two connections per org (a token request and a /limits call can overlap), at least 8. */
  private static int connectionsFor(ExporterConfig config) {
    return Math.max(8, 2 * config.orgs().size());
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
      refreshThreads.shutdownNow();
      http.close();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
