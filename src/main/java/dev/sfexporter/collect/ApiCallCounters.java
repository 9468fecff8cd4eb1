package dev.sfexporter.collect;

import dev.sfexporter.salesforce.ApiCallRecorder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The exporter's own Salesforce calls, per org and endpoint: what watching the limits costs. */
public final class ApiCallCounters {
  /** One counter pair as it stands now. */
  public record Count(String org, String endpoint, long requests, long failures) {}

  private record Adders(LongAdder requests, LongAdder failures) {}

  /**
   * One org's counters. A refresh still in flight when its org is removed keeps recording here,
   * into an object nobody reads any more, so a removed org never reappears.
   */
  private static final class OrgCalls implements ApiCallRecorder {
    private final ConcurrentHashMap<String, Adders> byEndpoint = new ConcurrentHashMap<>();
    private final RecentCalls recent;

    OrgCalls(Clock clock) {
      recent = new RecentCalls(clock);
    }

    @Override
    public void record(String endpoint, boolean failed) {
      Adders adders = adders(endpoint);
      adders.requests().increment();
      if (failed) {
        adders.failures().increment();
      }
      recent.record(endpoint, failed);
    }

    Adders adders(String endpoint) {
      return byEndpoint.computeIfAbsent(
          endpoint, e -> new Adders(new LongAdder(), new LongAdder()));
    }
  }

  private final ConcurrentHashMap<String, OrgCalls> byOrg = new ConcurrentHashMap<>();
  private final Clock clock;

  public ApiCallCounters() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock for the hourly buckets of {@link #lastDay}
   */
  public ApiCallCounters(Clock clock) {
    this.clock = clock;
  }

  /** The recorder for one org's client code. */
  public ApiCallRecorder forOrg(String org) {
    return byOrg.computeIfAbsent(org, o -> new OrgCalls(clock));
  }

  /** Makes the series exist at 0 before the first call, so rate() works from the start. */
  public void initialize(String org, String endpoint) {
    byOrg.computeIfAbsent(org, o -> new OrgCalls(clock)).adders(endpoint);
  }

  /** Drops the counters of orgs no longer configured. */
  public void retainOrgs(Collection<String> orgs) {
    byOrg.keySet().removeIf(org -> !orgs.contains(org));
  }

  /** One org's calls in the last 24 hours (or since it is watched), for the landing page. */
  public RecentCalls.Window lastDay(String org) {
    OrgCalls calls = byOrg.get(org); // a read never creates counters
    return calls == null
        ? new RecentCalls.Window(clock.instant(), Map.of(), Map.of())
        : calls.recent.lastDay();
  }

  /** One org's counters as they stand now; none for an org not watched. */
  public List<Count> of(String org) {
    OrgCalls calls = byOrg.get(org); // a read never creates counters
    if (calls == null) {
      return List.of();
    }
    List<Count> result = new ArrayList<>(calls.byEndpoint.size());
    calls.byEndpoint.forEach(
        (endpoint, adders) ->
            result.add(new Count(org, endpoint, adders.requests().sum(), adders.failures().sum())));
    return result;
  }

  public List<Count> snapshot() {
    List<Count> result = new ArrayList<>();
    byOrg.forEach(
        (org, calls) ->
            calls.byEndpoint.forEach(
                (endpoint, adders) ->
                    result.add(
                        new Count(
                            org, endpoint, adders.requests().sum(), adders.failures().sum()))));
    return result;
  }
}
