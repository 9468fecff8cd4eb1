package dev.sfexporter.collect;

import dev.sfexporter.config.AuthType;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.salesforce.ApiCallRecorder;
import dev.sfexporter.salesforce.LimitsClient;
import dev.sfexporter.salesforce.SalesforceHttp;
import dev.sfexporter.salesforce.auth.TokenEndpoint;
import dev.sfexporter.salesforce.auth.TokenSource;
import dev.sfexporter.salesforce.auth.TokenSources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The orgs being watched. Applying a new list keeps the refresher (and so the token and cache) of
 * every org whose configuration did not change, and drops the counters of removed orgs.
 */
public final class WatchedOrgs {
  private final SalesforceHttp http;
  private final ApiCallCounters counters;
  private final Clock clock;
  private final Executor executor;
  private volatile List<OrgRefresher> orgs = List.of();

  public WatchedOrgs(
      SalesforceHttp http, ApiCallCounters counters, Clock clock, Executor executor) {
    this.http = http;
    this.counters = counters;
    this.clock = clock;
    this.executor = executor;
  }

  public List<OrgRefresher> all() {
    return orgs;
  }

  public synchronized void apply(List<OrgConfig> configs) {
    Map<OrgConfig, OrgRefresher> current = new HashMap<>();
    for (OrgRefresher org : orgs) {
      current.put(org.config(), org);
    }
    List<OrgRefresher> next = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (OrgConfig config : configs) {
      OrgRefresher kept = current.get(config);
      next.add(kept != null ? kept : create(config));
      names.add(config.name());
    }
    counters.retainOrgs(names);
    orgs = List.copyOf(next);
  }

  private OrgRefresher create(OrgConfig config) {
    ApiCallRecorder recorder = counters.forOrg(config.name());
    counters.initialize(config.name(), LimitsClient.ENDPOINT);
    if (config.auth().type() != AuthType.ACCESS_TOKEN) {
      counters.initialize(config.name(), TokenEndpoint.ENDPOINT);
    }
    TokenSource tokens = TokenSources.create(config, http, recorder, clock);
    LimitsClient client =
        new LimitsClient(config.apiVersion(), config.timeout(), tokens, http, recorder);
    return new OrgRefresher(config, client, tokens, clock, executor);
  }
}
