package dev.sfexporter.http;

import dev.sfexporter.config.WebConfig;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
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
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side: {@code /metrics}, {@code /}, {@code /-/healthy}, {@code /-/ready} and {@code POST
 * /-/reload} on one Jetty connector.
 */
public final class ExporterServer implements AutoCloseable {
  static final String RELOAD_PATH = "/-/reload";
  private final Server server;

  /** How long stopping waits for requests being answered (docker stop allows 10 s). */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(8);

  private final ServerConnector connector;
  private final InFlightRequests inFlight = new InFlightRequests();

  public ExporterServer(
      ListenAddress address,
      WebConfig web,
      PrometheusRegistry registry,
      ExporterStatus status,
      BooleanSupplier ready,
      Reloader reloader) {
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("http");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    connector =
        web.tls() == null
            ? new ServerConnector(server, new HttpConnectionFactory(http))
            : new ServerConnector(
                server,
                new SslConnectionFactory(tls(web.tls()), "http/1.1"),
                new HttpConnectionFactory(https(http)));
    connector.setHost(address.host());
    connector.setPort(address.port());
    // Requests in flight are drained before the stop (see close()), so when Jetty stops, the
    // connections left are idle keep-alives: close them at once.
    connector.setShutdownIdleTimeout(50);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
    context.addFilter(new FilterHolder(inFlight), "/*", requests);
    context.addFilter(new FilterHolder(new HeadersFilter(web.headers())), "/*", requests);
    if (!web.users().isEmpty()) {
      Set<String> open = web.probesWithoutAuth() ? Set.of("/-/healthy", "/-/ready") : Set.of();
      context.addFilter(new FilterHolder(new BasicAuthFilter(web.users(), open)), "/*", requests);
    }
    context.addFilter(new FilterHolder(new MethodFilter(Set.of(RELOAD_PATH))), "/*", requests);
    context.addServlet(new ServletHolder(new ReloadServlet(reloader)), RELOAD_PATH);
    context.addServlet(new ServletHolder(new PrometheusMetricsServlet(registry)), "/metrics");
    context.addServlet(
        new ServletHolder(new TextServlet(() -> true, "Healthy", "Unhealthy")), "/-/healthy");
    context.addServlet(new ServletHolder(new TextServlet(ready, "Ready", "Not ready")), "/-/ready");
    context.addServlet(new ServletHolder(new LandingPageServlet(status)), "/");
    server.setHandler(context);
    server.setStopTimeout(5_000);
    server.setStopAtShutdown(false);
  }

  private static SslContextFactory.Server tls(WebConfig.Tls tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(tls.context());
    factory.setIncludeProtocols(tls.protocols().toArray(new String[0]));
    factory.setNeedClientAuth(tls.clientAuth() == WebConfig.ClientAuth.NEED);
    factory.setWantClientAuth(tls.clientAuth() == WebConfig.ClientAuth.WANT);
    return factory;
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

  /** Lets requests being answered finish (bounded by {@link #DRAIN_LIMIT}), then stops. */
  @Override
  public void close() throws Exception {
    inFlight.awaitIdle(DRAIN_LIMIT);
    server.stop();
  }
}
