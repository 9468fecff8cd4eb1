package dev.sfexporter.testing;

import dev.sfexporter.config.PemCertificates;
import dev.sfexporter.config.PemPrivateKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The test CA, server and client certificates of src/test/resources/tls. */
public final class TlsFixtures {
  private TlsFixtures() {}

  /** Copies a fixture into {@code dir} and returns its path there. */
  public static Path copy(Path dir, String name) {
    try {
      return Files.writeString(dir.resolve(name), Samples.resource("/tls/" + name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server context presenting the test server certificate (for an HTTPS MockWebServer). */
  public static SSLContext serverContext() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setKeyEntry(
        "server",
        PemPrivateKeys.parseRsaOrEc(Samples.resource("/tls/server.key")),
        new char[0],
        PemCertificates.parse(Samples.resource("/tls/server.pem")).toArray(new X509Certificate[0]));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** A client context that trusts the test CA and, if {@code clientCert} is given, presents it. */
  public static SSLContext clientContext(String clientCert)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(PemCertificates.trustStore(PemCertificates.parse(Samples.resource("/tls/ca.pem"))));
    KeyManagerFactory keys = null;
    if (clientCert != null) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setKeyEntry(
          "client",
          PemPrivateKeys.parseRsaOrEc(Samples.resource("/tls/" + clientCert + ".key")),
          new char[0],
          PemCertificates.parse(Samples.resource("/tls/" + clientCert + ".pem"))
              .toArray(new X509Certificate[0]));
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }
}
