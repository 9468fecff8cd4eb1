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
 * The samples of one source's answer, built once per refreshed value instead of once per scrape: at
 * 1,000 orgs a scrape serves ~125,000 of them, and every scrape until the next refresh shares what
 * the first one built.
 */
final class SourcePoints {
  private volatile Samples<?> latest;

  /** The samples of {@code value}; nothing is built until someone asks for one shape of them. */
  @SuppressWarnings("unchecked")
  <T> Samples<T> of(Source<T> source, String org, T value) {
    Samples<?> cached = latest;
    if (cached != null && cached.value == value && cached.org.equals(org)) {
      return (Samples<T>) cached;
    }
    Samples<T> fresh = new Samples<>(source, org, value);
    latest = fresh;
    return fresh;
  }

  /**
   * One answer's samples in the shape a scrape needs: sample lines for the text formats, data
   * points for the others (protobuf, {@code name[]} filters). The lines are built by the refresh
   * that got the answer ({@link SourceSlot}); data points at the first scrape that asks for them,
   * so a Prometheus scraping text never pays for them. Two threads at once may both build one
   * shape: the result is the same, and the last one is kept.
   */
  static final class Samples<T> {
    private final Source<T> source;
    private final String org;
    private final T value;
    private volatile Map<String, byte[]> lines;
    private volatile Map<String, List<GaugeDataPointSnapshot>> points;

    private Samples(Source<T> source, String org, T value) {
      this.source = source;
      this.org = org;
      this.value = value;
    }

    /** Each family's sample lines, as {@link SampleLines} renders them. */
    Map<String, byte[]> lines() {
      Map<String, byte[]> built = lines;
      if (built == null) {
        SampleLines.Sink sink = new SampleLines.Sink();
        write(sink);
        built = sink.bytes();
        lines = built;
      }
      return built;
    }

    /** Each family's data points. */
    Map<String, List<GaugeDataPointSnapshot>> points() {
      Map<String, List<GaugeDataPointSnapshot>> built = points;
      if (built == null) {
        Map<String, List<GaugeDataPointSnapshot>> byFamily = new HashMap<>();
        write(
            (family, labels, sample) ->
                byFamily
                    .computeIfAbsent(family, f -> new ArrayList<>())
                    .add(GaugeDataPointSnapshot.builder().labels(labels).value(sample).build()));
        byFamily.replaceAll((family, list) -> List.copyOf(list));
        built = Map.copyOf(byFamily);
        points = built;
      }
      return built;
    }

    /**
     * The source's samples, each label set once per family: Salesforce can send two rows that map
     * to one label set (two entitlements of one label, say); a duplicate would make the whole
     * scrape fail, so the first one wins.
     */
    private void write(SampleSink sink) {
      Map<String, Set<Labels>> seen = new HashMap<>();
      source.write(
          (family, labels, sample) -> {
            if (seen.computeIfAbsent(family, f -> new HashSet<>()).add(labels)) {
              sink.gauge(family, labels, sample);
            }
          },
          org,
          value);
    }
  }
}
