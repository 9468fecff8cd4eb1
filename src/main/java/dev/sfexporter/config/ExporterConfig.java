package dev.sfexporter.config;

import java.time.Duration;
import java.util.List;

/**
 * The whole configuration file, defaults applied.
 *
 * @param listenAddress {@code host:port} or {@code :port}; the command line flag wins over it
 * @param timeout how long a scrape waits for Salesforce when Prometheus sends no deadline
 * @param outbound proxy and extra CAs for the connections to Salesforce
 */
public record ExporterConfig(
    String listenAddress,
    String apiVersion,
    Duration refreshInterval,
    Duration timeout,
    Duration maxStaleness,
    OutboundConfig outbound,
    List<OrgConfig> orgs) {

  public static final String DEFAULT_LISTEN_ADDRESS = ":9917";

  /** Salesforce's /limits figures are "accurate within five minutes": faster buys nothing. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofHours(1);
  public static final String DEFAULT_API_VERSION = "auto";

  public ExporterConfig {
    orgs = List.copyOf(orgs);
  }

  /** Direct connections, the JVM's CAs, the default staleness. */
  public ExporterConfig(
      String listenAddress,
      String apiVersion,
      Duration refreshInterval,
      Duration timeout,
      List<OrgConfig> orgs) {
    this(
        listenAddress,
        apiVersion,
        refreshInterval,
        timeout,
        DEFAULT_MAX_STALENESS,
        OutboundConfig.DIRECT,
        orgs);
  }
}
