package dev.sfexporter.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One watched org.
 *
 * @param name the {@code org} label value
 * @param loginUrl where tokens come from, without a trailing slash
 * @param apiVersion e.g. {@code 64.0}, or {@code auto} for the newest the org offers
 * @param refreshInterval a cached /limits response younger than this is served as is
 * @param timeout bounds one refresh: the token request, the call and a retry together
 * @param maxStaleness how long the last good values are served while refreshes fail
 * @param sources every source by name ({@link Sources}); the {@code limits} interval is always
 *     {@code refreshInterval}
 */
public record OrgConfig(
    String name,
    URI loginUrl,
    String apiVersion,
    Duration refreshInterval,
    Duration timeout,
    Duration maxStaleness,
    AuthConfig auth,
    Map<String, SourceConfig> sources) {

  public OrgConfig {
    Map<String, SourceConfig> all = new LinkedHashMap<>(Sources.DEFAULTS);
    all.putAll(sources);
    all.put(Sources.LIMITS, all.get(Sources.LIMITS).withInterval(refreshInterval));
    sources = Collections.unmodifiableMap(all);
  }

  /**
   * Only the {@code limits} source, read every {@code refreshInterval}: an org as the exporter
   * watched it before sources existed (tests and benchmarks use it; a configuration file turns
   * every source on by default).
   */
  public OrgConfig(
      String name,
      URI loginUrl,
      String apiVersion,
      Duration refreshInterval,
      Duration timeout,
      Duration maxStaleness,
      AuthConfig auth) {
    this(name, loginUrl, apiVersion, refreshInterval, timeout, maxStaleness, auth, limitsOnly());
  }

  /** This org with only its {@code limits} source on. */
  public OrgConfig onlyLimitsSource() {
    return new OrgConfig(
        name, loginUrl, apiVersion, refreshInterval, timeout, maxStaleness, auth, limitsOnly());
  }

  private static Map<String, SourceConfig> limitsOnly() {
    Map<String, SourceConfig> only = new LinkedHashMap<>();
    Sources.DEFAULTS.forEach(
        (source, config) ->
            only.put(
                source,
                new SourceConfig(
                    source.equals(Sources.LIMITS), config.interval(), config.objects())));
    return only;
  }

  /** Only {@code limits}, with the default {@code max_staleness}. */
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
