package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.*;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  private final FamilyCache fullScrapes = new FamilyCache();

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

  /** The query parameter that limits a scrape to some orgs: {@code /metrics?org=a&org=b}. */
  public static final String ORG_PARAMETER = "org";

  @Override
  public MetricSnapshots collect(Predicate<String> included, PrometheusScrapeRequest request) {
    Set<String> only = requestedOrgs(request);
    return collect(
            included, request, SnapshotWriter.points(included, only == null ? fullScrapes : null))
        .build();
  }

  /**
   * The same scrape for the text formats, with the source data as sample lines rendered once per
   * refresh and each org's status as rendered when it last changed: what makes a warm scrape of
   * many orgs cheap.
   */
  public TextScrape collectText(PrometheusScrapeRequest request) {
    return collect(name -> true, request, SnapshotWriter.lines()).buildText();
  }

  private SnapshotWriter collect(
      Predicate<String> included, PrometheusScrapeRequest request, SnapshotWriter writer) {
    Set<String> only = requestedOrgs(request);
    List<WatchedOrg> watched = only == null ? orgs.all() : orgs.named(only);
    Duration budget = ScrapeDeadline.budget(request, timeout.get());
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    // Start every due refresh of every org at once, then wait for them all, at most the budget.
    List<List<SourceSlot.Pending<?>>> pending = new ArrayList<>();
    for (WatchedOrg org : watched) {
      List<SourceSlot.Pending<?>> ofOrg = new ArrayList<>();
      for (SourceSlot<?> slot : org.sources()) {
        if (MetricFamilies.wants(included, slot.source())) {
          ofOrg.add(slot.start());
        }
      }
      pending.add(ofOrg);
    }
    boolean withInfo = included.test(MetricFamilies.ORG_INFO);
    for (int i = 0; i < watched.size(); i++) {
      List<SourceSlot.Served<?>> served = new ArrayList<>();
      for (SourceSlot.Pending<?> each : pending.get(i)) {
        served.add(each.await(deadline, start));
      }
      WatchedOrg org = watched.get(i);
      writer.org(org, served, OrgStatus.of(org, served, withInfo, counters.of(org.name())));
    }
    writer.buildInfo(buildInfo);
    return writer;
  }

  /** The orgs a per-org target asks for, or null for every org. */
  private static Set<String> requestedOrgs(PrometheusScrapeRequest request) {
    String[] names = request == null ? null : request.getParameterValues(ORG_PARAMETER);
    return names == null || names.length == 0 ? null : new HashSet<>(Arrays.asList(names));
  }
}
