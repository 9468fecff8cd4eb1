package dev.sfexporter.config;

import java.net.URI;
import java.time.Duration;

/**
 * One watched org.
 *
 * @param name the {@code org} label value
 * @param loginUrl where tokens come from, without a trailing slash
 * @param apiVersion e.g. {@code 64.0}, or {@code auto} for the newest the org offers
 * @param refreshInterval a cached /limits response younger than this is served as is
 * @param timeout bounds one refresh: the token request, the call and a retry together
 * @param maxStaleness how long the last good values are served while refreshes fail
 */
public record OrgConfig(
    String name,
    URI loginUrl,
    String apiVersion,
    Duration refreshInterval,
    Duration timeout,
    Duration maxStaleness,
    AuthConfig auth) {

  /** With the default {@code max_staleness}. */
  public OrgConfig(
      String name,
      URI loginUrl,
      String apiVersion,
      Duration refreshInterval,
      Duration timeout,
      AuthConfig auth) {
    this(
        name,
        loginUrl,
        apiVersion,
        refreshInterval,
        timeout,
        ExporterConfig.DEFAULT_MAX_STALENESS,
        auth);
  }

  /**
   * What identifies the connection: while it stays the same across a reload, the org keeps its
   * token, cached answers and back-off.
   */
  public record Connection(String name, URI loginUrl, AuthConfig auth) {}

  public Connection connection() {
    return new Connection(name, loginUrl, auth.connectionIdentity());
  }
}
