package dev.sfexporter.config;

import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * How the exporter's own HTTP endpoint is protected ({@code --web.config.file}, in the Prometheus
 * exporter-toolkit format).
 *
 * @param tls null for plain HTTP
 * @param users basic auth users: name to bcrypt hash; empty for no authentication
 * @param headers response headers added to every answer
 * @param warnings settings read but not applied (e.g. Go cipher suite names), to be logged
 * @param probesWithoutAuth {@code /-/healthy} and {@code /-/ready} answer without credentials
 */
public record WebConfig(
    Tls tls,
    Map<String, String> users,
    Map<String, String> headers,
    List<String> warnings,
    boolean probesWithoutAuth) {

  public static final WebConfig PLAIN = new WebConfig(null, Map.of(), Map.of(), List.of(), false);

  /** Whether and how a client must present a certificate. */
  public enum ClientAuth {
    NONE,
    WANT,
    NEED
  }

  /**
   * @param context server key and certificate, and the trust used for client certificates
   * @param protocols the TLS versions allowed, e.g. TLSv1.2 and TLSv1.3
   */
  public record Tls(SSLContext context, ClientAuth clientAuth, List<String> protocols) {}

  public WebConfig {
    users = Map.copyOf(users);
    headers = Map.copyOf(headers);
    warnings = List.copyOf(warnings);
  }

  public WebConfig withProbesWithoutAuth(boolean open) {
    return new WebConfig(tls, users, headers, warnings, open);
  }
}
