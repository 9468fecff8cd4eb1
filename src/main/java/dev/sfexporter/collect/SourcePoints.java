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

  /**
   * The answer before {@link #latest}, kept from the refresh that rendered a new answer until a
   * scrape serves that one: a scrape that began before the refresh settled still serves the
   * previous answer, and must find it rendered rather than render it again.
   */
  private volatile Samples<?> previous;

  /** Renders a refreshed answer's sample lines, for the scrapes that will serve it. */
  <T> void render(Source<T> source, String org, T value) {
    Samples<T> fresh = new Samples<>(source, org, value);
    fresh.lines();
    previous = latest;
    latest = fresh; // only once rendered: an answer that cannot be rendered never replaces one
  }

  /** The samples of {@code value}: as rendered by its refresh, else built when first asked for. */
  @SuppressWarnings("unchecked")
  <T> Samples<T> of(Source<T> source, String org, T value) {
    Samples<?> current = latest;
    if (current != null && current.isOf(org, value)) {
      previous = null; // scrapes serve the latest answer from now on
      return (Samples<T>) current;
    }
    Samples<?> before = previous;
    if (before != null && before.isOf(org, value)) {
      return (Samples<T>) before;
    }
    Samples<T> fresh = new Samples<>(source, org, value);
    latest = fresh;
    return fresh;
  }

  /**
   * One answer's samples in the shape a scrape needs: sample lines for the text formats, data
   * points for the others (protobuf, {@code name[]} filters). The lines are built by the refresh
   * that got the answer ({@link SourceSlot}): what almost every scrape serves (Prometheus asks for
   * text or OpenMetrics), so a Prometheus asking for protobuf pays for lines it does not use. Data
   * points are built at the first scrape that asks for them, so a Prometheus scraping text never
   * pays for them. Two threads at once may both build one shape: the result is the same, and the
   * last one is kept.
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

    private boolean isOf(String org, Object value) {
      return this.value == value && this.org.equals(org);
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
