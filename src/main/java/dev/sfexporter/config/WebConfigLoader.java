package dev.sfexporter.config;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a web configuration file in the exporter-toolkit format that node_exporter and friends use:
 * {@code tls_server_config}, {@code basic_auth_users}, {@code http_server_config.headers}.
 */
public final class WebConfigLoader {
  private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
  private static final Set<String> ALLOWED_HEADERS =
      Set.of(
          "Strict-Transport-Security",
          "X-Content-Type-Options",
          "X-Frame-Options",
          "X-XSS-Protection",
          "Content-Security-Policy");
  private static final String BCRYPT = "\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}";

  private WebConfigLoader() {}

  public static WebConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = BoundedFiles.read(file, BoundedFiles.MAX_CONFIG_BYTES);
    } catch (IOException e) {
      throw new ConfigException(
          "--web.config.file: cannot read " + file + ": " + ConfigNode.describe(e));
    }
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new ConfigException("--web.config.file: " + file + " is not valid YAML");
    }
    if (document == null) {
      return WebConfig.PLAIN;
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new ConfigException("--web.config.file: " + file + " must be a YAML mapping");
    }
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Path dir = file.toAbsolutePath().getParent();
    @SuppressWarnings("unchecked")
    ConfigNode root =
        ConfigNode.root(
            (Map<String, Object>) map,
            new ConfigNode.Context(problems, name -> null, dir == null ? Path.of(".") : dir));
    WebConfig.Tls tls =
        root.child("tls_server_config").map(node -> tls(node, warnings)).orElse(null);
    Map<String, String> users = users(root);
    Map<String, String> headers = new LinkedHashMap<>();
    root.child("http_server_config")
        .ifPresent(
            http -> {
              http.child("headers").ifPresent(h -> headers.putAll(headers(h)));
              if (http.bool("http2").isPresent()) {
                warnings.add(
                    "http_server_config.http2 is not applied: the exporter serves HTTP/1.1");
              }
              http.reportUnusedKeys();
            });
    root.reportUnusedKeys();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new WebConfig(tls, users, headers, warnings, false);
  }

  private static WebConfig.Tls tls(ConfigNode node, List<String> warnings) {
    Optional<String> certFile = node.requiredString("cert_file");
    Optional<String> keyFile = node.requiredString("key_file");
    String clientAuthType = node.string("client_auth_type").orElse("NoClientCert");
    Optional<String> clientCaFile = node.string("client_ca_file");
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
    Optional<List<X509Certificate>> chain =
        certFile.flatMap(f -> node.readFileAs("cert_file", f, PemCertificates::parse));
    Optional<PrivateKey> key =
        keyFile.flatMap(f -> node.readFileAs("key_file", f, PemPrivateKeys::parseRsaOrEc));
    Optional<List<X509Certificate>> clientCas =
        clientCaFile.flatMap(f -> node.readFileAs("client_ca_file", f, PemCertificates::parse));
    if (chain.isEmpty() || key.isEmpty() || (verify && clientCas.isEmpty()) || protocols == null) {
      return null;
    }
    try {
      return new WebConfig.Tls(
          context(chain.get(), key.get(), verify ? clientCas.get() : null), clientAuth, protocols);
    } catch (GeneralSecurityException | IOException e) {
      node.problem(node.field("key_file"), "does not go with cert_file: " + e.getMessage());
      return null;
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

  private static SSLContext context(
      List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas)
      throws GeneralSecurityException, IOException {
    char[] password = new char[0];
    KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
    keys.load(null, null);
    keys.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    TrustManager[] trust;
    if (clientCas != null) {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(PemCertificates.trustStore(clientCas));
      trust = factory.getTrustManagers();
    } else {
      // RequestClientCert / RequireAnyClientCert: the toolkit asks for a certificate without
      // verifying it. This trust manager only ever judges client certificates.
      trust = new TrustManager[] {new AnyClientCertificate()};
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trust, null);
    keys.getKey(
        "server", password); // fails here, not at the first handshake, if the key is unusable
    return context;
  }

  private static Map<String, String> users(ConfigNode root) {
    Map<String, String> users = new LinkedHashMap<>();
    root.child("basic_auth_users")
        .ifPresent(
            node -> {
              for (String user : node.keys()) {
                node.string(user)
                    .ifPresent(
                        hash -> {
                          if (!hash.matches(BCRYPT)) {
                            node.problem(
                                node.field(user),
                                "is not a bcrypt hash; make one with: htpasswd -nBC 10 " + user);
                          } else {
                            users.put(user, hash);
                          }
                        });
              }
            });
    return users;
  }

  private static Map<String, String> headers(ConfigNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : node.keys()) {
      if (!ALLOWED_HEADERS.contains(name)) {
        node.problem(
            node.field(name),
            "is not a header that can be set; allowed: "
                + String.join(", ", new java.util.TreeSet<>(ALLOWED_HEADERS)));
        node.string(name);
      } else {
        node.string(name).ifPresent(value -> headers.put(name, value));
      }
    }
    return headers;
  }

  /** Accepts any client certificate: for client_auth_type values that do not verify. */
  private static final class AnyClientCertificate implements X509TrustManager {
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
