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
    OutboundConfig outbound,
    List<OrgConfig> orgs) {

  public static final String DEFAULT_LISTEN_ADDRESS = ":9917";
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public ExporterConfig {
    orgs = List.copyOf(orgs);
  }

  /** Direct connections, the JVM's CAs. */
  public ExporterConfig(
      String listenAddress,
      String apiVersion,
      Duration refreshInterval,
      Duration timeout,
      List<OrgConfig> orgs) {
    this(listenAddress, apiVersion, refreshInterval, timeout, OutboundConfig.DIRECT, orgs);
  }
}
