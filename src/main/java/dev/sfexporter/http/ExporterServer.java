package dev.sfexporter.http;

import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side: {@code /metrics}, {@code /}, {@code /-/healthy}, {@code /-/ready} on one Jetty
 * connector.
 */
public final class ExporterServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  public ExporterServer(
      ListenAddress address,
      PrometheusRegistry registry,
      ExporterStatus status,
      BooleanSupplier ready) {
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("http");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(address.host());
    connector.setPort(address.port());
    // On shutdown, idle keep-alive connections close at once; busy ones finish their scrape.
    connector.setShutdownIdleTimeout(50);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(new FilterHolder(new MethodFilter(Set.of())), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new PrometheusMetricsServlet(registry)), "/metrics");
    context.addServlet(new ServletHolder(new TextServlet(() -> true, "Healthy", "Unhealthy")),
        "/-/healthy");
    context.addServlet(new ServletHolder(new TextServlet(ready, "Ready", "Not ready")), "/-/ready");
    context.addServlet(new ServletHolder(new LandingPageServlet(status)), "/");
    server.setHandler(context);
    server.setStopTimeout(5_000);
    server.setStopAtShutdown(false);
  }

  public void start() throws Exception {
    server.start();
  }

  /** The bound port; differs from the configured one when that was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
