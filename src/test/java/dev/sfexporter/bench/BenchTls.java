package dev.sfexporter.bench;

import dev.sfexporter.config.PemCertificates;
import dev.sfexporter.config.PemPrivateKeys;
import dev.sfexporter.testing.Samples;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS for the fake Salesforce: the test server certificate (2048-bit RSA, as Salesforce's, for
 * 127.0.0.1), and its test CA trusted by the exporter as the JVM's own CAs are trusted (a trust
 * store given by system property), so that each handshake verifies one chain as it would against
 * the real Salesforce (a {@code ca_file} would first try the JVM's CAs, then the extra ones).
 */
final class BenchTls {
  private static final char[] PASSWORD = "bench".toCharArray();

  private BenchTls() {}

  static SSLContext server() throws Exception {
    List<X509Certificate> chain = PemCertificates.parse(Samples.resource("/tls/server.pem"));
    PrivateKey key = PemPrivateKeys.parseRsaOrEc(Samples.resource("/tls/server.key"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", key, PASSWORD, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  /** Trusts the test CA only: for this JVM's clients of the fake. */
  static SSLContext client() throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(caStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** The JVM options that make the exporter trust the test CA: a trust store in {@code dir}. */
  static String exporterJavaOptions(Path dir) throws Exception {
    Path store = dir.resolve("bench-ca.p12");
    try (OutputStream out = Files.newOutputStream(store)) {
      caStore().store(out, PASSWORD);
    }
    return "-Djavax.net.ssl.trustStore="
        + store
        + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword="
        + new String(PASSWORD);
  }

  private static KeyStore caStore() throws Exception {
    return PemCertificates.trustStore(PemCertificates.parse(Samples.resource("/tls/ca.pem")));
  }
}
