package dev.sfexporter.collect;

import static dev.sfexporter.collect.MetricFamilies.*;

import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.OrgLimits;
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

  /** The org's limits as one scrape serves them, its failure counts and its identity. */
  void org(WatchedOrg org, SourceView<OrgLimits> limits) {
    String name = org.name();
    Labels orgLabel = Labels.of("org", name);
    gauge(UP, orgLabel, limits.up() ? 1 : 0);
    gauge(REFRESH_DURATION, orgLabel, limits.duration().toNanos() / 1e9);
    if (limits.lastSuccessAt() != null) {
      gauge(LAST_REFRESH, orgLabel, limits.lastSuccessAt().toEpochMilli() / 1e3);
    }
    for (FailureReason reason : FailureReason.values()) {
      counter(
          REFRESH_FAILURES,
          Labels.of("org", name, "reason", reason.label()),
          org.limits().failures(reason));
    }
    OrgClient.Identity identity = org.client().identity();
    if (identity != null) {
      gauge(
          ORG_INFO,
          Labels.of(
              "org",
              name,
              "org_id",
              identity.orgId(),
              "instance_url",
              identity.instanceUrl().toString(),
              "api_version",
              identity.apiVersion()),
          1);
    }
    if (limits.value() != null) {
      LimitsSource.write(this, name, limits.value());
    }
  }

  void apiCalls(ApiCallCounters.Count count) {
    Labels labels = Labels.of("org", count.org(), "endpoint", count.endpoint());
    counter(API_REQUESTS, labels, count.requests());
    counter(API_FAILURES, labels, count.failures());
  }

  void buildInfo(BuildInfo info) {
    gauge(BUILD_INFO, Labels.of("version", info.version()), 1);
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
  void gauge(String family, Labels labels, double value) {
    if (included.test(family)) {
      gauges
          .computeIfAbsent(family, f -> new ArrayList<>())
          .add(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }

  void counter(String family, Labels labels, double value) {
    if (included.test(family)) {
      counters
          .computeIfAbsent(family, f -> new ArrayList<>())
          .add(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }
}
