package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.*;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns org states and counters into metric snapshots, keeping only the included families; or, for
 * the text formats, into sample lines and the few snapshots left (build info).
 */
final class SnapshotWriter implements OrgStatus.Sink {
  private final Predicate<String> included;
  private final Map<String, List<GaugeDataPointSnapshot>> gauges = new LinkedHashMap<>();
  private final Map<String, List<CounterDataPointSnapshot>> counters = new LinkedHashMap<>();
  private final Map<String, List<List<GaugeDataPointSnapshot>>> cachedParts = new HashMap<>();
  private final Map<String, List<byte[]>> lines;
  private final FamilyCache cache;

  private SnapshotWriter(
      Predicate<String> included, FamilyCache cache, Map<String, List<byte[]>> lines) {
    this.included = included;
    this.cache = cache;
    this.lines = lines;
  }

  /**
   * For client_java's writers (protobuf, name filters): source data as data points.
   *
   * @param cache where snapshots of the large families are kept between full scrapes; null for a
   *     scrape of some orgs only
   */
  static SnapshotWriter points(Predicate<String> included, FamilyCache cache) {
    return new SnapshotWriter(included, cache, null);
  }

  /**
   * For the text formats: source data as the sample lines rendered once per refresh, and each org's
   * status as the lines rendered when it last changed.
   */
  static SnapshotWriter lines() {
    return new SnapshotWriter(name -> true, null, new HashMap<>());
  }

  /** One org as a scrape serves it: each served source's data, then the org's status. */
  void org(WatchedOrg org, List<SourceSlot.Served<?>> served, OrgStatus status) {
    for (SourceSlot.Served<?> source : served) {
      source.writeData(this, org.name());
    }
    if (lines != null) {
      add(org.statusLines().of(status));
    } else {
      status.write(this);
    }
  }

  void buildInfo(BuildInfo info) {
    gauge(BUILD_INFO, Labels.of("version", info.version()), 1);
  }

  /** The families rendered as lines (see {@link #lines()}) in family order, each org's in order. */
  TextScrape buildText() {
    List<TextScrape.Family> rendered = new ArrayList<>();
    for (MetricFamilyDescriptor family : MetricFamilies.ALL) {
      List<byte[]> ofOrgs = lines.get(family.getPrometheusName());
      if (ofOrgs != null) {
        rendered.add(new TextScrape.Family(family, List.copyOf(ofOrgs)));
      }
    }
    return new TextScrape(build(), List.copyOf(rendered));
  }

  /** Every included family but those rendered as lines. */
  MetricSnapshots build() {
    MetricSnapshots.Builder result = MetricSnapshots.builder();
    for (MetricFamilyDescriptor family : MetricFamilies.ALL) {
      String name = family.getPrometheusName();
      if (!included.test(name) || (lines != null && lines.containsKey(name))) {
        continue;
      }
      Unit unit = family.getMetadata().getUnit();
      if (family.getType() == io.prometheus.metrics.model.registry.MetricType.COUNTER) {
        CounterSnapshot.Builder snapshot =
            CounterSnapshot.builder()
                .name(family.getMetadata().getName())
                .help(family.getMetadata().getHelp());
        if (unit != null) {
          snapshot.unit(unit);
        }
        counters.getOrDefault(name, List.of()).forEach(snapshot::dataPoint);
        result.metricSnapshot(snapshot.build());
      } else {
        result.metricSnapshot(gauge(family, unit));
      }
    }
    if (cache != null) {
      cache.retain(cachedParts.keySet());
    }
    return result.build();
  }

  private GaugeSnapshot gauge(MetricFamilyDescriptor family, Unit unit) {
    String name = family.getPrometheusName();
    List<List<GaugeDataPointSnapshot>> parts = cachedParts.getOrDefault(name, List.of());
    List<GaugeDataPointSnapshot> own = gauges.getOrDefault(name, List.of());
    boolean cacheable = cache != null && own.isEmpty() && !parts.isEmpty();
    GaugeSnapshot cached = cacheable ? cache.get(name, parts) : null;
    if (cached != null) {
      return cached;
    }
    GaugeSnapshot.Builder snapshot =
        GaugeSnapshot.builder()
            .name(family.getMetadata().getName())
            .help(family.getMetadata().getHelp());
    if (unit != null) {
      snapshot.unit(unit);
    }
    parts.forEach(points -> points.forEach(snapshot::dataPoint));
    own.forEach(snapshot::dataPoint);
    GaugeSnapshot built = snapshot.build();
    if (cacheable) {
      cache.put(name, parts, built);
    }
    return built;
  }

  /** A source's samples, built once per refresh (see {@link SourcePoints}). */
  void samples(SourcePoints.Samples<?> samples) {
    if (lines != null) {
      add(samples.lines());
      return;
    }
    samples
        .points()
        .forEach(
            (family, points) -> {
              if (included.test(family)) {
                cachedParts.computeIfAbsent(family, f -> new ArrayList<>()).add(points);
              }
            });
  }

  private void add(Map<String, byte[]> linesByFamily) {
    linesByFamily.forEach(
        (family, bytes) -> lines.computeIfAbsent(family, f -> new ArrayList<>()).add(bytes));
  }

  /** Data points of families the scrape's name filter excludes are not built at all. */
  @Override
  public void gauge(String family, Labels labels, double value) {
    if (included.test(family)) {
      gauges
          .computeIfAbsent(family, f -> new ArrayList<>())
          .add(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }

  @Override
  public void counter(String family, Labels labels, double value) {
    if (included.test(family)) {
      counters
          .computeIfAbsent(family, f -> new ArrayList<>())
          .add(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }
}
