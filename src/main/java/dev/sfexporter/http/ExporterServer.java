package dev.sfexporter.http;

import dev.sfexporter.collect.SalesforceCollector;
import dev.sfexporter.config.WebConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side: {@code /metrics} (all orgs, or {@code ?org=} per-org targets), {@code /targets},
 * the pages ({@code /}, {@code /org/<name>}, {@code /api/v1/orgs}), {@code /-/healthy}, {@code
 * /-/ready} and {@code POST /-/reload} on one Jetty connector.
 */
public final class ExporterServer implements AutoCloseable {
  static final String RELOAD_PATH = "/-/reload";

  /**
   * How long stopping waits for requests being answered: with {@link #STOP_LIMIT} the process exits
   * within 8 s, before the 10 s after which Docker and Kubernetes kill it.
   */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);

  /** How long the threads of requests cut after {@link #DRAIN_LIMIT} get to end. */
  static final Duration STOP_LIMIT = Duration.ofMillis(500);

  /**
   * A request whose answer makes no progress this long (a client that stopped reading) is cut.
   * Prometheus gives up on a scrape after its scrape_timeout (10 s by default) anyway.
   */
  static final Duration WRITE_STALL_TIMEOUT = Duration.ofSeconds(10);

  /** An idle keep-alive connection is closed after this long. */
  static final Duration IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

  private final Server server;
  private final ServerConnector connector;
  private final InFlightRequests inFlight = new InFlightRequests();
  private final BcryptCredentials credentials;
  private final CertificateReloader certificates;

  public ExporterServer(
      ListenAddress address,
      WebConfig web,
      PrometheusRegistry registry,
      ExporterStatus status,
      BooleanSupplier ready,
      Reloader reloader) {
    this(address, web, registry, PerOrgScrapes.none(registry), null, status, ready, reloader);
  }

  /**
   * @param collector the orgs' collector (in {@code registry} and {@code perOrg}'s), so that text
   *     scrapes serve its source data as rendered once per refresh; null to leave every scrape to
   *     client_java
   */
  public ExporterServer(
      ListenAddress address,
      WebConfig web,
      PrometheusRegistry registry,
      PerOrgScrapes perOrg,
      SalesforceCollector collector,
      ExporterStatus status,
      BooleanSupplier ready,
      Reloader reloader) {
    int maxRequests = web.flags().maxRequests();
    // Threads for the scrapes allowed at once and the cheap paths; answers are written without
    // holding a thread (MetricsServlet), so slow readers need none.
    QueuedThreadPool threads = new QueuedThreadPool(maxRequests == 0 ? 200 : maxRequests + 32, 4);
    threads.setName("http");
    threads.setDaemon(true);
    threads.setStopTimeout(STOP_LIMIT.toMillis());
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setIdleTimeout(WRITE_STALL_TIMEOUT.toMillis());
    LoopbackProbeTls tls = web.tls() == null ? null : new LoopbackProbeTls(web.tls());
    connector =
        tls == null
            ? new ServerConnector(server, new HttpConnectionFactory(http))
            : new ServerConnector(
                server,
                new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https(http)));
    connector.setHost(address.host());
    connector.setPort(address.port());
    connector.setIdleTimeout(IDLE_CONNECTION_TIMEOUT.toMillis());
    // Requests in flight are drained before the stop (see close()), so when Jetty stops, the
    // connections left are idle keep-alives: close them at once.
    connector.setShutdownIdleTimeout(50);
    server.addConnector(connector);
    certificates =
        tls == null || web.source() == null
            ? null
            : new CertificateReloader(web.source(), web.tls(), tls);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
    context.addFilter(new FilterHolder(inFlight), "/*", requests);
    if (tls != null && web.tls().clientAuth() == WebConfig.ClientAuth.NEED) {
      context.addFilter(new FilterHolder(new ClientCertificateFilter()), "/*", requests);
    }
    context.addFilter(new FilterHolder(new HeadersFilter(web.headers())), "/*", requests);
    credentials =
        web.users().isEmpty() ? null : new BcryptCredentials(web.users(), System::nanoTime);
    if (credentials != null) {
      Set<String> open = web.probesWithoutAuth() ? Set.of("/-/healthy", "/-/ready") : Set.of();
      context.addFilter(new FilterHolder(new BasicAuthFilter(credentials, open)), "/*", requests);
    }
    context.addFilter(new FilterHolder(new MethodFilter(Set.of(RELOAD_PATH))), "/*", requests);
    context.addServlet(
        new ServletHolder(new ReloadServlet(reloader, web.flags().lifecycle())), RELOAD_PATH);
    ServletHolder metrics =
        new ServletHolder(new MetricsServlet(registry, perOrg, collector, maxRequests));
    metrics.setAsyncSupported(true);
    context.addServlet(metrics, "/metrics");
    context.addServlet(new ServletHolder(new TargetsServlet(perOrg.orgNames())), "/targets");
    context.addServlet(
        new ServletHolder(new TextServlet(() -> true, "Healthy", "Unhealthy")), "/-/healthy");
    context.addServlet(
        new ServletHolder(
            new TextServlet(
                () -> ready.getAsBoolean() && !inFlight.stopping(), "Ready", "Not ready")),
        "/-/ready");
    // "/" is the default mapping: it serves / and /org/<name>, and 404 for the rest.
    context.addServlet(new ServletHolder(new LandingPageServlet(status)), "/");
    context.addServlet(new ServletHolder(new OrgsApiServlet(status)), OrgsApiServlet.PATH + "/*");
    server.setHandler(context);
    // No graceful phase in Jetty's stop: close() has drained already (see there).
    server.setStopTimeout(0);
    server.setStopAtShutdown(false);
  }

  private static HttpConfiguration https(HttpConfiguration http) {
    HttpConfiguration https = new HttpConfiguration(http);
    // Scrapers often use an IP address while the certificate names a host: do not insist on SNI.
    SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    return https;
  }

  public void start() throws Exception {
    server.start();
  }

  /** The bound port; differs from the configured one when that was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** bcrypt checks run so far (0 without basic auth): what the credential cache saves. */
  public long passwordChecks() {
    return credentials == null ? 0 : credentials.evaluations();
  }

  /**
   * Refuses new requests at once (503; the probes still answer, {@code /-/ready} with 503), lets
   * those being answered finish within {@link #DRAIN_LIMIT}, then stops, cutting what is left.
   *
   * @return whether every request in flight finished
   */
  public boolean drainAndStop() throws Exception {
    inFlight.refuseNew();
    if (certificates != null) {
      certificates.close();
    }
    boolean drained = inFlight.awaitIdle(DRAIN_LIMIT);
    server.stop();
    return drained;
  }

  @Override
  public void close() throws Exception {
    drainAndStop();
  }
}
