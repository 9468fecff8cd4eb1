package dev.sfexporter.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * How the exporter's own HTTP endpoint is protected ({@code --web.config.file}, in the Prometheus
 * exporter-toolkit format) and served (the {@code --web.*} flags).
 *
 * @param source the web config file, to read again when its TLS files change; null for none
 * @param tls null for plain HTTP
 * @param users basic auth users: name to bcrypt hash; empty for no authentication
 * @param headers response headers added to every answer
 * @param warnings settings read but not applied (e.g. Go cipher suite names), to be logged
 * @param flags what the command line decided about serving
 */
public record WebConfig(
    Path source,
    Tls tls,
    Map<String, String> users,
    Map<String, String> headers,
    List<String> warnings,
    Flags flags) {

  public static final WebConfig PLAIN =
      new WebConfig(null, null, Map.of(), Map.of(), List.of(), Flags.DEFAULT);

  /** Whether and how a client must present a certificate. */
  public enum ClientAuth {
    NONE,
    WANT,
    NEED
  }

  /**
   * @param context server key and certificate, and the trust used for client certificates
   * @param protocols the TLS versions allowed, e.g. TLSv1.2 and TLSv1.3
   * @param files the certificate, key and client CA files: a change to one reloads the context
   */
  public record Tls(
      SSLContext context, ClientAuth clientAuth, List<String> protocols, List<Path> files) {
    public Tls {
      protocols = List.copyOf(protocols);
      files = List.copyOf(files);
    }
  }

  /**
   * @param probesWithoutAuth {@code /-/healthy} and {@code /-/ready} answer without credentials
   * @param lifecycle {@code POST /-/reload} is allowed ({@code --web.enable-lifecycle})
   * @param maxRequests concurrent {@code /metrics} requests; 0 for no limit
   */
  public record Flags(boolean probesWithoutAuth, boolean lifecycle, int maxRequests) {
    /** As node_exporter: lifecycle off, at most 40 scrapes at once. */
    public static final Flags DEFAULT = new Flags(false, false, 40);

    public Flags {
      if (maxRequests < 0) {
        throw new IllegalArgumentException(
            "--web.max-requests must be 0 (no limit) or more, not " + maxRequests);
      }
    }
  }

  public WebConfig {
    users = Map.copyOf(users);
    headers = Map.copyOf(headers);
    warnings = List.copyOf(warnings);
  }

  public boolean probesWithoutAuth() {
    return flags.probesWithoutAuth();
  }

  public WebConfig withFlags(Flags next) {
    return new WebConfig(source, tls, users, headers, warnings, next);
  }

  public WebConfig withProbesWithoutAuth(boolean open) {
    return withFlags(new Flags(open, flags.lifecycle(), flags.maxRequests()));
  }

  public WebConfig withLifecycle(boolean enabled) {
    return withFlags(new Flags(flags.probesWithoutAuth(), enabled, flags.maxRequests()));
  }

  public WebConfig withMaxRequests(int max) {
    return withFlags(new Flags(flags.probesWithoutAuth(), flags.lifecycle(), max));
  }
}
