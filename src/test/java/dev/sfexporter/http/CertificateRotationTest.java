package dev.sfexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TlsFixtures;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate files replaced on disk are served without a restart; client_allowed_sans. */
class CertificateRotationTest {
  @TempDir Path dir;

  private HttpsServer start(String yaml) throws Exception {
    return HttpsServer.start(
        dir, yaml, web -> web, new PrometheusRegistry(), () -> new Reloader.Outcome(false, ""));
  }

  @Test
  void replacedCertificateFilesArePresentedAtTheNextHandshake() throws Exception {
    try (HttpsServer server = start(HttpsServer.TLS)) {
      assertEquals("RSA", presented(server).getPublicKey().getAlgorithm());

      // Written as a deployment tool does: to a temporary name, then moved into place. A
      // half-done rotation (new key, old certificate) is refused by the key check and the old
      // certificate keeps serving.
      replace("server.key", "server-ec.key");
      Thread.sleep(CertificateReloader.INTERVAL.multipliedBy(3).toMillis());
      assertEquals("RSA", presented(server).getPublicKey().getAlgorithm());
      assertEquals(200, server.get("/-/healthy").statusCode());
      replace("server.pem", "server-ec.pem");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      String algorithm = "RSA";
      while (!algorithm.equals("EC") && System.nanoTime() < deadline) {
        Thread.sleep(200);
        algorithm = presented(server).getPublicKey().getAlgorithm();
      }
      assertEquals("EC", algorithm, "the new certificate is served");
      assertEquals(200, server.get("/-/healthy").statusCode());
    }
  }

  @Test
  void aChangedClientAuthTypeWaitsForARestartInsteadOfOpeningPaths() throws Exception {
    try (dev.sfexporter.testing.LogCapture logs = new dev.sfexporter.testing.LogCapture();
        HttpsServer server = start(HttpsServer.TLS)) {
      Files.writeString(
          dir.resolve("web.yml"),
          HttpsServer.TLS
              + "  client_auth_type: RequireAndVerifyClientCert\n"
              + "  client_ca_file: ca.pem\n");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (logs.linesWith("client_auth_type changed").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertEquals(1, logs.linesWith("client_auth_type changed").size(), logs.all());
      assertEquals(200, server.get("/-/healthy").statusCode(), "the running mode is unchanged");
    }
  }

  @Test
  void clientAllowedSansLetsOnlyANamedClientIn() throws Exception {
    try (HttpsServer server =
        start(
            HttpsServer.TLS
                + "  client_auth_type: RequireAndVerifyClientCert\n"
                + "  client_ca_file: ca.pem\n"
                + "  client_allowed_sans: [prometheus.monitoring.example]\n")) {
      HttpRequest.Builder metrics = HttpRequest.newBuilder(server.uri("/metrics"));
      assertEquals(200, server.send(TlsFixtures.clientContext("client-san"), metrics).statusCode());
      assertThrows(
          IOException.class,
          () -> server.send(TlsFixtures.clientContext("client"), metrics),
          "signed by the CA, but names none of the allowed SANs");
    }
  }

  private void replace(String target, String fixture) throws IOException {
    Path next =
        Files.writeString(dir.resolve(target + ".new"), Samples.resource("/tls/" + fixture));
    Files.move(next, dir.resolve(target), StandardCopyOption.REPLACE_EXISTING);
  }

  /** The certificate a fresh handshake presents (a new client: no session to resume). */
  private static X509Certificate presented(HttpsServer server) throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            TlsFixtures.clientContext(null)
                .getSocketFactory()
                .createSocket("127.0.0.1", server.server.port())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
