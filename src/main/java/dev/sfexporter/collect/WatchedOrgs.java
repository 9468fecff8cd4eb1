package dev.sfexporter.collect;

import dev.sfexporter.collect.sources.ApiUsageSource;
import dev.sfexporter.collect.sources.LimitsSource;
import dev.sfexporter.collect.sources.RecordCountsSource;
import dev.sfexporter.config.AuthType;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.salesforce.ApiCallRecorder;
import dev.sfexporter.salesforce.ApiVersions;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.SalesforceHttp;
import dev.sfexporter.salesforce.Soql;
import dev.sfexporter.salesforce.auth.TokenEndpoint;
import dev.sfexporter.salesforce.auth.TokenSource;
import dev.sfexporter.salesforce.auth.TokenSources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orgs being watched. Applying a new list keeps every org whose connection (name, login URL,
 * credentials) did not change, with its token, cached answers and back-off, and puts its new
 * settings in force; it drops the counters of removed orgs.
 */
public final class WatchedOrgs {
  private final SalesforceHttp http;
  private final ApiCallCounters counters;
  private final Clock clock;
  private final RefreshThreads threads;
  private volatile List<WatchedOrg> orgs = List.of();

  public WatchedOrgs(
      SalesforceHttp http, ApiCallCounters counters, Clock clock, RefreshThreads threads) {
    this.http = http;
    this.counters = counters;
    this.clock = clock;
    this.threads = threads;
  }

  public List<WatchedOrg> all() {
    return orgs;
  }

  /** The watched orgs among {@code names}, in configuration order; unknown names are skipped. */
  public List<WatchedOrg> named(java.util.Set<String> names) {
    List<WatchedOrg> result = new ArrayList<>(names.size());
    for (WatchedOrg org : orgs) {
      if (names.contains(org.name())) {
        result.add(org);
      }
    }
    return result;
  }

  /** The configured org names, in configuration order: the targets of per-org scraping. */
  public List<String> names() {
    List<String> result = new ArrayList<>();
    orgs.forEach(org -> result.add(org.name()));
    return result;
  }

  public synchronized void apply(List<OrgConfig> configs) {
    Map<OrgConfig.Connection, WatchedOrg> current = new HashMap<>();
    for (WatchedOrg org : orgs) {
      current.put(org.config().connection(), org);
    }
    List<WatchedOrg> next = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (OrgConfig config : configs) {
      WatchedOrg kept = current.get(config.connection());
      if (kept != null && kept.client().tokens().holds(config.auth())) {
        if (!kept.config().apiVersion().equals(config.apiVersion())) {
          kept.client().useVersions(versions(config, counters.forOrg(config.name())));
        }
        kept.reconfigure(config);
        next.add(kept);
      } else {
        next.add(create(config));
      }
      names.add(config.name());
    }
    counters.retainOrgs(names);
    orgs = List.copyOf(next);
  }

  private WatchedOrg create(OrgConfig config) {
    ApiCallRecorder recorder = counters.forOrg(config.name());
    endpointsOf(config).forEach(endpoint -> counters.initialize(config.name(), endpoint));
    if (config.auth().type() != AuthType.ACCESS_TOKEN) {
      counters.initialize(config.name(), TokenEndpoint.ENDPOINT);
    }
    TokenSource tokens = TokenSources.create(config, http, recorder, clock);
    OrgClient client = new OrgClient(tokens, versions(config, recorder), http, recorder);
    return new WatchedOrg(config, client, clock, threads);
  }

  /** The endpoints an org's enabled sources call, so their counters exist at 0 from the start. */
  private static java.util.Set<String> endpointsOf(OrgConfig config) {
    java.util.Set<String> endpoints = new java.util.LinkedHashSet<>();
    config
        .sources()
        .forEach(
            (source, settings) -> {
              if (settings.enabled()) {
                endpoints.add(
                    switch (source) {
                      case Sources.LIMITS -> LimitsSource.ENDPOINT;
                      case Sources.RECORD_COUNTS -> RecordCountsSource.ENDPOINT;
                      default -> Soql.ENDPOINT;
                    });
                if (source.equals(Sources.API_USAGE)) {
                  endpoints.add(ApiUsageSource.LOG_ENDPOINT);
                }
              }
            });
    return endpoints;
  }

  private ApiVersions versions(OrgConfig config, ApiCallRecorder recorder) {
    if (ApiVersions.AUTO.equals(config.apiVersion())) {
      counters.initialize(config.name(), ApiVersions.ENDPOINT);
    }
    return new ApiVersions(config.name(), config.apiVersion(), http, recorder, clock);
  }
}
