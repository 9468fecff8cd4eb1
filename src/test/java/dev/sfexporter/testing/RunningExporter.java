package dev.sfexporter.testing;

import dev.sfexporter.Exporter;
import dev.sfexporter.RunOptions;
import dev.sfexporter.collect.BuildInfo;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.WebConfig;
import dev.sfexporter.http.ListenAddress;
import dev.sfexporter.http.Reloader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/** An exporter on a free loopback port, and a plain HTTP client to scrape it. */
public final class RunningExporter implements AutoCloseable {
  private final Exporter exporter;

  private RunningExporter(Exporter exporter) {
    this.exporter = exporter;
  }

  public static RunningExporter start(ExporterConfig config, Clock clock) throws Exception {
    return start(
        config, clock, WebConfig.PLAIN, exporter -> () -> new Reloader.Outcome(false, "no file"));
  }

  public static RunningExporter start(
      ExporterConfig config, Clock clock, WebConfig web, Function<Exporter, Reloader> reloader)
      throws Exception {
    return new RunningExporter(
        Exporter.start(
            config,
            new ListenAddress("127.0.0.1", 0),
            new RunOptions(new BuildInfo("test"), false, web),
            clock,
            reloader));
  }

  public Exporter exporter() {
    return exporter;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + exporter.port() + pathAndQuery);
  }

  public HttpResponse<String> get(String pathAndQuery, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    return TestHttp.send(request);
  }

  /** The text exposition of /metrics, asserting it was served with 200. */
  public Metrics scrape() {
    return scrape("/metrics");
  }

  public Metrics scrape(String pathAndQuery, String... headers) {
    HttpResponse<String> response = get(pathAndQuery, headers);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return Metrics.parse(response.body());
  }

  @Override
  public void close() throws Exception {
    exporter.close();
  }
}
