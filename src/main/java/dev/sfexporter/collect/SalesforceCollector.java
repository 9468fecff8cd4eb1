package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.*;

import dev.sfexporter.salesforce.OrgLimits;
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
    List<WatchedOrg> watched = orgs.all();
    SnapshotWriter writer = new SnapshotWriter(included);
    if (NEED_REFRESH.stream().anyMatch(included)) {
      Map<WatchedOrg, SourceView<OrgLimits>> views =
          refreshAll(watched, ScrapeDeadline.budget(request, timeout.get()));
      views.forEach(writer::org);
    }
    counters.snapshot().forEach(writer::apiCalls);
    writer.buildInfo(buildInfo);
    return writer.build();
  }

  /** Starts every due refresh, then waits for all of them, at most {@code budget}. */
  private static Map<WatchedOrg, SourceView<OrgLimits>> refreshAll(
      List<WatchedOrg> watched, Duration budget) {
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    List<CompletableFuture<SourceState<OrgLimits>>> refreshes = new ArrayList<>();
    for (WatchedOrg org : watched) {
      refreshes.add(org.limits().refreshIfDue());
    }
    Map<WatchedOrg, SourceView<OrgLimits>> views = new LinkedHashMap<>();
    for (int i = 0; i < watched.size(); i++) {
      SourceRefresher<OrgLimits> limits = watched.get(i).limits();
      CompletableFuture<SourceState<OrgLimits>> refresh = refreshes.get(i);
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      try {
        SourceState<OrgLimits> state =
            refresh.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        views.put(watched.get(i), limits.view(state, false, waited));
      } catch (TimeoutException e) {
        views.put(
            watched.get(i), limits.late(refresh, Duration.ofNanos(System.nanoTime() - start)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // refresh() catches every exception; an Error (say, out of memory) still must not turn
        // the whole scrape into a 500: serve what is known, as down.
        views.put(watched.get(i), limits.late(refresh, waited));
      }
    }
    return views;
  }
}
