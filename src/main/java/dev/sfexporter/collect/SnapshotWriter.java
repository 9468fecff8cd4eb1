package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.*;

import dev.sfexporter.salesforce.Limit;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns org states and counters into metric snapshots, keeping only the included families. */
final class SnapshotWriter {
  private final Predicate<String> included;
  private final Map<String, List<GaugeDataPointSnapshot>> gauges = new LinkedHashMap<>();
  private final Map<String, List<CounterDataPointSnapshot>> counters = new LinkedHashMap<>();

  SnapshotWriter(Predicate<String> included) {
    this.included = included;
  }

  void org(String org, OrgState state) {
    gauge(UP, Labels.of("org", org), state.up() ? 1 : 0);
    gauge(SCRAPE_DURATION, Labels.of("org", org), state.duration().toNanos() / 1e9);
    if (state.lastSuccessAt() != null) {
      gauge(LAST_REFRESH, Labels.of("org", org), state.lastSuccessAt().toEpochMilli() / 1e3);
    }
    if (!state.up()) {
      return;
    }
    for (Limit limit : state.limits().limits()) {
      if (limit.isNested()) {
        Labels labels = Labels.of("org", org, "limit", limit.name(), "app", limit.app());
        gauge(APP_MAX, labels, limit.max());
        gauge(APP_REMAINING, labels, limit.remaining());
      } else {
        Labels labels = Labels.of("org", org, "limit", limit.name());
        gauge(LIMIT_MAX, labels, limit.max());
        gauge(LIMIT_REMAINING, labels, limit.remaining());
      }
    }
  }

  void apiCalls(ApiCallCounters.Count count) {
    Labels labels = Labels.of("org", count.org(), "endpoint", count.endpoint());
    counter(API_REQUESTS, labels, count.requests());
    counter(API_FAILURES, labels, count.failures());
  }

  void buildInfo(BuildInfo info) {
    gauge(
        BUILD_INFO,
        Labels.of("version", info.version(), "api_version", info.defaultApiVersion()),
        1);
  }

  MetricSnapshots build() {
    MetricSnapshots.Builder result = MetricSnapshots.builder();
    for (MetricFamilyDescriptor family : MetricFamilies.ALL) {
      String name = family.getPrometheusName();
      if (!included.test(name)) {
        continue;
      }
      Unit unit = family.getMetadata().getUnit();
      if (family.getType() == io.prometheus.metrics.model.registry.MetricType.COUNTER) {
        CounterSnapshot.Builder snapshot =
            CounterSnapshot.builder()
                .name(family.getMetadata().getName())
                .help(family.getMetadata().getHelp());
        counters.getOrDefault(name, List.of()).forEach(snapshot::dataPoint);
        result.metricSnapshot(snapshot.build());
      } else {
        GaugeSnapshot.Builder snapshot =
            GaugeSnapshot.builder()
                .name(family.getMetadata().getName())
                .help(family.getMetadata().getHelp());
        if (unit != null) {
          snapshot.unit(unit);
        }
        gauges.getOrDefault(name, List.of()).forEach(snapshot::dataPoint);
        result.metricSnapshot(snapshot.build());
      }
    }
    return result.build();
  }

  /** Data points of families the scrape's name filter excludes are not built at all. */
  private void gauge(String family, Labels labels, double value) {
    if (included.test(family)) {
      gauges
          .computeIfAbsent(family, f -> new ArrayList<>())
          .add(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }

  private void counter(String family, Labels labels, double value) {
    if (included.test(family)) {
      counters
          .computeIfAbsent(family, f -> new ArrayList<>())
          .add(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }
}
