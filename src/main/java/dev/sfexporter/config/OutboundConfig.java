package dev.sfexporter.config;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How the exporter reaches Salesforce from a locked-down network.
 *
 * @param proxy null to connect directly
 * @param extraCaCertificates trusted in addition to the JVM's CAs (a TLS-inspecting proxy's CA)
 */
public record OutboundConfig(Proxy proxy, List<X509Certificate> extraCaCertificates) {
  public static final OutboundConfig DIRECT = new OutboundConfig(null, List.of());

  public OutboundConfig {
    extraCaCertificates = List.copyOf(extraCaCertificates);
  }

  /**
   * @param httpsProxy for https targets (Salesforce), or null
   * @param httpProxy for plain http targets, or null
   * @param username proxy authentication, or null
   * @param noProxy hosts reached directly: {@code host}, {@code .domain} / {@code domain} (and its
   *     subdomains), or {@code *}
   */
  public record Proxy(
      URI httpsProxy, URI httpProxy, String username, Secret password, List<String> noProxy) {
    public Proxy {
      noProxy = List.copyOf(noProxy);
    }
  }
}
