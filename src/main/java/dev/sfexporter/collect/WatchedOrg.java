package dev.sfexporter.collect;

import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.OrgLimits;
import dev.sfexporter.salesforce.auth.TokenSource;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * One watched org: its configuration, its Salesforce client (token and API version) and its
 * sources, each refreshed on its own schedule.
 */
public final class WatchedOrg {
  private volatile OrgConfig config;
  private final OrgClient client;
  private final SourceRefresher<OrgLimits> limits;

  WatchedOrg(OrgConfig config, OrgClient client, Clock clock, Executor executor) {
    this.config = config;
    this.client = client;
    this.limits =
        new SourceRefresher<>(
            config.name(),
            LimitsSource.NAME,
            deadline -> LimitsSource.fetch(client, deadline),
            scheduleOf(config),
            clock,
            executor);
  }

  public OrgConfig config() {
    return config;
  }

  public String name() {
    return config.name();
  }

  public OrgClient client() {
    return client;
  }

  public SourceRefresher<OrgLimits> limits() {
    return limits;
  }

  /** The token source's state for the landing page (back-off, stopped sign-ins). */
  public String authState() {
    TokenSource tokens = client.tokens();
    return tokens.state();
  }

  /**
   * A reload changed only settings (intervals, timeout, staleness, API version): the token, the
   * cached answers and the back-off stay.
   */
  void reconfigure(OrgConfig next) {
    config = next;
    limits.reschedule(scheduleOf(next));
    client.tokens().resetAfterReload();
  }

  private static SourceRefresher.Schedule scheduleOf(OrgConfig config) {
    return new SourceRefresher.Schedule(
        config.refreshInterval(), config.timeout(), config.maxStaleness());
  }
}
