package dev.sfexporter.collect;

import dev.sfexporter.collect.sources.SampleSink;
import dev.sfexporter.collect.sources.Source;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data points of one source's answer, built once per refreshed value instead of once per
 * scrape: at 1,000 orgs a scrape serves ~200,000 of them, and data point snapshots are immutable,
 * so every scrape until the next refresh shares the same objects.
 */
final class SourcePoints {
  private record Built(
      String org, Object value, Map<String, List<GaugeDataPointSnapshot>> points) {}

  private volatile Built built;

  /**
   * The data points of {@code value} by family; built at the first scrape that serves it. Two
   * scrapes at once may both build them: the result is the same, and the last one is kept.
   */
  <T> Map<String, List<GaugeDataPointSnapshot>> of(Source<T> source, String org, T value) {
    Built cached = built;
    if (cached != null && cached.value() == value && cached.org().equals(org)) {
      return cached.points();
    }
    Map<String, List<GaugeDataPointSnapshot>> points = new HashMap<>();
    Map<String, Set<Labels>> seen = new HashMap<>();
    // Salesforce can send two rows that map to one label set (two entitlements of one label, say);
    // a duplicate would make the whole scrape fail, so the first one wins.
    SampleSink sink =
        (family, labels, sample) -> {
          if (seen.computeIfAbsent(family, f -> new HashSet<>()).add(labels)) {
            points.computeIfAbsent(family, f -> new ArrayList<>()).add(point(labels, sample));
          }
        };
    source.write(sink, org, value);
    points.replaceAll((family, list) -> List.copyOf(list));
    built = new Built(org, value, Map.copyOf(points));
    return built.points();
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
