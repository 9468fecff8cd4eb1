package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.config.WebConfig;
import dev.sfexporter.config.WebConfigLoader;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import dev.sfexporter.testing.TlsFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --web.config.file over real HTTPS: TLS, client certificates, basic auth, headers. */
class SecuredEndpointTest {
  private static final String HASH_LINE = Samples.resource("/tls/htpasswd.txt").strip();
  @TempDir Path dir;
  @StartStop final MockWebServer org = new MockWebServer();

  private WebConfig web(String yaml) throws Exception {
    for (String name :
        List.of("server.pem", "server.key", "server-ec.pem", "server-ec.key", "ca.pem")) {
      TlsFixtures.copy(dir, name);
    }
    return WebConfigLoader.load(Files.writeString(dir.resolve("web.yml"), yaml));
  }

  private RunningExporter start(WebConfig web) throws Exception {
    return RunningExporter.start(
        TestOrgs.config(TestOrgs.givenToken("secured", org)),
        new MutableClock(),
        web,
        e -> () -> new Reloader.Outcome(false, "no file"));
  }

  private static HttpResponse<String> get(SSLContext tls, URI uri, String... headers)
      throws Exception {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      client.sslContext(tls);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI https(RunningExporter exporter, String path) {
    return URI.create("https://127.0.0.1:" + exporter.exporter().port() + path);
  }

  @Test
  void servesHttpsWithAnRsaOrAnEcKeyAndTheConfiguredHeaders() throws Exception {
    for (String cert : List.of("server", "server-ec")) {
      org.enqueue(Samples.limits());
      try (RunningExporter exporter =
          start(
              web(
                  """
          tls_server_config:
            cert_file: %1$s.pem
            key_file: %1$s.key
            min_version: TLS12
          http_server_config:
            headers:
              X-Frame-Options: deny
              Strict-Transport-Security: max-age=31536000
          """
                      .formatted(cert)))) {
        HttpResponse<String> response =
            get(TlsFixtures.clientContext(null), https(exporter, "/metrics"));
        assertEquals(200, response.statusCode(), cert);
        assertTrue(response.body().contains("salesforce_up{org=\"secured\"} 1.0"), cert);
        assertEquals("deny", response.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals(
            "max-age=31536000",
            response.headers().firstValue("Strict-Transport-Security").orElse(""));
        assertThrows(
            IOException.class,
            () -> get(null, exporter.uri("/metrics")),
            "plain HTTP is not served on the TLS port");
        assertThrows(
            IOException.class,
            () -> get(SSLContext.getDefault(), https(exporter, "/metrics")),
            "a client that does not trust the certificate gets no answer");
      }
    }
  }

  @Test
  void requireAndVerifyClientCertLetsOnlyTheCasClientsIn() throws Exception {
    try (RunningExporter exporter =
        start(
            web(
                """
        tls_server_config:
          cert_file: server.pem
          key_file: server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.pem
        """))) {
      assertEquals(
          200,
          get(TlsFixtures.clientContext("client"), https(exporter, "/-/healthy")).statusCode());
      // Without a certificate, loopback (the container's HEALTHCHECK) gets /-/healthy only.
      assertEquals(
          200, get(TlsFixtures.clientContext(null), https(exporter, "/-/healthy")).statusCode());
      assertEquals(
          403, get(TlsFixtures.clientContext(null), https(exporter, "/metrics")).statusCode());
      assertEquals(403, get(TlsFixtures.clientContext(null), https(exporter, "/")).statusCode());
      // A certificate from outside the CA is not even offered (the server names its CA), so the
      // stranger is just another client without one.
      assertEquals(
          403,
          get(TlsFixtures.clientContext("stranger"), https(exporter, "/metrics")).statusCode());
    }
  }

  @Test
  void basicAuthRightWrongUnknownAndMissing() throws Exception {
    org.enqueue(Samples.limits());
    String user = HASH_LINE.substring(0, HASH_LINE.indexOf(':'));
    String hash = HASH_LINE.substring(HASH_LINE.indexOf(':') + 1);
    try (RunningExporter exporter =
        start(web("basic_auth_users:\n  " + user + ": " + hash + "\n"))) {
      HttpResponse<String> right =
          exporter.get("/metrics", "Authorization", basic("prometheus", "scrape-me-please"));
      assertEquals(200, right.statusCode());
      assertTrue(right.body().contains("salesforce_up{org=\"secured\"} 1.0"));

      HttpResponse<String> missing = exporter.get("/metrics");
      assertEquals(401, missing.statusCode());
      assertTrue(
          missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
      assertEquals(
          401,
          exporter.get("/metrics", "Authorization", basic("prometheus", "wrong")).statusCode());
      assertEquals(
          401,
          exporter
              .get("/metrics", "Authorization", basic("mallory", "scrape-me-please"))
              .statusCode());
      assertEquals(
          401, exporter.get("/metrics", "Authorization", "Basic !!!not-base64").statusCode());
      assertEquals(
          401,
          exporter.get("/-/healthy").statusCode(),
          "probes are closed unless the operator opens them");
      assertEquals(401, exporter.get("/").statusCode());
      assertEquals(1, org.getRequestCount(), "refused scrapes never reach Salesforce");

      // An unknown user costs a bcrypt check like a wrong password, so timing does not tell
      // which users exist (without it, an unknown user would answer ~50x faster).
      double wrongPassword = medianMillis(exporter, basic("prometheus", "wrong"));
      double unknownUser = medianMillis(exporter, basic("mallory", "wrong"));
      assertTrue(
          unknownUser > 0.5 * wrongPassword,
          "unknown user " + unknownUser + " ms vs wrong password " + wrongPassword + " ms");
    }
  }

  @Test
  void probesCanBeOpenedWhileEverythingElseNeedsAuth() throws Exception {
    String user = HASH_LINE.substring(0, HASH_LINE.indexOf(':'));
    String hash = HASH_LINE.substring(HASH_LINE.indexOf(':') + 1);
    try (RunningExporter exporter =
        start(
            web("basic_auth_users:\n  " + user + ": " + hash + "\n").withProbesWithoutAuth(true))) {
      assertEquals(200, exporter.get("/-/healthy").statusCode());
      assertEquals(200, exporter.get("/-/ready").statusCode());
      assertEquals(401, exporter.get("/metrics").statusCode());
      for (String page : List.of("/", "/org/secured", "/api/v1/orgs", "/api/v1/orgs/secured")) {
        assertEquals(
            401, exporter.get(page).statusCode(), page + " needs the same auth as /metrics");
      }
      assertEquals(
          200,
          exporter
              .get("/org/secured", "Authorization", basic("prometheus", "scrape-me-please"))
              .statusCode());
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static double medianMillis(RunningExporter exporter, String authorization) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      assertEquals(401, exporter.get("/-/healthy", "Authorization", authorization).statusCode());
      times.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(times);
    return times.get(2);
  }
}
