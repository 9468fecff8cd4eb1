package dev.sfexporter;

import static dev.sfexporter.testing.PackagedJar.awaitTrue;
import static dev.sfexporter.testing.PackagedJar.freePort;
import static dev.sfexporter.testing.PackagedJar.get;
import static dev.sfexporter.testing.PackagedJar.runHealthcheck;
import static dev.sfexporter.testing.PackagedJar.signal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.PackagedJar;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestOrgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in the hard cases: the Dockerfile's HEALTHCHECK against mutual TLS with basic
 * auth, and SIGTERM with scrapes in flight, within the platform's 10 s grace period.
 */
class PackagedJarShutdownIT {
  @TempDir Path dir;
  @StartStop final MockWebServer salesforce = new MockWebServer();
  private final PackagedJar jar = new PackagedJar();

  PackagedJarShutdownIT() throws IOException {}

  @AfterEach
  void stopProcesses() throws InterruptedException {
    jar.close();
  }

  @Test
  void healthcheckPassesWithTlsClientCertificatesAndBasicAuth() throws Exception {
    for (String name : List.of("server.pem", "server.key", "ca.pem")) {
      Files.writeString(dir.resolve(name), Samples.resource("/tls/" + name));
    }
    Path web =
        Files.writeString(
            dir.resolve("web.yml"),
            "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.pem\n"
                + "basic_auth_users:\n  "
                + Samples.resource("/tls/htpasswd.txt").strip().replaceFirst(":", ": ")
                + "\n");
    int port = freePort();
    Path log = dir.resolve("mtls.log");
    jar.start(log, "--demo", "--web.listen-address=127.0.0.1:" + port, "--web.config.file=" + web);
    List<String> healthcheck = jar.healthcheck();
    // The default URL is plain http; the probe finds https itself and needs no certificate.
    awaitTrue(() -> runHealthcheck(healthcheck, port) == 0, "HEALTHCHECK passes over mTLS", log);
  }

  @Test
  void sigtermUnderLoadRefusesNewScrapesAndExitsWithin8Seconds() throws Exception {
    // Salesforce never answers in time, so every scrape is in flight until its 20 s deadline.
    salesforce.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return Samples.limits().newBuilder().headersDelay(30, TimeUnit.SECONDS).build();
          }
        });
    Path config = dir.resolve("exporter.yml");
    Files.writeString(config, "timeout: 20s\norgs:\n" + slowOrg());
    int port = freePort();
    Path log = dir.resolve("load.log");
    Process exporter =
        jar.start(log, "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port);
    awaitTrue(() -> get(port, "/-/ready").statusCode() == 200, "ready", log);
    AtomicBoolean loading = new AtomicBoolean(true);
    List<CompletableFuture<Void>> load = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      load.add(
          CompletableFuture.runAsync(
              () -> {
                while (loading.get()) {
                  try {
                    get(port, "/metrics");
                  } catch (RuntimeException refusedOrCut) {
                    // expected once stopping
                  }
                }
              }));
    }
    Thread.sleep(1500);
    signal("TERM", exporter);
    long stopping = System.nanoTime();
    Thread.sleep(300);
    assertEquals(503, get(port, "/-/ready").statusCode(), "not ready while stopping");
    long asked = System.nanoTime();
    assertEquals(503, get(port, "/metrics").statusCode(), "new scrapes refused");
    assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(1), "refused at once");
    assertTrue(exporter.waitFor(15, TimeUnit.SECONDS), "exits");
    double seconds = (System.nanoTime() - stopping) / 1e9;
    loading.set(false);
    System.out.printf("exit %.1f s after SIGTERM with 8 scrapes in flight%n", seconds);
    assertTrue(seconds < 8, "exited " + seconds + " s after SIGTERM; the platform allows 10");
    assertTrue(Files.readString(log).contains("msg=stopped"), Files.readString(log));
    CompletableFuture.allOf(load.toArray(new CompletableFuture<?>[0])).get(35, TimeUnit.SECONDS);
  }

  private String slowOrg() {
    return "  - name: slow\n    login_url: "
        + TestOrgs.base(salesforce)
        + "\n    refresh_interval: 1h\n"
        + "    auth: {type: access_token, access_token: t, instance_url: "
        + TestOrgs.base(salesforce)
        + "}\n";
  }
}
