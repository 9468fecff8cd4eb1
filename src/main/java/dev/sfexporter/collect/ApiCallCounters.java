package dev.sfexporter.collect;

import dev.sfexporter.salesforce.ApiCallRecorder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The exporter's own Salesforce calls, per org and endpoint: what watching the limits costs. */
public final class ApiCallCounters {
  /** One counter pair as it stands now. */
  public record Count(String org, String endpoint, long requests, long failures) {}

  private record Key(String org, String endpoint) {}

  private record Adders(LongAdder requests, LongAdder failures) {}

  private final ConcurrentHashMap<Key, Adders> counts = new ConcurrentHashMap<>();

  /** The recorder for one org's client code. */
  public ApiCallRecorder forOrg(String org) {
    return (endpoint, failed) -> {
      Adders adders = adders(org, endpoint);
      adders.requests().increment();
      if (failed) {
        adders.failures().increment();
      }
    };
  }

  /** Makes the series exist at 0 before the first call, so rate() works from the start. */
  public void initialize(String org, String endpoint) {
    adders(org, endpoint);
  }

  /** Drops the counters of orgs no longer configured. */
  public void retainOrgs(Collection<String> orgs) {
    counts.keySet().removeIf(key -> !orgs.contains(key.org()));
  }

  public List<Count> snapshot() {
    List<Count> result = new ArrayList<>();
    counts.forEach(
        (key, adders) ->
            result.add(
                new Count(
                    key.org(), key.endpoint(), adders.requests().sum(), adders.failures().sum())));
    return result;
  }

  private Adders adders(String org, String endpoint) {
    return counts.computeIfAbsent(
        new Key(org, endpoint), k -> new Adders(new LongAdder(), new LongAdder()));
  }
}
