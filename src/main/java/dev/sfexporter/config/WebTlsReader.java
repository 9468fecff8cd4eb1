package dev.sfexporter.config;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** {@code tls_server_config} of a web config file, checked as far as it can be before serving. */
final class WebTlsReader {
  private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");

  private WebTlsReader() {}

  static WebConfig.Tls read(ConfigNode node, List<String> warnings) {
    Optional<String> certFile = node.requiredString("cert_file");
    Optional<String> keyFile = node.requiredString("key_file");
    String clientAuthType = node.string("client_auth_type").orElse("NoClientCert");
    Optional<String> clientCaFile = node.string("client_ca_file");
    List<String> allowedSans = node.stringList("client_allowed_sans").orElse(List.of());
    String min = node.string("min_version").orElse("TLS12");
    String max = node.string("max_version").orElse("TLS13");
    for (String ignored :
        List.of("cipher_suites", "curve_preferences", "prefer_server_cipher_suites")) {
      if (node.has(ignored)) {
        node.accept(ignored);
        warnings.add(
            "tls_server_config." + ignored + " is not applied: the JVM's defaults are used");
      }
    }
    node.reportUnusedKeys();

    List<String> protocols = protocols(node, min, max);
    WebConfig.ClientAuth clientAuth;
    boolean verify;
    switch (clientAuthType) {
      case "NoClientCert" -> {
        clientAuth = WebConfig.ClientAuth.NONE;
        verify = false;
      }
      case "RequestClientCert" -> {
        clientAuth = WebConfig.ClientAuth.WANT;
        verify = false;
      }
      case "RequireAnyClientCert" -> {
        clientAuth = WebConfig.ClientAuth.NEED;
        verify = false;
      }
      case "VerifyClientCertIfGiven" -> {
        clientAuth = WebConfig.ClientAuth.WANT;
        verify = true;
      }
      case "RequireAndVerifyClientCert" -> {
        clientAuth = WebConfig.ClientAuth.NEED;
        verify = true;
      }
      default -> {
        node.problem(
            node.field("client_auth_type"),
            "unknown value \""
                + clientAuthType
                + "\"; expected"
                + " NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven or"
                + " RequireAndVerifyClientCert");
        return null;
      }
    }
    if (verify && clientCaFile.isEmpty()) {
      node.problem(
          node.field("client_ca_file"), "is required with client_auth_type " + clientAuthType);
    }
    if (!allowedSans.isEmpty() && !verify) {
      // A name on a certificate nobody checked proves nothing: refuse rather than pretend.
      node.problem(
          node.field("client_allowed_sans"),
          "needs client_auth_type RequireAndVerifyClientCert or VerifyClientCertIfGiven");
    }
    Optional<List<X509Certificate>> chain =
        certFile.flatMap(f -> node.readFileAs("cert_file", f, PemCertificates::parse));
    Optional<PrivateKey> key =
        keyFile.flatMap(f -> node.readFileAs("key_file", f, PemPrivateKeys::parseRsaOrEc));
    Optional<List<X509Certificate>> clientCas =
        clientCaFile.flatMap(f -> node.readFileAs("client_ca_file", f, PemCertificates::parse));
    if (chain.isEmpty() || key.isEmpty() || (verify && clientCas.isEmpty()) || protocols == null) {
      return null;
    }
    if (!matches(chain.get().get(0), key.get())) {
      node.problem(
          node.field("key_file"),
          "does not match cert_file: it is not the private key of the certificate's public key");
      return null;
    }
    List<Path> files = new ArrayList<>();
    files.add(node.resolvePath(certFile.get()));
    files.add(node.resolvePath(keyFile.get()));
    clientCaFile.ifPresent(f -> files.add(node.resolvePath(f)));
    try {
      TrustManager trust =
          verify ? verifying(clientCas.get(), allowedSans) : new AnyClientCertificate();
      return new WebConfig.Tls(
          context(chain.get(), key.get(), trust), clientAuth, protocols, files);
    } catch (GeneralSecurityException | IOException e) {
      node.problem(node.field("key_file"), "cannot be used with cert_file: " + e.getMessage());
      return null;
    }
  }

  /** Whether the key signs what the certificate's public key verifies. */
  static boolean matches(X509Certificate certificate, PrivateKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> null;
        };
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] challenge =
          "salesforce-exporter key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an RSA key against an EC certificate
    }
  }

  private static List<String> protocols(ConfigNode node, String min, String max) {
    int from = VERSIONS.indexOf(min);
    int to = VERSIONS.indexOf(max);
    if (from < 0 || to < 0 || from > to) {
      node.problem(
          node.field(from < 0 ? "min_version" : "max_version"),
          "\""
              + (from < 0 ? min : max)
              + "\" is not usable; expected TLS10, TLS11, TLS12 or TLS13, min not above max");
      return null;
    }
    return VERSIONS.subList(from, to + 1).stream()
        .map(v -> "TLSv1." + (v.charAt(4) - '0'))
        .map(v -> v.equals("TLSv1.0") ? "TLSv1" : v)
        .toList();
  }

  private static TrustManager verifying(List<X509Certificate> cas, List<String> allowedSans)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(PemCertificates.trustStore(cas));
    X509ExtendedTrustManager chains = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    return allowedSans.isEmpty() ? chains : new AllowedClientSans(chains, allowedSans);
  }

  private static SSLContext context(List<X509Certificate> chain, PrivateKey key, TrustManager trust)
      throws GeneralSecurityException, IOException {
    char[] password = new char[0];
    KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
    keys.load(null, null);
    keys.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), new TrustManager[] {trust}, null);
    return context;
  }

  /**
   * Accepts any client certificate: for RequestClientCert and RequireAnyClientCert, which ask for
   * one without verifying it. This trust manager only ever judges client certificates.
   */
  private static final class AnyClientCertificate implements javax.net.ssl.X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException(
          "this trust manager judges client certificates only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
