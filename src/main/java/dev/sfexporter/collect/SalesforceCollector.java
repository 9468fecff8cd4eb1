package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.*;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers a scrape: refreshes the orgs whose data is stale, all at once, waits for them until the
 * scrape's deadline, and reports every org, the late ones as down.
 */
public final class SalesforceCollector implements MultiCollector {
  private final WatchedOrgs orgs;
  private final ApiCallCounters counters;
  private final BuildInfo buildInfo;
  private final Supplier<Duration> timeout;

  /**
   * @param timeout the configured wait when Prometheus sends no deadline; a supplier so that a
   *     reloaded configuration takes effect
   */
  public SalesforceCollector(
      WatchedOrgs orgs, ApiCallCounters counters, BuildInfo buildInfo, Supplier<Duration> timeout) {
    this.orgs = orgs;
    this.counters = counters;
    this.buildInfo = buildInfo;
    this.timeout = timeout;
  }

  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return MetricFamilies.ALL;
  }

  @Override
  public MetricSnapshots collect() {
    return collect(name -> true, null);
  }

  @Override
  public MetricSnapshots collect(PrometheusScrapeRequest request) {
    return collect(name -> true, request);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames) {
    return collect(includedNames, null);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> included, PrometheusScrapeRequest request) {
    List<OrgRefresher> watched = orgs.all();
    Map<OrgRefresher, OrgState> states = new LinkedHashMap<>();
    if (NEED_REFRESH.stream().anyMatch(included)) {
      states = refreshAll(watched, ScrapeDeadline.budget(request, timeout.get()));
    }
    SnapshotWriter writer = new SnapshotWriter(included);
    states.forEach((org, state) -> writer.org(org.name(), state));
    counters.snapshot().forEach(writer::apiCalls);
    writer.buildInfo(buildInfo);
    return writer.build();
  }

  /** Starts every stale org's refresh, then waits for all of them, at most {@code budget}. */
  private static Map<OrgRefresher, OrgState> refreshAll(
      List<OrgRefresher> watched, Duration budget) {
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    List<CompletableFuture<OrgState>> refreshes = new ArrayList<>();
    for (OrgRefresher org : watched) {
      refreshes.add(org.refreshIfStale());
    }
    Map<OrgRefresher, OrgState> states = new LinkedHashMap<>();
    for (int i = 0; i < watched.size(); i++) {
      OrgRefresher org = watched.get(i);
      CompletableFuture<OrgState> refresh = refreshes.get(i);
      try {
        states.put(
            org, refresh.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        org.reportLate(refresh, waited);
        OrgState last = org.state();
        states.put(
            org,
            new OrgState(
                null,
                waited,
                null,
                last == null ? null : last.lastSuccessAt(),
                "no answer within the scrape deadline"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // refresh() catches every exception; an Error (say, out of memory) still must not turn
        // the whole scrape into a 500.
        states.put(
            org,
            new OrgState(
                null,
                Duration.ofNanos(System.nanoTime() - start),
                null,
                null,
                "internal error: " + e.getCause()));
      }
    }
    return states;
  }
}
