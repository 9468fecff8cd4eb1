package dev.sfexporter.http;

import dev.sfexporter.config.WebConfig;
import dev.sfexporter.config.WebConfigLoader;
import dev.sfexporter.testing.TlsFixtures;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/** An ExporterServer on a free loopback port with TLS from the test fixtures, and a client. */
final class HttpsServer implements AutoCloseable {
  static final String TLS = "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n";
  final ExporterServer server;
  private final HttpClient client;

  private HttpsServer(ExporterServer server) throws Exception {
    this.server = server;
    // One client, so requests reuse connections: a TLS handshake per request would cost more
    // than what some tests measure.
    this.client =
        HttpClient.newBuilder()
            .sslContext(TlsFixtures.clientContext(null))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Writes the fixtures and {@code yaml} (web.yml) into {@code dir}, then starts serving. */
  static HttpsServer start(
      Path dir,
      String yaml,
      UnaryOperator<WebConfig> flags,
      PrometheusRegistry registry,
      Reloader reloader)
      throws Exception {
    for (String name :
        List.of("server.pem", "server.key", "server-ec.pem", "server-ec.key", "ca.pem")) {
      TlsFixtures.copy(dir, name);
    }
    WebConfig web =
        flags.apply(WebConfigLoader.load(Files.writeString(dir.resolve("web.yml"), yaml)));
    ExporterServer server =
        new ExporterServer(
            new ListenAddress("127.0.0.1", 0), web, registry, new NoOrgs(), () -> true, reloader);
    server.start();
    return new HttpsServer(server);
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<String> send(SSLContext tls, HttpRequest.Builder request) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(tls)
        .connectTimeout(Duration.ofSeconds(5))
        .build()
        .send(
            request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    server.close();
  }

  /** A landing page with no orgs: these tests are about the HTTP side. */
  private static final class NoOrgs implements ExporterStatus {
    @Override
    public String version() {
      return "test";
    }

    @Override
    public boolean demo() {
      return false;
    }

    @Override
    public java.time.Instant now() {
      return java.time.Instant.EPOCH;
    }

    @Override
    public List<dev.sfexporter.http.pages.OrgGlance> orgs() {
      return List.of();
    }

    @Override
    public java.util.Optional<dev.sfexporter.http.pages.OrgGlance> org(String name) {
      return java.util.Optional.empty();
    }
  }
}
